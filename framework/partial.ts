/**
 * A replacement that fails after creating its new resource. CloudFormation keeps the old
 * resource and never learns the new one's id (a FAILED Update keeps the current id), so no
 * cleanup Delete will ever come for it: the framework deletes it at once, through the
 * resource's own `delete`, and says in the Reason what became of it. Not in an update rollback:
 * there, the resource re-created from the previous properties is usually the original, adopted.
 */
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { within } from './deadline.js';
import { summariseFailure } from './failure.js';
import { isOutcome } from './outcome.js';
import { isUsablePhysicalId } from './physical-id.js';
import type { AnyResourceDefinition, BaseInput } from './resource.js';

/**
 * True when a failed Update left behind a resource other than the one CloudFormation knows.
 * @internal
 */
function isPartialReplacement(
  request: CloudFormationCustomResourceEvent,
  leftBehind: string | undefined,
): leftBehind is string {
  return (
    request.RequestType === 'Update' &&
    isUsablePhysicalId(leftBehind) &&
    leftBehind !== request.PhysicalResourceId
  );
}

/**
 * Deletes the partly made replacement; returns a sentence for the Reason. Never throws.
 * @internal
 */
async function discardPartialReplacement(
  definition: AnyResourceDefinition,
  base: BaseInput,
  properties: Record<string, unknown> | undefined,
  physicalId: string,
  answerEndsAt: number,
): Promise<string> {
  const doing = `deleting the partly made replacement ${physicalId}`;
  // An update rollback re-creates with the previous properties, which resolves to the resource
  // the stack had before the update (adopted by name): that one must never be deleted.
  if (base.action === 'rollback') {
    base.log.warn(
      'the rollback failed while holding a resource other than the current one: left in place',
      { physicalId },
    );
    return (
      `crkit left ${physicalId} in place: in an update rollback it can be the resource the ` +
      `stack had before the update.`
    );
  }
  // The working time may be over (that may be why the replacement failed): the cleanup gets half
  // of what is left before the answer must be sent; the PUT keeps the other half.
  const cleanupEndsAt = Date.now() + Math.floor((answerEndsAt - Date.now()) / 2);
  const signal = AbortSignal.timeout(Math.max(1, Math.floor(cleanupEndsAt - Date.now())));
  const remainingMs = () => Math.max(0, cleanupEndsAt - Date.now());
  try {
    const input = Object.freeze({
      ...base,
      action: 'delete' as const,
      signal,
      remainingMs,
      properties,
      physicalId,
    });
    const outcome: unknown = await within(signal, () => definition.delete(input));
    if (isOutcome(outcome) && outcome.kind === 'succeeded') {
      base.log.info('deleted the partly made replacement', { physicalId });
      return `crkit deleted the partly made replacement ${physicalId}.`;
    }
    const why =
      isOutcome(outcome) && outcome.kind === 'failed'
        ? outcome.reason
        : 'its delete did not finish';
    base.log.error('the partly made replacement could not be deleted', { physicalId, why });
    return (
      `The partly made replacement ${physicalId} could not be deleted (${why}); delete it ` +
      `by hand.`
    );
  } catch (error) {
    base.log.error('the partly made replacement could not be deleted', { physicalId, error });
    return (
      `The partly made replacement ${physicalId} could not be deleted ` +
      `(${summariseFailure(error, doing).reason}); delete it by hand.`
    );
  }
}

export { discardPartialReplacement, isPartialReplacement };
