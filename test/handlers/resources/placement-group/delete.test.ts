import { DeletePlacementGroupCommand } from '@aws-sdk/client-ec2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as placementGroup from '../../../../handlers/resources/placement-group/definition.js';
import { ec2Mock, fakeEc2 } from './fake-ec2.js';
import type { FakeEc2 } from './fake-ec2.js';
import { deleteInput, fastPacing, ours, resumeInput } from './inputs.js';

const definition = placementGroup.placementGroupDefinition(fastPacing);
let ec2: FakeEc2;

beforeEach(() => {
  ec2 = fakeEc2();
  ec2.put({
    GroupName: 'my-hpc',
    GroupId: 'pg-0001',
    Strategy: 'cluster',
    State: 'available',
    Tags: ours,
  });
});
afterEach(() => {
  ec2Mock.reset();
});

describe('delete', () => {
  it('deletes its own group by name', async () => {
    const outcome = await definition.delete(deleteInput('my-hpc').input);

    expect(outcome).toEqual({ kind: 'succeeded', physicalId: 'my-hpc', data: {}, noEcho: false });
    expect(
      ec2Mock.commandCalls(DeletePlacementGroupCommand).map((call) => call.args[0].input),
    ).toEqual([{ GroupName: 'my-hpc' }]);
    expect(ec2.groups.has('my-hpc')).toBe(false);
  });

  it('succeeds without deleting when the group is already gone', async () => {
    const outcome = await definition.delete(deleteInput('vanished').input);

    expect(outcome.kind).toBe('succeeded');
    expect(ec2.calls).toEqual(['DescribePlacementGroups']);
  });

  it('treats Unknown from DeletePlacementGroup as already deleted', async () => {
    ec2.fail('DeletePlacementGroup', 'InvalidPlacementGroup.Unknown');

    const { input, logs } = deleteInput('my-hpc');
    const outcome = await definition.delete(input);

    expect(outcome.kind).toBe('succeeded');
    expect(logs.all().map((line) => line.message)).toContain('placement group already gone');
  });

  it(
    'leaves a group without this resource ownership tags in place, and the answer and the ' +
      'log say why',
    async () => {
      ec2.put({
        GroupName: 'shared',
        GroupId: 'pg-0002',
        Strategy: 'spread',
        State: 'available',
        Tags: [{ Key: 'team', Value: 'x' }],
      });
      const why =
        'placement group shared was left in place: it belongs to nothing crkit created (it ' +
        'has no crkit:stack-id / crkit:logical-id tags), not to this resource';

      const { input, logs } = deleteInput('shared');
      const outcome = await definition.delete(input);

      expect(outcome).toMatchObject({ kind: 'succeeded', physicalId: 'shared', note: why });
      expect(ec2.groups.has('shared')).toBe(true);
      expect(ec2Mock.commandCalls(DeletePlacementGroupCommand)).toHaveLength(0);
      expect(logs.all().find((line) => line.level === 'warn')?.message).toBe(why);
    },
  );

  it(
    'answers inProgress while the group is in use, and resume tries again until the ' +
      'instances are gone',
    async () => {
      ec2.fail(
        'DeletePlacementGroup',
        'InvalidPlacementGroup.InUse',
        'InvalidPlacementGroup.InUse',
      );

      const outcome = await definition.delete(deleteInput('my-hpc').input);
      const again =
        outcome.kind === 'in-progress'
          ? await definition.resume?.(
              resumeInput(outcome.state, outcome.physicalId, undefined, { action: 'delete' }).input,
            )
          : undefined;
      const resumed =
        again?.kind === 'in-progress'
          ? await definition.resume?.(
              resumeInput(again.state, again.physicalId, undefined, { action: 'delete' }).input,
            )
          : undefined;

      expect(outcome).toEqual({
        kind: 'in-progress',
        waitingFor: 'placement group my-hpc to be free of instances',
        state: { step: 'delete', groupName: 'my-hpc', attempts: 1 },
        delaySeconds: undefined,
        physicalId: 'my-hpc',
      });
      expect(again).toMatchObject({
        kind: 'in-progress',
        state: { step: 'delete', groupName: 'my-hpc', attempts: 2 },
      });
      expect(resumed?.kind).toBe('succeeded');
      expect(ec2Mock.commandCalls(DeletePlacementGroupCommand)).toHaveLength(3);
      expect(ec2.groups.has('my-hpc')).toBe(false);
    },
  );

  it('succeeds without a second delete when the group is already deleting', async () => {
    ec2.put({
      GroupName: 'going',
      GroupId: 'pg-0003',
      Strategy: 'cluster',
      State: 'deleting',
      Tags: ours,
    });

    const outcome = await definition.delete(deleteInput('going').input);

    expect(outcome.kind).toBe('succeeded');
    expect(ec2Mock.commandCalls(DeletePlacementGroupCommand)).toHaveLength(0);
  });

  it('lets any other delete error fail the request with its code', async () => {
    ec2.fail('DeletePlacementGroup', 'InternalError');

    await expect(definition.delete(deleteInput('my-hpc').input)).rejects.toMatchObject({
      name: 'AwsCallError',
      awsCode: 'InternalError',
    });
  });

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
    ['nobody crkit knows', []],
  ])(
    'never deletes, from a resumed delete step, a group that belongs to %s',
    async (_owner, Tags) => {
      ec2.put({
        GroupName: 'theirs',
        GroupId: 'pg-0009',
        Strategy: 'spread',
        State: 'available',
        Tags,
      });

      const outcome = await definition.resume?.(
        resumeInput({ step: 'delete', groupName: 'theirs', attempts: 1 }, 'theirs', undefined, {
          action: 'delete',
        }).input,
      );

      expect(outcome).toMatchObject({
        kind: 'succeeded',
        note: expect.stringMatching(/^placement group theirs was left in place: it belongs to/),
      });
      expect(ec2Mock.commandCalls(DeletePlacementGroupCommand)).toHaveLength(0);
      expect(ec2.groups.has('theirs')).toBe(true);
    },
  );

  it('refuses a continuation state it cannot read', async () => {
    const outcome = await definition.resume?.(resumeInput({ step: 'delete' }, undefined).input);

    expect(outcome).toMatchObject({
      kind: 'failed',
      reason:
        'crkit lost track of the placement group it was waiting for (no group name in ' +
        'the continuation state)',
    });
  });
});
