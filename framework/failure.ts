/**
 * Turning anything thrown into a Reason CloudFormation can show. crkit's own errors carry a
 * safe reason; AWS errors give their code and message (redacted later, like every Reason);
 * anything else gets a generic reason, its detail going only to the (redacted) log.
 */
import { awsFailureReason, isAwsSdkError } from './aws-failure.js';
import { isCrkitError } from './errors.js';

/** The Reason, and the physical id of anything left behind, for a failure. */
type FailureSummary = { readonly reason: string; readonly physicalId: string | undefined };

function describeThrown(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'string') return 'a string';
  if (Array.isArray(value)) return 'an array';
  return `a value of type ${typeof value}`;
}

/**
 * Summarises a thrown value for the answer; `doing` says what was under way ("create of
 * Custom::X").
 * @example
 * summariseFailure(new TypeError('x is undefined'), 'create of Custom::X')
 * // { reason: 'create of Custom::X failed with an internal error (TypeError); …',
 * //   physicalId: undefined }
 */
function summariseFailure(error: unknown, doing: string): FailureSummary {
  if (isCrkitError(error)) return { reason: error.reason, physicalId: error.physicalId };
  if (isAwsSdkError(error))
    return { reason: awsFailureReason(error, doing), physicalId: undefined };
  if (error instanceof Error) {
    if (error.name === 'AbortError' || error.name === 'TimeoutError') {
      return {
        reason: `${doing} was cut short: the invocation's time ran out`,
        physicalId: undefined,
      };
    }
    return {
      reason: `${doing} failed with an internal error (${error.name}); the log has the details`,
      physicalId: undefined,
    };
  }
  return {
    reason: `${doing} failed: the resource code threw ${describeThrown(error)} instead of an Error`,
    physicalId: undefined,
  };
}

export { summariseFailure };
export type { FailureSummary };
