/**
 * Drift detection's look at a placement group: one DescribePlacementGroups by name (the physical
 * id). A group EC2 no longer knows, or that is being deleted, is gone. Strategy, PartitionCount,
 * SpreadLevel and GroupName are compared where the template declares them; the group's state
 * is expected to be `available`; its tags are compared with what crkit writes.
 */
import type { LiveState, ReadInput } from '../../../framework/index.js';
import { tagRecord } from '../ownership.js';
import { describeGroup } from './groups.js';
import type { PlacementGroupProperties } from './schema.js';

/**
 * The group as it is now.
 * @example
 * read: readPlacementGroup
 */
async function readPlacementGroup(input: ReadInput<PlacementGroupProperties>): Promise<LiveState> {
  const group = await describeGroup(input, input.physicalId);
  if (group === undefined || group.State === 'deleting') return { kind: 'gone' };
  return {
    kind: 'found',
    properties: {
      Strategy: group.Strategy,
      PartitionCount: group.PartitionCount,
      SpreadLevel: group.SpreadLevel,
      GroupName: group.GroupName,
    },
    tags: tagRecord(group.Tags),
    observations: { State: { expected: 'available', actual: group.State } },
  };
}

export { readPlacementGroup };
