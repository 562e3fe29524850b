import { CreatePlacementGroupCommand } from '@aws-sdk/client-ec2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as placementGroup from '../../../../handlers/resources/placement-group/definition.js';
import { groupNameFor } from '../../../../handlers/resources/placement-group/naming.js';
import { ec2Mock, fakeEc2 } from './fake-ec2.js';
import type { FakeEc2 } from './fake-ec2.js';
import { createInput, fastPacing, ours, props, request, resumeInput, stackId } from './inputs.js';
import type { CreatedMark } from '../../../../framework/created.js';

/** The reason a group that belongs to another resource is refused. */
const ForeignGroupReason =
  /^placement group theirs belongs to resource Cluster of stack .*other.*, not to this resource/;

const definition = placementGroup.placementGroupDefinition(fastPacing);
let ec2: FakeEc2;

beforeEach(() => {
  ec2 = fakeEc2();
});
afterEach(() => {
  ec2Mock.reset();
});

describe('create', () => {
  it('tells the framework the group exists as soon as CreatePlacementGroup succeeds', async () => {
    const mark: CreatedMark = { id: undefined };
    const { input } = createInput({ Strategy: 'cluster' }, { mark });

    await definition.create(input);

    expect(mark.id).toBe(groupNameFor(props({ Strategy: 'cluster' }), request));
  });

  it(
    'marks the group by its name before CreatePlacementGroup, so a lost answer still names ' +
      'what may exist',
    async () => {
      const mark: CreatedMark = { id: undefined };
      ec2Mock.on(CreatePlacementGroupCommand).rejects(
        Object.assign(new Error('socket hang up'), {
          code: 'ECONNRESET',
          $metadata: { attempts: 3 },
        }),
      );
      const name = groupNameFor(props({ Strategy: 'cluster' }), request);

      await expect(
        definition.create(createInput({ Strategy: 'cluster' }, { mark }).input),
      ).rejects.toThrow(/got no answer from AWS/);

      expect(mark.id).toBe(name);
    },
  );

  it(
    'withdraws the mark when EC2 refuses CreatePlacementGroup, so the rollback Delete ' +
      'makes no AWS call',
    async () => {
      const mark: CreatedMark = { id: undefined };
      ec2.fail('CreatePlacementGroup', 'InvalidParameterValue');

      await expect(
        definition.create(createInput({ Strategy: 'cluster' }, { mark }).input),
      ).rejects.toMatchObject({ awsCode: 'InvalidParameterValue' });

      expect(mark.id).toBeUndefined();
    },
  );

  it(
    'never waits for or answers with a group another stack owns, whatever a resumed step ' +
      'names',
    async () => {
      ec2.put({
        GroupName: 'theirs',
        GroupId: 'pg-0009',
        Strategy: 'cluster',
        State: 'available',
        Tags: [
          {
            Key: 'crkit:stack-id',
            Value: 'arn:aws:cloudformation:us-east-1:123456789012:stack/other/1',
          },
          { Key: 'crkit:logical-id', Value: 'Cluster' },
        ],
      });

      const resumed = await definition.resume?.(
        resumeInput({ step: 'available', groupName: 'theirs', polls: 1 }, 'theirs', {
          Strategy: 'cluster',
        }).input,
      );

      expect(resumed).toMatchObject({
        kind: 'failed',
        reason: expect.stringMatching(ForeignGroupReason),
      });
    },
  );

  it(
    'creates a partition group under its deterministic name with ownership, author and ' +
      'stack tags',
    async () => {
      const { input } = createInput(
        { Strategy: 'partition', PartitionCount: '3', Tags: [{ Key: 'team', Value: 'hpc' }] },
        {
          stackTags: [
            { Key: 'cost-center', Value: '42' },
            { Key: 'team', Value: 'stack-team' },
          ],
        },
      );
      const name = groupNameFor(props({ Strategy: 'partition', PartitionCount: '3' }), request);

      const outcome = await definition.create(input);

      expect(
        ec2Mock.commandCalls(CreatePlacementGroupCommand).map((call) => call.args[0].input),
      ).toEqual([
        {
          GroupName: name,
          Strategy: 'partition',
          PartitionCount: 3,
          SpreadLevel: undefined,
          TagSpecifications: [
            {
              ResourceType: 'placement-group',
              Tags: [...ours, { Key: 'team', Value: 'hpc' }, { Key: 'cost-center', Value: '42' }],
            },
          ],
        },
      ]);
      expect(name).toMatch(/^web-Cluster-[0-9a-f]{10}$/);
      expect(outcome).toEqual({
        kind: 'succeeded',
        physicalId: name,
        data: {
          GroupName: name,
          GroupId: ec2.groups.get(name)?.GroupId,
          GroupArn: `arn:aws:ec2:us-east-1:123456789012:placement-group/${name}`,
          Strategy: 'partition',
        },
        noEcho: false,
      });
    },
  );

  it(
    'creates in one EC2 call when the group comes back available, without looking the name ' +
      'up first',
    async () => {
      const outcome = await definition.create(createInput({ Strategy: 'cluster' }).input);

      expect(ec2.calls).toEqual(['CreatePlacementGroup']);
      expect(outcome.kind).toBe('succeeded');
    },
  );

  it('adopts its own group when a repeated Create meets Duplicate, making no other', async () => {
    const mark: CreatedMark = { id: undefined };
    const first = await definition.create(createInput({ Strategy: 'cluster' }).input);
    ec2.calls.length = 0;
    const again = await definition.create(createInput({ Strategy: 'cluster' }, { mark }).input);

    expect(again).toEqual(first);
    expect(ec2.calls).toEqual(['CreatePlacementGroup', 'DescribePlacementGroups']);
    expect(ec2.groups.size).toBe(1);
    // EC2 refused the creating call: the repeated Create claims nothing it made.
    expect(mark.id).toBeUndefined();
  });

  it('goes back to the original group on a rollback by looking it up, creating none', async () => {
    const original = await definition.create(createInput({ Strategy: 'cluster' }).input);
    ec2.calls.length = 0;
    const replacement = {
      physicalId: 'web-Cluster-new',
      properties: props({ Strategy: 'spread', SpreadLevel: 'rack' }),
    };
    const mark: CreatedMark = { id: undefined };

    const outcome = await definition.create(
      createInput({ Strategy: 'cluster' }, { action: 'rollback', replacing: replacement, mark })
        .input,
    );

    expect(outcome).toEqual(original);
    expect(ec2.calls).toEqual(['DescribePlacementGroups']);
    expect(mark.id).toBeUndefined();
  });

  it('gives a replacement with another strategy a new name', () => {
    const cluster = groupNameFor(props({ Strategy: 'cluster' }), request);
    const spread = groupNameFor(props({ Strategy: 'spread', SpreadLevel: 'rack' }), request);
    const partition3 = groupNameFor(props({ Strategy: 'partition', PartitionCount: '3' }), request);
    const partition4 = groupNameFor(props({ Strategy: 'partition', PartitionCount: 4 }), request);

    expect(new Set([cluster, spread, partition3, partition4]).size).toBe(4);
    expect(groupNameFor(props({ Strategy: 'cluster', GroupName: 'my-hpc' }), request)).toBe(
      'my-hpc',
    );
  });

  it(
    'adopts the group when CreatePlacementGroup meets Duplicate and the ownership tags are ' +
      'this resource',
    async () => {
      const name = groupNameFor(props({ Strategy: 'cluster' }), request);
      ec2.put({
        GroupName: name,
        GroupId: 'pg-0123',
        Strategy: 'cluster',
        State: 'available',
        Tags: ours,
      });

      const outcome = await definition.create(createInput({ Strategy: 'cluster' }).input);

      expect(ec2.calls).toEqual(['CreatePlacementGroup', 'DescribePlacementGroups']);
      expect(outcome).toMatchObject({
        kind: 'succeeded',
        physicalId: name,
        data: { GroupId: 'pg-0123' },
      });
    },
  );

  it(
    'adopts its own group on Duplicate even when the describe right after it does not see ' +
      'the group yet',
    async () => {
      const name = groupNameFor(props({ Strategy: 'cluster' }), request);
      ec2.fail('DescribePlacementGroups', 'InvalidPlacementGroup.Unknown');
      ec2.put({
        GroupName: name,
        GroupId: 'pg-0123',
        Strategy: 'cluster',
        State: 'available',
        Tags: ours,
      });

      const outcome = await definition.create(createInput({ Strategy: 'cluster' }).input);

      expect(ec2.calls).toEqual([
        'CreatePlacementGroup',
        'DescribePlacementGroups',
        'DescribePlacementGroups',
      ]);
      expect(outcome).toMatchObject({
        kind: 'succeeded',
        physicalId: name,
        data: { GroupId: 'pg-0123' },
      });
    },
  );

  it('fails clearly, naming the owner, when the name belongs to another stack', async () => {
    const other = 'arn:aws:cloudformation:us-east-1:123456789012:stack/other/9f9f';
    ec2.put({
      GroupName: 'my-hpc',
      GroupId: 'pg-0999',
      Strategy: 'cluster',
      State: 'available',
      Tags: [
        { Key: 'crkit:stack-id', Value: other },
        { Key: 'crkit:logical-id', Value: 'Cluster' },
      ],
    });

    const mark: CreatedMark = { id: undefined };
    const outcome = await definition.create(
      createInput({ Strategy: 'cluster', GroupName: 'my-hpc' }, { mark }).input,
    );

    expect(outcome).toEqual({
      kind: 'failed',
      reason:
        `A placement group named my-hpc already exists in this account and Region and ` +
        `belongs to resource Cluster of stack ${other}, ` +
        'not to Cluster of this stack; crkit adopts only groups it created for the same ' +
        'resource. Choose another GroupName, or remove GroupName so crkit derives a ' +
        'unique one',
      physicalId: undefined,
    });
    // Duplicate, then the look-up that finds the owner; the group is left as it was, and the
    // answer claims nothing, so the rollback's Delete does not touch it.
    expect(ec2.calls).toEqual(['CreatePlacementGroup', 'DescribePlacementGroups']);
    expect(ec2.groups.get('my-hpc')).toMatchObject({
      GroupId: 'pg-0999',
      Tags: [
        { Key: 'crkit:stack-id', Value: other },
        { Key: 'crkit:logical-id', Value: 'Cluster' },
      ],
    });
    expect(mark.id).toBeUndefined();
  });

  const [ourStack, ourLogicalId] = [
    { Key: 'crkit:stack-id', Value: stackId },
    { Key: 'crkit:logical-id', Value: 'Cluster' },
  ];
  it.each([
    [
      'another stack',
      [
        {
          Key: 'crkit:stack-id',
          Value: 'arn:aws:cloudformation:us-east-1:123456789012:stack/other/1',
        },
        { Key: 'crkit:logical-id', Value: 'Cluster' },
      ],
    ],
    ['another resource of this stack', [ourStack, { Key: 'crkit:logical-id', Value: 'Other' }]],
    ['only the stack tag', [ourStack]],
    ['only the logical-id tag', [ourLogicalId]],
    ['no tags', []],
  ])(
    'never adopts a group of the same name that belongs to %s, on Duplicate or on a rollback',
    async (_owner, tags) => {
      for (const action of ['create', 'rollback'] as const) {
        ec2.groups.clear();
        ec2.put({
          GroupName: 'my-hpc',
          GroupId: 'pg-0999',
          Strategy: 'cluster',
          State: 'available',
          Tags: tags,
        });
        const mark: CreatedMark = { id: undefined };

        const outcome = await definition.create(
          createInput({ Strategy: 'cluster', GroupName: 'my-hpc' }, { action, mark }).input,
        );

        expect(outcome).toMatchObject({
          kind: 'failed',
          reason: expect.stringContaining(
            'crkit adopts only groups it created for the same resource',
          ),
        });
        expect(mark.id).toBeUndefined();
        expect(ec2.groups.get('my-hpc')).toMatchObject({ GroupId: 'pg-0999', Tags: tags });
      }
    },
  );

  it('fails on Duplicate when the existing group has no ownership tags', async () => {
    ec2.put({
      GroupName: 'my-hpc',
      GroupId: 'pg-0999',
      Strategy: 'cluster',
      State: 'available',
      Tags: [{ Key: 'team', Value: 'x' }],
    });

    const outcome = await definition.create(
      createInput({ Strategy: 'cluster', GroupName: 'my-hpc' }).input,
    );

    expect(outcome.kind).toBe('failed');
    expect(outcome.kind === 'failed' && outcome.reason).toContain(
      'belongs to nothing crkit created (it has no crkit:stack-id / crkit:logical-id tags)',
    );
    expect(ec2.groups.get('my-hpc')?.GroupId).toBe('pg-0999');
  });

  it('refuses to adopt its own group when the group has another strategy', async () => {
    ec2.put({
      GroupName: 'my-hpc',
      GroupId: 'pg-0999',
      Strategy: 'spread',
      State: 'available',
      Tags: ours,
    });

    const outcome = await definition.create(
      createInput({ Strategy: 'cluster', GroupName: 'my-hpc' }).input,
    );

    expect(outcome).toMatchObject({
      kind: 'failed',
      reason: expect.stringContaining(
        'has Strategy spread (asked: cluster); a placement group cannot be changed',
      ),
    });
  });

  it(
    'answers inProgress while the new group is pending, and resume looks again until it is ' +
      'available',
    async () => {
      ec2.pendingFor(1);
      const name = groupNameFor(props({ Strategy: 'cluster' }), request);

      const outcome = await definition.create(createInput({ Strategy: 'cluster' }).input);
      const again = await definition.resume?.(
        resumeInput({ step: 'available', groupName: name, polls: 1 }, name, { Strategy: 'cluster' })
          .input,
      );
      const resumed = await definition.resume?.(
        resumeInput({ step: 'available', groupName: name, polls: 2 }, name, { Strategy: 'cluster' })
          .input,
      );

      expect(outcome).toEqual({
        kind: 'in-progress',
        waitingFor: `placement group ${name} to become available`,
        state: { step: 'available', groupName: name, polls: 1 },
        delaySeconds: undefined,
        physicalId: name,
      });
      expect(again).toMatchObject({
        kind: 'in-progress',
        state: { step: 'available', groupName: name, polls: 2 },
      });
      expect(resumed).toMatchObject({ kind: 'succeeded', physicalId: name });
      expect(ec2.calls.filter((call) => call === 'CreatePlacementGroup')).toHaveLength(1);
    },
  );

  it('creates after an earlier group of the same name finishes deleting', async () => {
    ec2.put({
      GroupName: 'my-hpc',
      GroupId: 'pg-0old',
      Strategy: 'cluster',
      State: 'deleting',
      Tags: [],
    });

    const outcome = await definition.create(
      createInput({ Strategy: 'cluster', GroupName: 'my-hpc' }).input,
    );
    ec2.groups.delete('my-hpc');
    const resumed =
      outcome.kind === 'in-progress'
        ? await definition.resume?.(
            resumeInput(outcome.state, outcome.physicalId, {
              Strategy: 'cluster',
              GroupName: 'my-hpc',
            }).input,
          )
        : undefined;

    expect(outcome).toMatchObject({
      kind: 'in-progress',
      waitingFor: 'the earlier placement group named my-hpc to finish deleting',
      physicalId: undefined,
    });
    expect(resumed).toMatchObject({ kind: 'succeeded', physicalId: 'my-hpc' });
    expect(ec2.groups.get('my-hpc')?.GroupId).not.toBe('pg-0old');
  });
});

