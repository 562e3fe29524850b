/**
 * Drift detection's look at a placement group: one DescribePlacementGroups by name (the physical
 * id). A group EC2 no longer knows, or that is being deleted, is gone. Strategy, PartitionCount,
 * SpreadLevel and GroupName are compared where the template declares them; the group's state
 * is expected to be `available`; its tags are compared with what crkit writes.
 */
import type { LiveState, ReadInput } from '../../../framework/index.js';
import { tagRecord } from '../ownership.js';
import type { Pacing, StepContext } from './aws-call.js';
import { describeGroup } from './groups.js';
import type { PlacementGroupProperties } from './schema.js';

/** Time a read may spend retrying throttled calls: a drift check is never in a hurry, nor worth a long wait. */
const ReadBudgetMs = 15_000;

/**
 * The group as it is now.
 * @example
 * read: (input) => readPlacementGroup(input, pacing)
 */
async function readPlacementGroup(input: ReadInput<PlacementGroupProperties>, pacing: Pacing): Promise<LiveState> {
  const startedAt = Date.now();
  const context: StepContext = { request: input.request, log: input.log, signal: input.signal, action: 'update', pacing, remainingMs: () => ReadBudgetMs - (Date.now() - startedAt) };
  const group = await describeGroup(context, input.physicalId);
  if (group === undefined || group.State === 'deleting') return { kind: 'gone' };
  return {
    kind: 'found',
    properties: { Strategy: group.Strategy, PartitionCount: group.PartitionCount, SpreadLevel: group.SpreadLevel, GroupName: group.GroupName },
    tags: tagRecord(group.Tags),
    observations: { State: { expected: 'available', actual: group.State } },
  };
}

export { readPlacementGroup };
