/**
 * CreatePlacementGroup, DescribePlacementGroups and DeletePlacementGroup with EC2's
 * validation and error codes.
 */
import { ApiError, invalidValue } from './errors.js';
import { matchesFilters } from './filters.js';
import { describeState, placementGroupXml, stateOf } from './placement-groups.js';
import type { PlacementGroupRecord } from './placement-groups.js';
import { intParam, listParam, parseFilters, required } from './query.js';
import type { Params } from './query.js';
import { parseTagSpecifications } from './tags.js';
import type { World } from './world.js';
import { el, list } from './xml.js';
import type { Xml } from './xml.js';

const STRATEGIES = ['cluster', 'spread', 'partition', 'precision-time'];
const MAX_GROUPS = 500;
const MAX_PARTITIONS = 7;

const unknown = (name: string): ApiError =>
  new ApiError('InvalidPlacementGroup.Unknown', `The Placement Group '${name}' is unknown.`);

const checkShape = (
  strategy: string | undefined,
  partitionCount: number | undefined,
  spreadLevel: string | undefined,
): void => {
  if (strategy !== undefined && !STRATEGIES.includes(strategy)) {
    throw invalidValue('strategy', strategy, `Valid values: ${STRATEGIES.join(' | ')}`);
  }
  if (partitionCount !== undefined && strategy !== 'partition') {
    throw new ApiError(
      'InvalidParameterCombination',
      'PartitionCount can only be specified with the partition strategy.',
    );
  }
  if (partitionCount !== undefined && (partitionCount < 1 || partitionCount > MAX_PARTITIONS)) {
    throw invalidValue(
      'partitionCount',
      String(partitionCount),
      `The partition count must be between 1 and ${MAX_PARTITIONS}.`,
    );
  }
  if (spreadLevel !== undefined && strategy !== 'spread') {
    throw new ApiError(
      'InvalidParameterCombination',
      'SpreadLevel can only be specified with the spread strategy.',
    );
  }
  if (spreadLevel !== undefined && !['host', 'rack'].includes(spreadLevel)) {
    throw invalidValue('spreadLevel', spreadLevel, 'Valid values: host | rack');
  }
  if (spreadLevel === 'host') {
    throw new ApiError(
      'InvalidParameterValue',
      'Host-level spread placement groups are supported only on AWS Outposts.',
    );
  }
};

const createPlacementGroup = (world: World, params: Params): Xml => {
  const groupName = required(params, 'GroupName', 'groupName');
  if (groupName.length > 255)
    throw invalidValue('groupName', groupName, 'Group names are at most 255 characters.');
  const strategy = params.Strategy;
  const partitionCount = intParam(params, 'PartitionCount');
  const spreadLevel = params.SpreadLevel;
  checkShape(strategy, partitionCount, spreadLevel);
  const tags = parseTagSpecifications(params, 'placement-group');
  if (world.placementGroups.byName(groupName)) {
    throw new ApiError(
      'InvalidPlacementGroup.Duplicate',
      `The Placement Group '${groupName}' already exists.`,
    );
  }
  if (world.placementGroups.size >= MAX_GROUPS) {
    throw new ApiError(
      'PlacementGroupLimitExceeded',
      `You have reached the limit of ${MAX_GROUPS} placement groups.`,
    );
  }
  const groupId = world.nextId('pg');
  world.tags.put(groupId, tags);
  const groupArn = `arn:aws:ec2:${world.region}:${world.account}:placement-group/${groupName}`;
  const group = world.placementGroups.add({
    groupName,
    groupId,
    groupArn,
    strategy,
    partitionCount,
    spreadLevel,
  });
  return el('placementGroup', placementGroupXml(group, stateOf(group), world.tags.list(groupId)));
};

const filterFields =
  (group: PlacementGroupRecord) =>
  (name: string): string[] | undefined => {
    const fields: Record<string, string | undefined> = {
      'group-name': group.groupName,
      'group-id': group.groupId,
      'group-arn': group.groupArn,
      'spread-level': group.spreadLevel,
      state: stateOf(group),
      strategy: group.strategy,
    };
    if (!(name in fields)) return undefined;
    const value = fields[name];
    return value === undefined ? [] : [value];
  };

const select = (world: World, params: Params): PlacementGroupRecord[] => {
  const names = listParam(params, 'GroupName');
  const ids = listParam(params, 'GroupId');
  for (const id of ids) {
    if (!/^pg-[0-9a-f]{8,17}$/.test(id))
      throw new ApiError(
        'InvalidPlacementGroupId.Malformed',
        `Invalid id: "${id}" (expecting "pg-...")`,
      );
  }
  const missingName = names.find((name) => !world.placementGroups.byName(name));
  if (missingName !== undefined) throw unknown(missingName);
  const missingId = ids.find((id) => !world.placementGroups.byId(id));
  if (missingId !== undefined)
    throw new ApiError(
      'InvalidPlacementGroup.Unknown',
      `The Placement Group Id '${missingId}' is unknown.`,
    );
  const filters = parseFilters(params);
  return world.placementGroups
    .all()
    .filter((group) => names.length === 0 || names.includes(group.groupName))
    .filter((group) => ids.length === 0 || ids.includes(group.groupId))
    .filter((group) => matchesFilters(filters, filterFields(group), world.tags.of(group.groupId)));
};

const describePlacementGroups = (world: World, params: Params): Xml => {
  const groups = select(world, params);
  return list('placementGroupSet', groups, (group) => [
    placementGroupXml(group, describeState(group), world.tags.list(group.groupId)),
  ]);
};

const deletePlacementGroup = (world: World, params: Params): Xml => {
  const groupName = required(params, 'GroupName', 'groupName');
  const group = world.placementGroups.byName(groupName);
  if (!group) throw unknown(groupName);
  if (group.inUseAttempts > 0) {
    group.inUseAttempts -= 1;
    throw new ApiError(
      'InvalidPlacementGroup.InUse',
      `The placement group '${groupName}' is in use and may not be deleted.`,
    );
  }
  world.placementGroups.remove(groupName);
  world.tags.drop(group.groupId);
  return el('return', true);
};

export { createPlacementGroup, describePlacementGroups, deletePlacementGroup };
