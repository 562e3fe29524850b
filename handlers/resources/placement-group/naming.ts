/**
 * The group's name, which is also the physical id (DeletePlacementGroup takes only the name).
 * Without GroupName it is derived from the stack, the logical id and the replace-on values, so
 * a repeated Create finds the same group, a replacement gets a new name, and a rollback to the
 * old values finds the old group.
 */
import { deterministicName } from '../../../framework/index.js';
import type { RequestIdentity } from '../../../framework/index.js';
import type { PlacementGroupProperties } from './schema.js';

/** EC2's longest placement group name. @internal */
const MaxGroupNameLength = 255;

/**
 * The name of the group these properties describe.
 * @example
 * groupNameFor({ Strategy: 'cluster' }, request) // 'web-Cluster-3f9a0c1b2d'
 */
function groupNameFor(
  properties: PlacementGroupProperties,
  request: Pick<RequestIdentity, 'stackId' | 'logicalResourceId'>,
): string {
  if (properties.GroupName !== undefined) return properties.GroupName;
  const { Strategy, PartitionCount, SpreadLevel } = properties;
  return deterministicName({
    stackId: request.stackId,
    logicalResourceId: request.logicalResourceId,
    identity: { Strategy, PartitionCount, SpreadLevel },
    maxLength: MaxGroupNameLength,
  });
}

export { MaxGroupNameLength, groupNameFor };
