/**
 * What to do with a group that already carries the name a Create wants: adopt it only when
 * both ownership tags name this stack and logical id and it has the asked-for shape (a repeated
 * Create, a rollback to the old properties); wait when it is being deleted; otherwise refuse.
 */
import type { PlacementGroup } from '@aws-sdk/client-ec2';
import type { Outcome } from '../../../framework/index.js';
import { failed, inProgress } from '../../../framework/index.js';
import { describeOwner, isOwnedBy } from '../ownership.js';
import type { StepContext } from './pacing.js';
import { shapeMismatch } from './groups.js';
import type { PlacementGroupProperties } from './schema.js';
import { Steps, awaitAvailable } from './wait.js';

function foreignReason(
  group: PlacementGroup,
  name: string,
  properties: PlacementGroupProperties,
  context: StepContext,
): string {
  const fix =
    properties.GroupName === undefined
      ? 'Delete or rename that group'
      : 'Choose another GroupName, or remove GroupName so crkit derives a unique one';
  return (
    `A placement group named ${name} already exists in this account and Region and ` +
    `belongs to ${describeOwner(group.Tags)}, ` +
    `not to ${context.request.logicalResourceId} of this stack; crkit adopts only groups ` +
    `it created for the same resource. ${fix}`
  );
}

/**
 * The outcome for a Create whose name is taken by `group`.
 * @example
 * const existing = await describeGroup(context, name);
 * if (existing !== undefined) return settleExisting(context, existing, properties, name);
 */
function settleExisting(
  context: StepContext,
  group: PlacementGroup,
  properties: PlacementGroupProperties,
  name: string,
): Promise<Outcome> | Outcome {
  if (group.State === 'deleting') {
    return inProgress({
      waitingFor: `the earlier placement group named ${name} to finish deleting`,
      state: { step: Steps.recreate, groupName: name, polls: 1 },
    });
  }
  if (!isOwnedBy(group.Tags, context.request))
    return failed(foreignReason(group, name, properties, context));
  const mismatch = shapeMismatch(group, properties);
  if (mismatch !== undefined) {
    return failed(
      `Placement group ${name} already exists for this resource but has ${mismatch}; a ` +
        `placement group cannot be changed. ` +
        'Delete it, or give GroupName a new value so a new group is created',
    );
  }
  context.log.info(
    'adopting the existing placement group: its ownership tags name this stack and logical id',
    { groupName: name },
  );
  return awaitAvailable(context, group, name, 0);
}

export { settleExisting };
