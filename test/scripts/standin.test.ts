import {
  CreatePlacementGroupCommand,
  CreateTagsCommand,
  DeletePlacementGroupCommand,
  DeleteTagsCommand,
  DescribeInstanceTypesCommand,
  DescribePlacementGroupsCommand,
} from '@aws-sdk/client-ec2';
import type { CreatePlacementGroupCommandInput } from '@aws-sdk/client-ec2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure, harness } from '../fixtures/standin/clients.js';
import type { Harness } from '../fixtures/standin/clients.js';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

const create = (name: string, extra: Partial<CreatePlacementGroupCommandInput> = {}) =>
  h.ec2.send(new CreatePlacementGroupCommand({ GroupName: name, Strategy: 'cluster', ...extra }));

describe('placement groups', () => {
  it('creates a group that is pending, then available after one describe', async () => {
    const created = await create('pg-a', {
      Strategy: 'partition',
      PartitionCount: 3,
      TagSpecifications: [
        { ResourceType: 'placement-group', Tags: [{ Key: 'team', Value: 'hpc' }] },
      ],
    });

    const group = created.PlacementGroup;
    expect(group).toMatchObject({
      GroupName: 'pg-a',
      State: 'pending',
      Strategy: 'partition',
      PartitionCount: 3,
      GroupArn: 'arn:aws:ec2:us-east-1:123456789012:placement-group/pg-a',
      Tags: [{ Key: 'team', Value: 'hpc' }],
    });
    expect(group?.GroupId).toMatch(/^pg-[0-9a-f]{17}$/);
    expect(created.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const first = await h.ec2.send(new DescribePlacementGroupsCommand({ GroupNames: ['pg-a'] }));
    const second = await h.ec2.send(
      new DescribePlacementGroupsCommand({ GroupIds: [group?.GroupId ?? ''] }),
    );
    expect(first.PlacementGroups?.[0]?.State).toBe('pending');
    expect(second.PlacementGroups?.[0]).toMatchObject({ State: 'available', GroupName: 'pg-a' });
  });

  it('gives every group a distinct id', async () => {
    const a = await create('one');
    const b = await create('two');

    expect(a.PlacementGroup?.GroupId).not.toBe(b.PlacementGroup?.GroupId);
  });

  it('honours a readiness of zero describes and of milliseconds', async () => {
    h.standin.setPlacementGroupReadiness({ afterDescribes: 0 });
    const now = await create('now');
    // Long enough that a loaded machine still describes the group before it settles.
    h.standin.setPlacementGroupReadiness({ afterMs: 1500 });
    await create('later');

    const early = await h.ec2.send(new DescribePlacementGroupsCommand({ GroupNames: ['later'] }));
    await new Promise((resolve) => setTimeout(resolve, 1600));
    const late = await h.ec2.send(new DescribePlacementGroupsCommand({ GroupNames: ['later'] }));
    expect(now.PlacementGroup?.State).toBe('available');
    expect(early.PlacementGroups?.[0]?.State).toBe('pending');
    expect(late.PlacementGroups?.[0]?.State).toBe('available');
  });

  it('rejects a duplicate name with InvalidPlacementGroup.Duplicate', async () => {
    await create('dup');

    await expect(create('dup')).rejects.toMatchObject({
      name: 'InvalidPlacementGroup.Duplicate',
      $fault: 'client',
    });
  });

  it('answers InvalidPlacementGroup.Unknown to unknown names on describe and delete', async () => {
    await expect(
      h.ec2.send(new DescribePlacementGroupsCommand({ GroupNames: ['nope'] })),
    ).rejects.toMatchObject({
      name: 'InvalidPlacementGroup.Unknown',
      message: "The Placement Group 'nope' is unknown.",
    });
    const error = await failure(h.ec2.send(new DeletePlacementGroupCommand({ GroupName: 'nope' })));
    expect(error.name).toBe('InvalidPlacementGroup.Unknown');
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it('returns an empty list for a name filter without a match', async () => {
    await create('kept');

    const out = await h.ec2.send(
      new DescribePlacementGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['other*'] }] }),
    );

    expect(out.PlacementGroups).toEqual([]);
  });

  it('filters by strategy and by tag', async () => {
    await create('c1');
    await create('s1', {
      Strategy: 'spread',
      SpreadLevel: 'rack',
      TagSpecifications: [{ ResourceType: 'placement-group', Tags: [{ Key: 'k', Value: 'v' }] }],
    });

    const spread = await h.ec2.send(
      new DescribePlacementGroupsCommand({ Filters: [{ Name: 'strategy', Values: ['spread'] }] }),
    );
    const tagged = await h.ec2.send(
      new DescribePlacementGroupsCommand({ Filters: [{ Name: 'tag:k', Values: ['v'] }] }),
    );

    expect(spread.PlacementGroups?.map((g) => g.GroupName)).toEqual(['s1']);
    expect(spread.PlacementGroups?.[0]?.SpreadLevel).toBe('rack');
    expect(tagged.PlacementGroups?.map((g) => g.GroupName)).toEqual(['s1']);
  });

  it('validates strategy, partition count, tag resource type and the name', async () => {
    await expect(create('x', { Strategy: 'cluster', PartitionCount: 2 })).rejects.toMatchObject({
      name: 'InvalidParameterCombination',
    });
    await expect(create('x', { Strategy: 'partition', PartitionCount: 8 })).rejects.toMatchObject({
      name: 'InvalidParameterValue',
    });
    await expect(create('x', { Strategy: 'bogus' as never })).rejects.toMatchObject({
      name: 'InvalidParameterValue',
    });
    await expect(
      create('x', {
        TagSpecifications: [{ ResourceType: 'image', Tags: [{ Key: 'a', Value: 'b' }] }],
      }),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValue',
    });
    await expect(
      h.ec2.send(new CreatePlacementGroupCommand({ Strategy: 'cluster' })),
    ).rejects.toMatchObject({ name: 'MissingParameter' });
  });

  const inUseTitle =
    'refuses delete with InvalidPlacementGroup.InUse for the marked attempts, then deletes';
  it(inUseTitle, async () => {
    await create('busy');
    h.standin.markPlacementGroupInUse('busy', 2);

    const attempt = () => h.ec2.send(new DeletePlacementGroupCommand({ GroupName: 'busy' }));
    await expect(attempt()).rejects.toMatchObject({ name: 'InvalidPlacementGroup.InUse' });
    await expect(attempt()).rejects.toMatchObject({ name: 'InvalidPlacementGroup.InUse' });
    await attempt();

    await expect(
      h.ec2.send(new DescribePlacementGroupsCommand({ GroupNames: ['busy'] })),
    ).rejects.toMatchObject({
      name: 'InvalidPlacementGroup.Unknown',
    });
    await expect(attempt()).rejects.toMatchObject({ name: 'InvalidPlacementGroup.Unknown' });
  });

  it('applies an in-use mark made before the group exists', async () => {
    h.standin.markPlacementGroupInUse('future');
    await create('future');

    await expect(
      h.ec2.send(new DeletePlacementGroupCommand({ GroupName: 'future' })),
    ).rejects.toMatchObject({
      name: 'InvalidPlacementGroup.InUse',
    });
  });

  it('answers DryRunOperation with status 412 for a permitted DryRun', async () => {
    await expect(create('dry', { DryRun: true })).rejects.toMatchObject({
      name: 'DryRunOperation',
      $metadata: { httpStatusCode: 412 },
    });
  });
});

