/**
 * Create (and replacement): validate, name, check the instance types, then create the group or
 * settle with the one that has its name. A Create or an update's replacement calls
 * CreatePlacementGroup at once: its Duplicate (a repeated Create, a race, a foreign group) is
 * what leads to the look-up, and the group is adopted only when its ownership tags name this
 * resource. A rollback looks the name up first: it goes back to the original group, which
 * exists, and must not risk a creating call whose lost answer would name that group.
 */
import type { PlacementGroup } from '@aws-sdk/client-ec2';
import type { CreateInput, Outcome } from '../../../framework/index.js';
import { AwsCallError, failed, sleep } from '../../../framework/index.js';
import { callEc2 } from '../ec2-call.js';
import { tagsToWrite } from '../stack-tags.js';
import { delayAfter, hasTimeFor } from './pacing.js';
import type { Pacing, StepContext } from './pacing.js';
import { settleExisting } from './existing.js';
import { describeGroup } from './groups.js';
import { instanceTypesProblem } from './instance-types.js';
import { groupNameFor } from './naming.js';
import { propertiesProblem } from './rules.js';
import type { PlacementGroupProperties } from './schema.js';
import { awaitAvailable } from './wait.js';

/** Context of a create step: it may need the stack's tags. @internal */
type CreateContext = StepContext &
  Pick<CreateInput<PlacementGroupProperties>, 'stackTags' | 'creating'>;

function collisionReason(name: string): string {
  return (
    `GroupName ${name} is the name of the placement group this update replaces. A ` +
    `placement group cannot be changed in place ` +
    'and its name is unique per Region, so the new group needs another name: change ' +
    'GroupName (for example to ' +
    `${name.slice(0, 250)}-2), or remove GroupName and crkit derives a new name for each ` +
    `replacement`
  );
}

/** Describes a few more times after Duplicate did not show the group yet. */
const DuplicateDescribes = 4;

/**
 * The group a Duplicate says exists. DescribePlacementGroups is eventually consistent, so a
 * group a concurrent delivery just created may still read as Unknown for a moment.
 * @internal
 */
async function describeAfterDuplicate(
  context: CreateContext,
  name: string,
): Promise<PlacementGroup | undefined> {
  for (let attempt = 0; ; attempt += 1) {
    const group = await describeGroup(context, name);
    const delayMs = delayAfter(attempt, context.pacing);
    if (group !== undefined || attempt + 1 >= DuplicateDescribes || !hasTimeFor(delayMs, context))
      return group;
    context.log.info(
      'CreatePlacementGroup said Duplicate but the group is not visible yet; describing again',
      { groupName: name, delayMs },
    );
    await sleep(delayMs, context.signal);
  }
}

/**
 * Creates the group and waits for it to be available; on Duplicate, settles with the group that
 * has the name (adopted only when it is this resource's).
 * @example
 * return createGroup(context, properties, name);
 */
async function createGroup(
  context: CreateContext,
  properties: PlacementGroupProperties,
  name: string,
): Promise<Outcome> {
  const tags = await tagsToWrite(context, properties.Tags);
  let created: PlacementGroup | undefined;
  try {
    // The name is the id and is known before the call: if the call's answer is lost (the
    // deadline, a reset), the answer names the group that may exist, and the rollback's Delete
    // removes it when it is this resource's.
    const answer = await context.creating(name, () =>
      callEc2(context, 'CreatePlacementGroup', ({ client, sdk }) =>
        client.send(
          new sdk.CreatePlacementGroupCommand({
            GroupName: name,
            Strategy: properties.Strategy,
            PartitionCount: properties.PartitionCount,
            SpreadLevel: properties.SpreadLevel,
            TagSpecifications: [{ ResourceType: 'placement-group', Tags: [...tags] }],
          }),
          { abortSignal: context.signal },
        ),
      ),
    );
    created = answer.PlacementGroup;
  } catch (error) {
    if (!(error instanceof AwsCallError) || error.awsCode !== 'InvalidPlacementGroup.Duplicate')
      throw error;
    const existing = await describeAfterDuplicate(context, name);
    if (existing === undefined) throw error;
    return settleExisting(context, existing, properties, name);
  }
  context.log.info('placement group created', { groupName: name, state: created?.State });
  return awaitAvailable(
    context,
    created?.GroupName === name ? created : await describeGroup(context, name, name),
    name,
    0,
  );
}

/**
 * The `create` function of Custom::PlacementGroup (also called for a replacement).
 * @example
 * const definition = defineResource({
 *   …, create: (input) => createPlacementGroup(input, defaultPacing),
 * });
 */
async function createPlacementGroup(
  input: CreateInput<PlacementGroupProperties>,
  pacing: Pacing,
): Promise<Outcome> {
  const context: CreateContext = { ...input, pacing };
  const { properties } = input;
  const problem = propertiesProblem(properties);
  if (problem !== undefined) return failed(problem);
  const name = groupNameFor(properties, input.request);
  if (input.replacing?.physicalId === name && input.action !== 'rollback')
    return failed(collisionReason(name));
  const typesProblem = await instanceTypesProblem(
    context,
    properties.InstanceTypes,
    properties.Strategy,
  );
  if (typesProblem !== undefined) return failed(typesProblem);
  if (input.action === 'rollback') {
    const original = await describeGroup(context, name);
    if (original !== undefined) return settleExisting(context, original, properties, name);
  }
  return createGroup(context, properties, name);
}

export { createGroup, createPlacementGroup };
export type { CreateContext };
