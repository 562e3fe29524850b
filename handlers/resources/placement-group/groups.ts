/**
 * Reading placement groups: look one up by name, tell whether it is the group the properties
 * ask for, and turn it into the `Fn::GetAtt` attributes.
 */
import type { PlacementGroup } from '@aws-sdk/client-ec2';
import type { AttributeValue, RequestIdentity } from '../../../framework/index.js';
import { AwsCallError } from '../../../framework/index.js';
import { callEc2 } from '../ec2-call.js';
import type { Ec2CallContext } from '../ec2-call.js';
import type { PlacementGroupProperties } from './schema.js';

/**
 * The group named `name`, or undefined when EC2 does not know it (or it is deleted).
 * @example
 * const group = await describeGroup(context, physicalId);
 * @internal
 */
async function describeGroup(
  context: Ec2CallContext,
  name: string,
  leftBehind?: string,
): Promise<PlacementGroup | undefined> {
  try {
    const answer = await callEc2(
      context,
      'DescribePlacementGroups',
      ({ client, sdk }) =>
        client.send(new sdk.DescribePlacementGroupsCommand({ GroupNames: [name] }), {
          abortSignal: context.signal,
        }),
      leftBehind,
    );
    const group = answer.PlacementGroups?.find((item) => item.GroupName === name);
    return group === undefined || group.State === 'deleted' ? undefined : group;
  } catch (error) {
    if (error instanceof AwsCallError && error.awsCode === 'InvalidPlacementGroup.Unknown')
      return undefined;
    throw error;
  }
}

/**
 * What differs between an existing group and the properties, in words; undefined when it matches.
 * @example
 * shapeMismatch({ Strategy: 'spread' }, { Strategy: 'cluster' })
 * // 'Strategy spread (asked: cluster)'
 * @internal
 */
function shapeMismatch(
  group: PlacementGroup,
  properties: PlacementGroupProperties,
): string | undefined {
  const differences: string[] = [];
  if (group.Strategy !== properties.Strategy)
    differences.push(`Strategy ${String(group.Strategy)} (asked: ${properties.Strategy})`);
  if (
    properties.PartitionCount !== undefined &&
    group.PartitionCount !== properties.PartitionCount
  ) {
    differences.push(
      `PartitionCount ${String(group.PartitionCount)} (asked: ${properties.PartitionCount})`,
    );
  }
  if (properties.SpreadLevel !== undefined && group.SpreadLevel !== properties.SpreadLevel) {
    differences.push(`SpreadLevel ${String(group.SpreadLevel)} (asked: ${properties.SpreadLevel})`);
  }
  return differences.length === 0 ? undefined : differences.join(', ');
}

/**
 * `arn:aws:ec2:<region>:<account>:placement-group/<name>`, from the stack's own ARN, when EC2 gives
 * none.
 */
function arnFallback(stackId: string, name: string): string {
  const [, partition = 'aws', , region = '', account = ''] = stackId.split(':');
  return `arn:${partition}:ec2:${region}:${account}:placement-group/${name}`;
}

/**
 * The attributes answered on create and update (always the same keys).
 * @example
 * succeeded(name, attributesOf(group, request))
 */
function attributesOf(
  group: PlacementGroup,
  request: Pick<RequestIdentity, 'stackId'>,
): Record<string, AttributeValue> {
  const name = group.GroupName ?? '';
  return {
    GroupName: name,
    GroupId: group.GroupId ?? '',
    GroupArn: group.GroupArn ?? arnFallback(request.stackId, name),
    Strategy: group.Strategy ?? '',
  };
}

export { attributesOf, describeGroup, shapeMismatch };
