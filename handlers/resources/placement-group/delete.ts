/**
 * Delete: a group that is already gone is success; a group without this resource's ownership
 * tags is left in place (the SUCCESS answer's Reason and a log line say so); a group still in
 * use (instances terminating) is `inProgress`, retried on the framework's schedule.
 */
import type { DeleteInput, Outcome } from '../../../framework/index.js';
import { AwsCallError, inProgress, succeeded } from '../../../framework/index.js';
import { describeOwner, isOwnedBy } from '../ownership.js';
import { callEc2 } from '../ec2-call.js';
import type { Pacing, StepContext } from './pacing.js';
import { describeGroup } from './groups.js';
import type { PlacementGroupProperties } from './schema.js';
import { Steps } from './wait.js';

/**
 * Deletes the group; while it is in use (instances terminating), the framework tries again on its
 * schedule. `attempts` counts earlier tries.
 */
async function deleteGroup(context: StepContext, name: string, attempts: number): Promise<Outcome> {
  try {
    await callEc2(context, 'DeletePlacementGroup', ({ client, sdk }) =>
      client.send(new sdk.DeletePlacementGroupCommand({ GroupName: name }), {
        abortSignal: context.signal,
      }),
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
    context.log.info(
      'placement group still has instances (they may be terminating); trying again later',
      { groupName: name, attempt: attempts + 1 },
    );
    return inProgress({
      waitingFor: `placement group ${name} to be free of instances`,
      state: { step: Steps.delete, groupName: name, attempts: attempts + 1 },
      physicalId: name,
    });
  }
}

/**
 * The `delete` function of Custom::PlacementGroup.
 * @example
 * const definition = defineResource({
 *   …, delete: (input) => deletePlacementGroup(input, defaultPacing),
 * });
 */
async function deletePlacementGroup(
  input: DeleteInput<PlacementGroupProperties>,
  pacing: Pacing,
): Promise<Outcome> {
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
async function deleteOwnedGroup(
  context: StepContext,
  name: string,
  attempts: number,
): Promise<Outcome> {
  const group = await describeGroup(context, name);
  if (group === undefined) {
    context.log.info('placement group already gone; nothing to delete', { groupName: name });
    return succeeded(name);
  }
  if (!isOwnedBy(group.Tags, context.request)) {
    const note =
      `placement group ${name} was left in place: it belongs to ` +
      `${describeOwner(group.Tags)}, not to this resource`;
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