describe('create as a replacement', () => {
  it('fails before any call when the author GroupName is the group being replaced', async () => {
    const { input } = createInput(
      { Strategy: 'spread', GroupName: 'my-hpc' },
      {
        action: 'update',
        replacing: {
          physicalId: 'my-hpc',
          properties: props({ Strategy: 'cluster', GroupName: 'my-hpc' }),
        },
      },
    );

    const outcome = await definition.create(input);

    expect(outcome).toMatchObject({ kind: 'failed', physicalId: undefined });
    expect(outcome.kind === 'failed' && outcome.reason).toBe(
      'GroupName my-hpc is the name of the placement group this update replaces. A ' +
        'placement group cannot be changed in place and its name is unique per Region, ' +
        'so the new group needs another name: change GroupName (for example to ' +
        'my-hpc-2), or remove GroupName and crkit derives a new name for each replacement',
    );
    expect(ec2.calls).toEqual([]);
  });

  it('resolves a rollback to the original group without creating one', async () => {
    const original = await definition.create(createInput({ Strategy: 'cluster' }).input);
    const replacement = await definition.create(
      createInput({ Strategy: 'spread' }, { action: 'update' }).input,
    );
    const spreadName = replacement.kind === 'succeeded' ? replacement.physicalId : '';
    ec2.calls.length = 0;

    const rollback = await definition.create(
      createInput(
        { Strategy: 'cluster' },
        {
          action: 'rollback',
          replacing: { physicalId: spreadName, properties: props({ Strategy: 'spread' }) },
        },
      ).input,
    );

    expect(rollback).toEqual(original);
    expect(ec2.calls).toEqual(['DescribePlacementGroups']);
  });

  it('on rollback adopts its own group even if author GroupName is the current id', async () => {
    ec2.put({
      GroupName: 'my-hpc',
      GroupId: 'pg-0001',
      Strategy: 'cluster',
      State: 'available',
      Tags: ours,
    });

    const outcome = await definition.create(
      createInput(
        { Strategy: 'cluster', GroupName: 'my-hpc' },
        {
          action: 'rollback',
          replacing: {
            physicalId: 'my-hpc',
            properties: props({ Strategy: 'spread', GroupName: 'my-hpc' }),
          },
        },
      ).input,
    );

    expect(outcome).toMatchObject({
      kind: 'succeeded',
      physicalId: 'my-hpc',
      data: { GroupId: 'pg-0001' },
    });
    expect(ec2Mock.commandCalls(CreatePlacementGroupCommand)).toHaveLength(0);
  });
});
