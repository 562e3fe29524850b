/**
 * Update in place (and its rollback): nothing about a placement group can change except its
 * tags, since every other identifying property is replace-on. The update still re-checks the
 * rules and InstanceTypes, which may have changed, and confirms the group is this resource's.
 */
import type { Outcome, UpdateInput } from '../../../framework/index.js';
import { failed, succeeded } from '../../../framework/index.js';
import { describeOwner, isOwnedBy } from '../ownership.js';
import type { Pacing } from './pacing.js';
import { readStackTags } from '../stack-tags.js';
import type { CreateContext } from './create.js';
import { attributesOf, describeGroup } from './groups.js';
import { instanceTypesProblem } from './instance-types.js';
import { propertiesProblem } from './rules.js';
import type { PlacementGroupProperties } from './schema.js';
import { applyTagChanges, tagChanges } from './tags.js';

/**
 * The `update` (and `rollback`) function of Custom::PlacementGroup.
 * @example
 * const definition = defineResource({
 *   …, update: (input) => updatePlacementGroup(input, defaultPacing),
 * });
 */
async function updatePlacementGroup(
  input: UpdateInput<PlacementGroupProperties>,
  pacing: Pacing,
): Promise<Outcome> {
  const context: CreateContext = { ...input, pacing };
  const { properties, physicalId: name } = input;
  const problem = propertiesProblem(properties);
  if (problem !== undefined) return failed(problem);
  const typesProblem = await instanceTypesProblem(
    context,
    properties.InstanceTypes,
    properties.Strategy,
  );
  if (typesProblem !== undefined) return failed(typesProblem);
  const group = await describeGroup(context, name);
  if (group === undefined) {
    return failed(
      `Placement group ${name} no longer exists (deleted outside CloudFormation?), so ` +
        `its tags cannot be updated; recreate it by changing GroupName or Strategy`,
    );
  }
  if (!isOwnedBy(group.Tags, input.request)) {
    return failed(
      `Placement group ${name} belongs to ${describeOwner(group.Tags)}, not to this ` +
        `resource; crkit changes only groups it created for the same resource`,
    );
  }
  const stack = await readStackTags(context);
  const oldAuthor = input.oldProperties?.Tags;
  const changes = tagChanges({
    group,
    author: properties.Tags,
    oldAuthor,
    stack,
    owner: input.request,
  });
  await applyTagChanges(context, group.GroupId ?? name, changes);
  return succeeded(name, attributesOf(group, input.request));
}

export { updatePlacementGroup };
