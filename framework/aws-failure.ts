/**
 * AWS SDK failures in words. The SDK reports three different things through one error shape:
 * AWS answered with an error code; AWS answered but the answer could not be read; or no answer
 * came at all (a reset connection, a timeout, an aborted call). A Reason must say which.
 */
import { AwsCallError } from './errors.js';

type SdkError = Error & { $metadata: { httpStatusCode?: number; attempts?: number }; code?: unknown };

/**
 * True for an error thrown by an AWS SDK v3 client.
 * @example
 * if (isAwsSdkError(error)) log.warn('AWS call failed', { code: error.name });
 */
function isAwsSdkError(error: unknown): error is SdkError {
  return error instanceof Error && typeof (error as Partial<SdkError>).$metadata === 'object' && (error as Partial<SdkError>).$metadata !== null;
}

/**
 * The AWS error code of a failed call (the SDK's error name, or an AwsCallError's code), or
 * undefined when the value is no AWS failure.
 * @example
 * if (awsErrorCode(error) === 'InvalidPlacementGroup.Unknown') return succeeded(physicalId);
 */
function awsErrorCode(error: unknown): string | undefined {
  if (error instanceof AwsCallError) return error.awsCode;
  return isAwsSdkError(error) ? error.name : undefined;
}

function shortMessage(message: string): string {
  const oneLine = message.replace(/\s+/g, ' ').trim();
  return oneLine.length > 300 ? `${oneLine.slice(0, 300)}…` : oneLine;
}

/**
 * A Reason for a failed AWS call; `call` names it ("ec2:CreatePlacementGroup" or "create of …").
 * @example
 * awsFailureReason(error, 'ec2:DeletePlacementGroup')
 * // 'ec2:DeletePlacementGroup failed: AWS returned InvalidPlacementGroup.InUse (HTTP 400): …'
 */
function awsFailureReason(error: SdkError, call: string): string {
  const status = error.$metadata.httpStatusCode;
  const attempts = error.$metadata.attempts ?? 1;
  const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
  const message = error.message ? `: ${shortMessage(error.message)}` : '';
  if (error.name === 'AbortError') return `${call} was cut short: the time for this request ran out`;
  if (status === undefined) {
    const code = typeof error.code === 'string' ? error.code : error.name;
    return `${call} got no answer from AWS${tries} (${code}${message}); the network path to the AWS endpoint failed, and retrying the stack operation may succeed`;
  }
  if (status < 300) return `${call}: AWS answered HTTP ${status}, but the answer could not be read${tries}${message}`;
  return `${call} failed${tries}: AWS returned ${error.name} (HTTP ${status})${message}`;
}

/**
 * Wraps an AWS SDK failure as an AwsCallError with a Reason a person understands; anything
 * else is returned unchanged.
 * @example
 * catch (error) { throw awsCallError(error, 'ec2:RegisterImage', { physicalId: imageId }); }
 */
function awsCallError(error: unknown, call: string, options: { readonly physicalId?: string } = {}): unknown {
  if (!isAwsSdkError(error)) return error;
  return new AwsCallError(awsFailureReason(error, call), error.name, { cause: error, physicalId: options.physicalId });
}

export { awsCallError, awsErrorCode, awsFailureReason, isAwsSdkError };
