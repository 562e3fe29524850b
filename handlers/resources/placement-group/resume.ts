/**
 * The next step of a long operation, from the state an `inProgress` outcome carried: wait for
 * `available`, retry a delete whose group was in use, or create once an earlier group of the
 * same name has finished deleting.
 */
import type { Outcome, ResumeInput } from '../../../framework/index.js';
import { failed } from '../../../framework/index.js';
import type { Pacing } from './pacing.js';
import { createGroup } from './create.js';
import type { CreateContext } from './create.js';
import { deleteOwnedGroup } from './delete.js';
import { settleExisting } from './existing.js';
import { describeGroup } from './groups.js';
import { describeOwner, isOwnedBy } from '../ownership.js';
import type { PlacementGroupProperties } from './schema.js';
import { Steps, awaitAvailable } from './wait.js';

function count(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0;
}

async function recreate(
  context: CreateContext,
  properties: PlacementGroupProperties | undefined,
  name: string,
  polls: number,
): Promise<Outcome> {
  if (properties === undefined)
    return failed(`the properties no longer parse, so placement group ${name} cannot be created`);
  const existing = await describeGroup(context, name);
  if (existing === undefined) return createGroup(context, properties, name);
  if (existing.State !== 'deleting') return settleExisting(context, existing, properties, name);
  const outcome = await settleExisting(context, existing, properties, name);
  return outcome.kind === 'in-progress'
    ? { ...outcome, state: { ...outcome.state, polls: polls + 1 } }
    : outcome;
}

/**
 * Goes on waiting for the group only while it is this resource's own: a step never answers for
 * another stack's group.
 */
async function awaitOwnGroup(
  context: CreateContext,
  name: string,
  polls: number,
): Promise<Outcome> {
  const group = await describeGroup(context, name, name);
  if (group !== undefined && !isOwnedBy(group.Tags, context.request)) {
    return failed(
      `placement group ${name} belongs to ${describeOwner(group.Tags)}, not to this ` +
        `resource; crkit does not wait for or answer with it`,
    );
  }
  return awaitAvailable(context, group, name, polls);
}

/**
 * The `resume` function of Custom::PlacementGroup.
 * @example
 * const definition = defineResource({
 *   …, resume: (input) => resumePlacementGroup(input, defaultPacing),
 * });
 */
async function resumePlacementGroup(
  input: ResumeInput<PlacementGroupProperties>,
  pacing: Pacing,
): Promise<Outcome> {
  const context: CreateContext = { ...input, pacing };
  const { step, groupName, polls, attempts } = input.state;
  if (typeof groupName !== 'string' || groupName === '')
    return failed(
      'crkit lost track of the placement group it was waiting for (no group name in the ' +
        'continuation state)',
    );
  switch (step) {
    case Steps.available:
      return awaitOwnGroup(context, groupName, count(polls));
    case Steps.delete:
      return deleteOwnedGroup(context, groupName, count(attempts));
    case Steps.recreate:
      return recreate(context, input.properties, groupName, count(polls));
    default:
      return failed(
        `crkit cannot continue step ${String(step)} of Custom::PlacementGroup (unknown step)`,
        groupName,
      );
  }
}

export { resumePlacementGroup };
