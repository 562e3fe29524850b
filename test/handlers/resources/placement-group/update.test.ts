import { CreateTagsCommand, DeleteTagsCommand } from '@aws-sdk/client-ec2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as placementGroup from '../../../../handlers/resources/placement-group/definition.js';
import { ec2Mock, fakeEc2 } from './fake-ec2.js';
import type { FakeEc2 } from './fake-ec2.js';
import { fastPacing, ours, updateInput } from './inputs.js';

const definition = placementGroup.placementGroupDefinition(fastPacing);
let ec2: FakeEc2;

beforeEach(() => {
  ec2 = fakeEc2();
  ec2.put({
    GroupName: 'my-hpc',
    GroupId: 'pg-0001',
    Strategy: 'cluster',
    State: 'available',
    GroupArn: 'arn:aws:ec2:us-east-1:123456789012:placement-group/my-hpc',
    Tags: [
      ...ours,
      { Key: 'team', Value: 'a' },
      { Key: 'old', Value: 'x' },
      { Key: 'manual', Value: 'kept' },
    ],
  });
});
afterEach(() => {
  ec2Mock.reset();
});

const old = {
  Strategy: 'cluster',
  GroupName: 'my-hpc',
  Tags: [
    { Key: 'team', Value: 'a' },
    { Key: 'old', Value: 'x' },
  ],
};

describe('update', () => {
  it(
    'writes changed tags and deletes dropped ones on the group id, never touching ' +
      'ownership tags',
    async () => {
      const { input } = updateInput(
        {
          ...old,
          Tags: [
            { Key: 'team', Value: 'b' },
            { Key: 'new', Value: 'y' },
          ],
        },
        old,
        'my-hpc',
        { stackTags: [{ Key: 'cost-center', Value: '42' }] },
      );

      const outcome = await definition.update(input);

      expect(ec2Mock.commandCalls(CreateTagsCommand).map((call) => call.args[0].input)).toEqual([
        {
          Resources: ['pg-0001'],
          Tags: [
            { Key: 'team', Value: 'b' },
            { Key: 'new', Value: 'y' },
            { Key: 'cost-center', Value: '42' },
          ],
        },
      ]);
      expect(ec2Mock.commandCalls(DeleteTagsCommand).map((call) => call.args[0].input)).toEqual([
        { Resources: ['pg-0001'], Tags: [{ Key: 'old' }] },
      ]);
      expect(ec2.groups.get('my-hpc')?.Tags).toEqual([
        ...ours,
        { Key: 'manual', Value: 'kept' },
        { Key: 'team', Value: 'b' },
        { Key: 'new', Value: 'y' },
        { Key: 'cost-center', Value: '42' },
      ]);
      expect(outcome).toEqual({
        kind: 'succeeded',
        physicalId: 'my-hpc',
        data: {
          GroupName: 'my-hpc',
          GroupId: 'pg-0001',
          GroupArn: 'arn:aws:ec2:us-east-1:123456789012:placement-group/my-hpc',
          Strategy: 'cluster',
        },
        noEcho: false,
      });
    },
  );

  it('makes no tag call when nothing changed', async () => {
    const outcome = await definition.update(updateInput(old, old, 'my-hpc').input);

    expect(outcome.kind).toBe('succeeded');
    expect(ec2.calls).toEqual(['DescribePlacementGroups']);
  });

  it('keeps a dropped author key that the stack also sets, with the stack value', async () => {
    await definition.update(
      updateInput({ ...old, Tags: [{ Key: 'old', Value: 'x' }] }, old, 'my-hpc', {
        stackTags: [{ Key: 'team', Value: 'stack' }],
      }).input,
    );

    expect(ec2Mock.commandCalls(CreateTagsCommand)[0]?.args[0].input.Tags).toEqual([
      { Key: 'team', Value: 'stack' },
    ]);
    expect(ec2Mock.commandCalls(DeleteTagsCommand)).toHaveLength(0);
  });

  it('fails clearly when the group no longer exists', async () => {
    const outcome = await definition.update(updateInput(old, old, 'vanished').input);

    expect(outcome).toEqual({
      kind: 'failed',
      reason:
        'Placement group vanished no longer exists (deleted outside CloudFormation?), so ' +
        'its tags cannot be updated; recreate it by changing GroupName or Strategy',
      physicalId: undefined,
    });
  });

  it('refuses to change a group that is not this resource', async () => {
    ec2.put({
      GroupName: 'my-hpc',
      GroupId: 'pg-0001',
      Strategy: 'cluster',
      State: 'available',
      Tags: [],
    });

    const outcome = await definition.update(updateInput({ ...old, Tags: [] }, old, 'my-hpc').input);

    expect(outcome.kind).toBe('failed');
    expect(ec2.calls).toEqual(['DescribePlacementGroups']);
  });

  it('re-checks the instance types the update declares', async () => {
    const outcome = await definition.update(
      updateInput({ ...old, InstanceTypes: ['t3.micro'] }, old, 'my-hpc').input,
    );

    expect(outcome).toMatchObject({
      kind: 'failed',
      reason: expect.stringContaining('t3.micro does not support cluster placement groups'),
    });
    expect(ec2.calls).toEqual(['DescribeInstanceTypes']);
  });
});

describe('update within EC2 limit of 50 tags', () => {
  const stack = Array.from({ length: 47 }, (_, index) => ({ Key: `s${index}`, Value: 'v' }));

  it('deletes dropped author keys before writing new: a full group can swap a key', async () => {
    const before = { Strategy: 'cluster', GroupName: 'full', Tags: [{ Key: 'team', Value: 'a' }] };
    ec2.put({
      GroupName: 'full',
      GroupId: 'pg-0050',
      Strategy: 'cluster',
      State: 'available',
      Tags: [...ours, { Key: 'team', Value: 'a' }, ...stack],
    });

    const outcome = await definition.update(
      updateInput({ ...before, Tags: [{ Key: 'group', Value: 'a' }] }, before, 'full', {
        stackTags: stack,
      }).input,
    );

    expect(outcome.kind).toBe('succeeded');
    expect(ec2.calls).toEqual(['DescribePlacementGroups', 'DeleteTags', 'CreateTags']);
    expect(ec2.groups.get('full')?.Tags).toHaveLength(50);
  });

  it('removes stack tags that no longer fit when the author adds one to a full group', async () => {
    const before = { Strategy: 'cluster', GroupName: 'full', Tags: [{ Key: 'team', Value: 'a' }] };
    ec2.put({
      GroupName: 'full',
      GroupId: 'pg-0050',
      Strategy: 'cluster',
      State: 'available',
      Tags: [...ours, { Key: 'team', Value: 'a' }, ...stack],
    });

    const outcome = await definition.update(
      updateInput(
        {
          ...before,
          Tags: [
            { Key: 'team', Value: 'a' },
            { Key: 'extra', Value: 'b' },
          ],
        },
        before,
        'full',
        { stackTags: stack },
      ).input,
    );

    expect(outcome.kind).toBe('succeeded');
    expect(ec2Mock.commandCalls(DeleteTagsCommand).map((call) => call.args[0].input)).toEqual([
      { Resources: ['pg-0050'], Tags: [{ Key: 's46' }] },
    ]);
    expect(ec2.groups.get('full')?.Tags).toHaveLength(50);
    expect(ec2.groups.get('full')?.Tags).toContainEqual({ Key: 'extra', Value: 'b' });
  });
});
