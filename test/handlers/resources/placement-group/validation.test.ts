import { CreatePlacementGroupCommand, DescribeInstanceTypesCommand } from '@aws-sdk/client-ec2';
import { EC2ServiceException } from '@aws-sdk/client-ec2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as placementGroup from '../../../../handlers/resources/placement-group/definition.js';
import { ec2Mock, fakeEc2 } from './fake-ec2.js';
import type { FakeEc2 } from './fake-ec2.js';
import { createInput, fastPacing, props } from './inputs.js';

const definition = placementGroup.placementGroupDefinition(fastPacing);
let ec2: FakeEc2;

beforeEach(() => {
  ec2 = fakeEc2();
});
afterEach(() => {
  ec2Mock.reset();
});

describe('validation and instance types', () => {
  it.each([
    [
      { Strategy: 'cluster', PartitionCount: '2' },
      'PartitionCount applies only to Strategy partition (this group is cluster); remove ' +
        'PartitionCount or use Strategy partition',
    ],
    [
      { Strategy: 'partition', SpreadLevel: 'rack' },
      'SpreadLevel applies only to Strategy spread (this group is partition); remove ' +
        'SpreadLevel or use Strategy spread',
    ],
    [
      { Strategy: 'spread', AllowMixedInstanceTypes: 'true' },
      'AllowMixedInstanceTypes applies only to Strategy cluster (this group is spread); remove it',
    ],
    [
      { Strategy: 'cluster', Tags: [{ Key: 'AWS:team', Value: 'x' }] },
      'Tags[0].Key: keys starting with aws: are reserved by AWS and cannot be written',
    ],
    [
      { Strategy: 'cluster', Tags: [{ Key: 'crkit:logical-id', Value: 'x' }] },
      'Tags[0].Key: crkit:logical-id is the ownership tag crkit writes itself; remove it from Tags',
    ],
    [
      {
        Strategy: 'cluster',
        Tags: [
          { Key: 'a', Value: 'x' },
          { Key: 'a', Value: 'y' },
        ],
      },
      'Tags[1].Key: a appears more than once',
    ],
  ])('refuses %j before any AWS call', async (raw, reason) => {
    const outcome = await definition.create(createInput(raw).input);

    expect(outcome).toEqual({ kind: 'failed', reason, physicalId: undefined });
    expect(ec2.calls).toEqual([]);
  });

  it('refuses several families in a cluster group, explaining the rule', async () => {
    const outcome = await definition.create(
      createInput({
        Strategy: 'cluster',
        InstanceTypes: ['c5n.18xlarge', 'c5n.9xlarge', 'm5.large'],
      }).input,
    );

    expect(outcome.kind === 'failed' && outcome.reason).toBe(
      'InstanceTypes mixes instance families in a cluster group: c5n (c5n.18xlarge, ' +
        'c5n.9xlarge), m5 (m5.large). AWS recommends one instance type per cluster ' +
        'placement group, launched all at once in one request; a cluster group lives in ' +
        'a single Availability Zone, and mixed types there make ' +
        'insufficient-capacity errors more likely. Use one family, or set ' +
        'AllowMixedInstanceTypes: true to accept the risk',
    );
    expect(ec2.calls).toEqual([]);
  });

  it(
    'accepts several families when AllowMixedInstanceTypes is "true", after checking each ' +
      'type',
    async () => {
      const outcome = await definition.create(
        createInput({
          Strategy: 'cluster',
          InstanceTypes: ['c5n.18xlarge', 'm5.large', 'm5.large'],
          AllowMixedInstanceTypes: 'true',
        }).input,
      );

      expect(outcome.kind).toBe('succeeded');
      expect(
        ec2Mock
          .commandCalls(DescribeInstanceTypesCommand)
          .map((call) => call.args[0].input.InstanceTypes),
      ).toEqual([['c5n.18xlarge', 'm5.large']]);
    },
  );

  it('refuses an instance type not supporting the strategy, naming what it supports', async () => {
    const outcome = await definition.create(
      createInput({ Strategy: 'cluster', InstanceTypes: ['t3.micro'] }).input,
    );

    expect(outcome).toEqual({
      kind: 'failed',
      reason:
        'InstanceTypes: t3.micro does not support cluster placement groups (it supports ' +
        'only partition, spread). Choose types that support cluster, or another Strategy',
      physicalId: undefined,
    });
    expect(ec2Mock.commandCalls(CreatePlacementGroupCommand)).toHaveLength(0);
  });

  it('refuses an instance type EC2 does not know, quoting what EC2 said', async () => {
    const outcome = await definition.create(
      createInput({ Strategy: 'spread', InstanceTypes: ['c9x.mega'] }).input,
    );

    expect(outcome.kind === 'failed' && outcome.reason).toBe(
      'InstanceTypes: EC2 does not know one of c9x.mega in this Region (AWS returned ' +
        'InvalidInstanceType (HTTP 400): The following supplied instance types do not ' +
        'exist: [c9x.mega]). ' +
        'Check the spelling, or pick types offered here',
    );
  });

  it('rejects a PartitionCount above 7 and non-numeric text in the schema', () => {
    expect(() => props({ Strategy: 'partition', PartitionCount: '8' })).toThrow(
      'PartitionCount: must be at most 7',
    );
    expect(() => props({ Strategy: 'partition', PartitionCount: 'three' })).toThrow(
      'PartitionCount: must be a whole number',
    );
    expect(() => props({ Strategy: 'cluster', Color: 'blue' })).toThrow('unknown property Color');
  });
});

