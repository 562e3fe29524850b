/**
 * Delete: a group that is already gone is success; a group without this resource's ownership
 * tags is left in place (the answer is SUCCESS, which carries no Reason, so a log line says
 * so); a group still in use (instances terminating) is retried with backoff while the
 * invocation has time, then handed over as `inProgress`.
 */
import type { DeleteInput, Outcome } from '../../../framework/index.js';
import { AwsCallError, inProgress, sleep, succeeded } from '../../../framework/index.js';
import { describeOwner, isOwnedBy } from '../ownership.js';
import { callEc2, delayAfter, hasTimeFor } from './aws-call.js';
import type { Pacing, StepContext } from './aws-call.js';
import { describeGroup } from './groups.js';
import type { PlacementGroupProperties } from './schema.js';
import { Steps } from './wait.js';

/** Deletes until done, retrying `InvalidPlacementGroup.InUse`; `attempts` counts earlier tries. */
async function deleteGroup(context: StepContext, name: string, attempts: number): Promise<Outcome> {
  for (let attempt = attempts; ; attempt += 1) {
    try {
      await callEc2(context, 'DeletePlacementGroup', ({ client, sdk }) =>
        client.send(new sdk.DeletePlacementGroupCommand({ GroupName: name }), { abortSignal: context.signal }),
      );
      context.log.info('placement group deleted', { groupName: name });
      return succeeded(name);
    } catch (error) {
      if (!(error instanceof AwsCallError)) throw error;
      if (error.awsCode === 'InvalidPlacementGroup.Unknown') {
        context.log.info('placement group already gone', { groupName: name });
        return succeeded(name);
      }
      if (error.awsCode !== 'InvalidPlacementGroup.InUse') throw error;
      const delayMs = delayAfter(attempt, context.pacing);
      if (!hasTimeFor(delayMs, context)) {
        return inProgress({
          waitingFor: `placement group ${name} to be free of instances`,
          state: { step: Steps.delete, groupName: name, attempts: attempt + 1 },
          delaySeconds: Math.ceil(delayMs / 1000),
          physicalId: name,
        });
      }
      context.log.info('placement group still has instances (they may be terminating); retrying', { groupName: name, attempt: attempt + 1, delayMs });
      await sleep(delayMs, context.signal);
    }
  }
}

/**
 * The `delete` function of Custom::PlacementGroup.
 * @example
 * const definition = defineResource({ …, delete: (input) => deletePlacementGroup(input, defaultPacing) });
 */
async function deletePlacementGroup(input: DeleteInput<PlacementGroupProperties>, pacing: Pacing): Promise<Outcome> {
  return deleteOwnedGroup({ ...input, pacing }, input.physicalId, 0);
}

/**
 * Deletes the group named `name` only when it is this resource's own: the first step of a
 * Delete and every resumed one look first, so no message (a redelivered one, or one that names
 * another stack's group) can delete what this resource does not own.
 * @example
 * return deleteOwnedGroup(context, state.groupName, state.attempts);
 * @internal
 */
async function deleteOwnedGroup(context: StepContext, name: string, attempts: number): Promise<Outcome> {
  const group = await describeGroup(context, name);
  if (group === undefined) {
    context.log.info('placement group already gone; nothing to delete', { groupName: name });
    return succeeded(name);
  }
  if (!isOwnedBy(group.Tags, context.request)) {
    const note = `placement group ${name} was left in place: it belongs to ${describeOwner(group.Tags)}, not to this resource`;
    context.log.warn(note, { groupName: name });
    return succeeded(name, {}, { note });
  }
  if (group.State === 'deleting') {
    context.log.info('placement group already being deleted', { groupName: name });
    return succeeded(name);
  }
  return deleteGroup(context, name, attempts);
}

export { deleteOwnedGroup, deletePlacementGroup };
