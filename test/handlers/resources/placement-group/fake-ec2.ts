/**
 * A small in-memory EC2 for placement groups, behind aws-sdk-client-mock (which patches every
 * EC2Client, the lazily created one included): groups by name, tags by GroupId, instance types,
 * and scripted faults per operation. Each command's inputs stay inspectable through `ec2Mock`.
 */
import {
  CreatePlacementGroupCommand,
  CreateTagsCommand,
  DeletePlacementGroupCommand,
  DeleteTagsCommand,
  DescribeInstanceTypesCommand,
  DescribePlacementGroupsCommand,
  EC2Client,
  EC2ServiceException,
} from '@aws-sdk/client-ec2';
import type { InstanceTypeInfo, PlacementGroup, PlacementGroupState } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';

process.env.AWS_REGION = 'us-east-1';
process.env.AWS_ACCESS_KEY_ID = 'AKIAFAKEFAKEFAKEFAKE';
process.env.AWS_SECRET_ACCESS_KEY = 'fake-secret-for-tests-only';

const ec2Mock = mockClient(EC2Client);

/** An EC2 error shaped as the SDK throws it: the code as `name`, with `$metadata`. */
function awsError(
  code: string,
  message = `${code} (test)`,
  httpStatusCode = 400,
): EC2ServiceException {
  return new EC2ServiceException({
    name: code,
    message,
    $fault: httpStatusCode >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode, requestId: 'req-test' },
  });
}

type Operation =
  | 'CreatePlacementGroup'
  | 'DescribePlacementGroups'
  | 'DeletePlacementGroup'
  | 'CreateTags'
  | 'DeleteTags'
  | 'DescribeInstanceTypes';

type FakeEc2 = {
  readonly groups: Map<string, PlacementGroup>;
  /** Errors thrown by the next calls of an operation, in order. */
  fail(operation: Operation, ...codes: string[]): void;
  /** States a newly created group reports on its next describes (then `available`). */
  pendingFor(describes: number): void;
  /** Operations called, in order. */
  readonly calls: Operation[];
  put(group: PlacementGroup): void;
};

const types: Record<string, string[]> = {
  'c5n.18xlarge': ['cluster', 'partition', 'spread'],
  'c5n.9xlarge': ['cluster', 'partition', 'spread'],
  'm5.large': ['cluster', 'partition', 'spread'],
  't3.micro': ['partition', 'spread'],
};

/** Resets the mock and installs a fresh fake EC2. */
function fakeEc2(): FakeEc2 {
  ec2Mock.reset();
  const groups = new Map<string, PlacementGroup>();
  const faults = new Map<Operation, string[]>();
  const calls: Operation[] = [];
  let pendingDescribes = 0;
  let nextId = 1;
  const step = (operation: Operation) => {
    calls.push(operation);
    const code = faults.get(operation)?.shift();
    if (code !== undefined) throw awsError(code);
  };
  const byId = (id: string | undefined) =>
    [...groups.values()].find((group) => group.GroupId === id);
  ec2Mock.on(DescribePlacementGroupsCommand).callsFake((input: { GroupNames?: string[] }) => {
    step('DescribePlacementGroups');
    const found = (input.GroupNames ?? []).map((name) => groups.get(name));
    if (found.some((group) => group === undefined))
      throw awsError(
        'InvalidPlacementGroup.Unknown',
        `The Placement Group '${input.GroupNames?.join(',')}' is unknown.`,
      );
    const state: PlacementGroupState | undefined = pendingDescribes > 0 ? 'pending' : undefined;
    pendingDescribes = Math.max(0, pendingDescribes - 1);
    return { PlacementGroups: found.map((group) => ({ ...group, State: state ?? group?.State })) };
  });
  ec2Mock.on(CreatePlacementGroupCommand).callsFake((input) => {
    step('CreatePlacementGroup');
    if (groups.has(input.GroupName))
      throw awsError(
        'InvalidPlacementGroup.Duplicate',
        `The Placement Group '${input.GroupName}' already exists.`,
      );
    const id = `pg-${String(nextId++).padStart(17, '0')}`;
    const group: PlacementGroup = {
      GroupName: input.GroupName,
      GroupId: id,
      Strategy: input.Strategy,
      PartitionCount: input.PartitionCount,
      SpreadLevel: input.SpreadLevel,
      State: 'available',
      GroupArn: `arn:aws:ec2:us-east-1:123456789012:placement-group/${input.GroupName}`,
      Tags: input.TagSpecifications?.[0]?.Tags ?? [],
    };
    groups.set(input.GroupName, group);
    return {
      PlacementGroup: {
        ...group,
        State: pendingDescribes > 0 ? 'pending' : 'available',
        Tags: undefined,
      },
    };
  });
  ec2Mock.on(DeletePlacementGroupCommand).callsFake((input) => {
    step('DeletePlacementGroup');
    if (!groups.delete(input.GroupName)) throw awsError('InvalidPlacementGroup.Unknown');
    return {};
  });
  ec2Mock.on(CreateTagsCommand).callsFake((input) => {
    step('CreateTags');
    const group = byId(input.Resources?.[0]);
    if (group === undefined) throw awsError('InvalidPlacementGroupId.NotFound');
    const kept = (group.Tags ?? []).filter(
      (tag) => !input.Tags?.some((item: { Key?: string }) => item.Key === tag.Key),
    );
    // EC2 refuses the whole call when the resource would end up with more than 50 tags.
    if (kept.length + (input.Tags ?? []).length > 50)
      throw awsError('TagLimitExceeded', 'The maximum number of tags has been exceeded: 50');
    group.Tags = [...kept, ...(input.Tags ?? [])];
    return {};
  });
  ec2Mock.on(DeleteTagsCommand).callsFake((input) => {
    step('DeleteTags');
    const group = byId(input.Resources?.[0]);
    if (group !== undefined)
      group.Tags = (group.Tags ?? []).filter(
        (tag) => !input.Tags?.some((item: { Key?: string }) => item.Key === tag.Key),
      );
    return {};
  });
  ec2Mock.on(DescribeInstanceTypesCommand).callsFake((input: { InstanceTypes?: string[] }) => {
    step('DescribeInstanceTypes');
    const unknown = (input.InstanceTypes ?? []).filter((type) => types[type] === undefined);
    if (unknown.length > 0)
      throw awsError(
        'InvalidInstanceType',
        `The following supplied instance types do not exist: [${unknown.join(', ')}]`,
      );
    const InstanceTypes: InstanceTypeInfo[] = (input.InstanceTypes ?? []).map((type) => ({
      InstanceType: type as never,
      PlacementGroupInfo: { SupportedStrategies: types[type] as never[] },
    }));
    return { InstanceTypes };
  });
  return {
    groups,
    calls,
    fail: (operation, ...codes) =>
      faults.set(operation, [...(faults.get(operation) ?? []), ...codes]),
    pendingFor: (describes) => {
      pendingDescribes = describes;
    },
    put: (group) => {
      groups.set(group.GroupName ?? '', group);
    },
  };
}

export { awsError, ec2Mock, fakeEc2 };
export type { FakeEc2, Operation };