describe('throttling', () => {
  it("sends a throttled call once (retries are the SDK's) and counts its attempts", async () => {
    const throttled = new EC2ServiceException({
      name: 'RequestLimitExceeded',
      message: 'Request limit exceeded.',
      $fault: 'client',
      $metadata: { httpStatusCode: 503, attempts: 5 },
    });
    ec2Mock.on(CreatePlacementGroupCommand).rejects(throttled);

    const failure = definition.create(createInput({ Strategy: 'cluster' }).input);

    await expect(failure).rejects.toMatchObject({
      name: 'ResourceError',
      reason:
        'EC2 throttled ec2:CreatePlacementGroup (RequestLimitExceeded) on all 5 attempts, ' +
        "so the account's EC2 API rate is used up right now (other deployments or scripts " +
        'calling EC2). Nothing is wrong with the template; ' +
        'retry the stack operation in a few minutes',
    });
    expect(ec2Mock.commandCalls(CreatePlacementGroupCommand)).toHaveLength(1);
  });

  it('explains a missing IAM permission', async () => {
    ec2.fail('CreatePlacementGroup', 'UnauthorizedOperation');

    await expect(
      definition.create(createInput({ Strategy: 'cluster' }).input),
    ).rejects.toMatchObject({
      reason:
        "The handler's IAM role may not call ec2:CreatePlacementGroup " +
        '(UnauthorizedOperation); grant it the statements Custom::PlacementGroup ' +
        'declares in iamStatements',
    });
  });
});

describe('the definition', () => {
  it('declares the replace-on properties, attributes and exact IAM actions', () => {
    expect(definition.replaceOn).toEqual([
      'Strategy',
      'GroupName',
      'PartitionCount',
      'SpreadLevel',
    ]);
    expect(definition.attributes).toEqual(['GroupName', 'GroupId', 'GroupArn', 'Strategy']);
    const allowed = definition.iamStatements
      .filter((statement) => statement.effect !== 'Deny')
      .flatMap((statement) => statement.actions);
    expect([...new Set(allowed)].sort()).toEqual([
      'ec2:CreatePlacementGroup',
      'ec2:CreateTags',
      'ec2:DeletePlacementGroup',
      'ec2:DeleteTags',
      'ec2:DescribeInstanceTypes',
      'ec2:DescribePlacementGroups',
    ]);
  });
});