describe('tags', () => {
  it('adds, overwrites and deletes tags shown in tagSet', async () => {
    const id = (await create('tagged')).PlacementGroup?.GroupId ?? '';

    await h.ec2.send(
      new CreateTagsCommand({
        Resources: [id],
        Tags: [
          { Key: 'a', Value: '1' },
          { Key: 'b', Value: '2' },
        ],
      }),
    );
    await h.ec2.send(new CreateTagsCommand({ Resources: [id], Tags: [{ Key: 'a', Value: '3' }] }));
    await h.ec2.send(new DeleteTagsCommand({ Resources: [id], Tags: [{ Key: 'b' }] }));

    const out = await h.ec2.send(new DescribePlacementGroupsCommand({ GroupIds: [id] }));
    expect(out.PlacementGroups?.[0]?.Tags).toEqual([{ Key: 'a', Value: '3' }]);
  });

  it('rejects aws: keys in any case with InvalidTagKey.Malformed', async () => {
    const id = (await create('reserved')).PlacementGroup?.GroupId ?? '';

    await expect(
      h.ec2.send(
        new CreateTagsCommand({
          Resources: [id],
          Tags: [{ Key: 'AWS:cloudformation:stack-id', Value: 'x' }],
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidTagKey.Malformed' });
    await expect(
      create('reserved2', {
        TagSpecifications: [
          { ResourceType: 'placement-group', Tags: [{ Key: 'aws:x', Value: 'y' }] },
        ],
      }),
    ).rejects.toMatchObject({ name: 'InvalidTagKey.Malformed' });
  });

  it('rejects unknown and malformed resource ids', async () => {
    await expect(
      h.ec2.send(
        new CreateTagsCommand({
          Resources: ['ami-0123456789abcdef0'],
          Tags: [{ Key: 'a', Value: 'b' }],
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidAMIID.NotFound' });
    await expect(
      h.ec2.send(
        new CreateTagsCommand({ Resources: ['garbage'], Tags: [{ Key: 'a', Value: 'b' }] }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidID',
    });
  });

  it('enforces the 50-tag limit', async () => {
    const id = (await create('many')).PlacementGroup?.GroupId ?? '';
    const tags = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));

    await expect(
      h.ec2.send(new CreateTagsCommand({ Resources: [id], Tags: tags })),
    ).rejects.toMatchObject({ name: 'TagLimitExceeded' });
  });
});

describe('instance types', () => {
  it('reports placement strategies, architectures, ENA and boot modes per type', async () => {
    const out = await h.ec2.send(
      new DescribeInstanceTypesCommand({
        InstanceTypes: ['c5n.18xlarge', 't2.micro', 'hpc7g.16xlarge'],
      }),
    );

    const strategies = Object.fromEntries(
      out.InstanceTypes?.map((t) => [t.InstanceType, t.PlacementGroupInfo?.SupportedStrategies]) ??
        [],
    );
    expect(strategies).toEqual({
      'c5n.18xlarge': ['cluster', 'partition', 'spread'],
      't2.micro': ['partition', 'spread'],
      'hpc7g.16xlarge': ['cluster', 'partition', 'spread'],
    });
    expect(out.InstanceTypes?.[2]?.ProcessorInfo?.SupportedArchitectures).toEqual(['arm64']);
    expect(out.InstanceTypes?.[0]?.NetworkInfo?.EnaSupport).toBe('required');
    expect(out.InstanceTypes?.[1]?.SupportedBootModes).toEqual(['legacy-bios']);
  });

  it('rejects an unknown type with InvalidInstanceType', async () => {
    await expect(
      h.ec2.send(
        new DescribeInstanceTypesCommand({ InstanceTypes: ['m5.large', 'z9.huge' as never] }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidInstanceType',
      message: expect.stringContaining('z9.huge'),
    });
  });
});
