import { CreatePlacementGroupCommand, DeletePlacementGroupCommand } from '@aws-sdk/client-ec2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandler } from '../../../../framework/index.js';
import type { StackPort } from '../../../../framework/index.js';
import { builtInResources } from '../../../../handlers/resources/index.js';
import { lambdaContext, startResponseServer } from '../../../../framework/testing/index.js';
import type { ResponseServer } from '../../../../framework/testing/index.js';
import { requestOf } from '../../../support/events.js';
import type { Kind } from '../../../support/events.js';
import { captureLogs } from '../../../support/logs.js';
import type { LogCapture } from '../../../support/logs.js';
import { ec2Mock, fakeEc2 } from './fake-ec2.js';
import type { FakeEc2 } from './fake-ec2.js';
import { cloudFormationModel, sentByCloudFormation } from '../../../support/cloudformation.js';
import type { CloudFormationModel } from '../../../support/cloudformation.js';

const stackId =
  'arn:aws:cloudformation:us-east-1:123456789012:stack/web/1b2c3d40-aaaa-11f0-8000-0a1b2c3d4e5f';
const token = 'arn:aws:sns:us-east-1:123456789012:crkit-requests';

let server: ResponseServer;
let logs: LogCapture;
let ec2: FakeEc2;
let stackStatus = 'CREATE_IN_PROGRESS';

let cloudFormation: CloudFormationModel;

const stacks: StackPort = {
  describe: async () => ({ status: stackStatus, tags: [{ Key: 'cost-center', Value: '42' }] }),
  resource: (...args) => cloudFormation.stacks.resource(...args),
  resourceEvents: (...args) => cloudFormation.stacks.resourceEvents(...args),
};

/**
 * A handler as Lambda builds it, with the real resource catalog (a fresh one is a cold container).
 */
function coldHandler() {
  return sentByCloudFormation(
    cloudFormation,
    createHandler({
      resources: builtInResources,
      stacks,
      logSink: logs.sink,
      responseOrigins: [server.origin],
    }),
  );
}

function request(kind: Kind, overrides: Record<string, unknown>) {
  return requestOf(
    kind,
    {
      StackId: stackId,
      LogicalResourceId: 'Cluster',
      ResourceType: 'Custom::PlacementGroup',
      ...overrides,
    },
    server.origin,
  );
}

const cluster = {
  ServiceToken: token,
  Strategy: 'cluster',
  InstanceTypes: ['c5n.18xlarge'],
  Tags: [{ Key: 'team', Value: 'a' }],
};
const clusterRetagged = { ...cluster, Tags: [{ Key: 'team', Value: 'b' }] };
const spread = {
  ServiceToken: token,
  Strategy: 'spread',
  SpreadLevel: 'rack',
  Tags: [{ Key: 'team', Value: 'b' }],
};
const partition = {
  ServiceToken: token,
  Strategy: 'partition',
  PartitionCount: '3',
  Tags: [{ Key: 'team', Value: 'b' }],
};

beforeEach(async () => {
  server = await startResponseServer();
  logs = captureLogs();
  ec2 = fakeEc2();
  stackStatus = 'CREATE_IN_PROGRESS';
  cloudFormation = cloudFormationModel();
});
afterEach(async () => {
  ec2Mock.reset();
  await server.close();
});

describe('Custom::PlacementGroup through the real handler', () => {
  it(
    'goes create → tag update → replacement → cleanup → rollback to the kept group → ' +
      'delete, answering each once',
    async () => {
      const handler = coldHandler();
      const last = () => server.bodies().at(-1) ?? {};

      await handler(request('create', { ResourceProperties: cluster }), lambdaContext());
      const a = String(last().PhysicalResourceId);
      const aId = ec2.groups.get(a)?.GroupId;
      expect(last()).toMatchObject({
        Status: 'SUCCESS',
        Data: { GroupName: a, GroupId: aId, Strategy: 'cluster' },
      });
      expect(ec2.groups.get(a)?.Tags).toEqual([
        { Key: 'crkit:stack-id', Value: stackId },
        { Key: 'crkit:logical-id', Value: 'Cluster' },
        { Key: 'team', Value: 'a' },
        { Key: 'cost-center', Value: '42' },
      ]);

      stackStatus = 'UPDATE_IN_PROGRESS';
      await handler(
        request('update', {
          PhysicalResourceId: a,
          ResourceProperties: clusterRetagged,
          OldResourceProperties: cluster,
        }),
        lambdaContext(),
      );
      expect(last()).toMatchObject({
        Status: 'SUCCESS',
        PhysicalResourceId: a,
        Data: { GroupId: aId },
      });
      expect(ec2.groups.get(a)?.Tags).toContainEqual({ Key: 'team', Value: 'b' });

      await handler(
        request('update', {
          PhysicalResourceId: a,
          ResourceProperties: spread,
          OldResourceProperties: clusterRetagged,
        }),
        lambdaContext(),
      );
      const b = String(last().PhysicalResourceId);
      expect(last()).toMatchObject({
        Status: 'SUCCESS',
        Data: { GroupName: b, Strategy: 'spread' },
      });
      expect(b).not.toBe(a);

      stackStatus = 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS';
      await handler(
        request('delete', { PhysicalResourceId: a, ResourceProperties: clusterRetagged }),
        lambdaContext(),
      );
      expect(last()).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: a });
      expect([...ec2.groups.keys()]).toEqual([b]);

      stackStatus = 'UPDATE_IN_PROGRESS';
      await handler(
        request('update', {
          PhysicalResourceId: b,
          ResourceProperties: partition,
          OldResourceProperties: spread,
        }),
        lambdaContext(),
      );
      const c = String(last().PhysicalResourceId);
      expect(last()).toMatchObject({
        Status: 'SUCCESS',
        Data: { GroupName: c, Strategy: 'partition' },
      });
      expect(ec2Mock.commandCalls(CreatePlacementGroupCommand).at(-1)?.args[0].input).toMatchObject(
        {
          GroupName: c,
          Strategy: 'partition',
          PartitionCount: 3,
        },
      );

      stackStatus = 'UPDATE_ROLLBACK_IN_PROGRESS';
      const createsBefore = ec2Mock.commandCalls(CreatePlacementGroupCommand).length;
      await handler(
        request('update', {
          PhysicalResourceId: c,
          ResourceProperties: spread,
          OldResourceProperties: partition,
        }),
        lambdaContext(),
      );
      expect(last()).toMatchObject({
        Status: 'SUCCESS',
        PhysicalResourceId: b,
        Data: { GroupName: b, Strategy: 'spread' },
      });
      expect(ec2Mock.commandCalls(CreatePlacementGroupCommand)).toHaveLength(createsBefore);

      stackStatus = 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS';
      await handler(
        request('delete', { PhysicalResourceId: c, ResourceProperties: partition }),
        lambdaContext(),
      );
      stackStatus = 'DELETE_IN_PROGRESS';
      await handler(
        request('delete', { PhysicalResourceId: b, ResourceProperties: spread }),
        lambdaContext(),
      );

      expect(server.bodies().map((body) => body.Status)).toEqual(Array(8).fill('SUCCESS'));
      expect(ec2.groups.size).toBe(0);
      expect(
        ec2Mock
          .commandCalls(DeletePlacementGroupCommand)
          .map((call) => call.args[0].input.GroupName),
      ).toEqual([a, c, b]);
      expect(logs.records('crkit.signal')).toHaveLength(8);
    },
  );

  it(
    'answers a duplicate delivery of the Create with the same answer and one group, in the ' +
      'same or a new container',
    async () => {
      const create = request('create', { ResourceProperties: cluster });

      const warm = coldHandler();
      await warm(create, lambdaContext());
      await warm(create, lambdaContext());
      await coldHandler()(create, lambdaContext());

      const [first, second, third] = server.bodies();
      expect(first).toMatchObject({ Status: 'SUCCESS' });
      expect(second).toEqual(first);
      expect(third).toEqual(first);
      expect(ec2.groups.size).toBe(1);
      // The warm container answers its repeat from memory; the new one meets Duplicate and adopts.
      expect(ec2Mock.commandCalls(CreatePlacementGroupCommand)).toHaveLength(2);
    },
  );

  it(
    'answers FAILED with the foreign owner in the Reason, and the rollback Delete touches ' +
      'nothing',
    async () => {
      const other = 'arn:aws:cloudformation:us-east-1:123456789012:stack/other/77';
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
      const handler = coldHandler();

      await handler(
        request('create', { ResourceProperties: { ...cluster, GroupName: 'my-hpc' } }),
        lambdaContext(),
      );
      const answer = server.bodies()[0] ?? {};
      ec2.calls.length = 0;
      await handler(
        request('delete', {
          PhysicalResourceId: answer.PhysicalResourceId,
          ResourceProperties: { ...cluster, GroupName: 'my-hpc' },
        }),
        lambdaContext(),
      );

      expect(answer).toMatchObject({
        Status: 'FAILED',
        Reason: expect.stringContaining(`belongs to resource Cluster of stack ${other}`),
      });
      expect(String(answer.PhysicalResourceId)).toMatch(/^crkit:failed-create:/);
      expect(server.bodies()[1]).toMatchObject({ Status: 'SUCCESS' });
      expect(ec2.calls).toEqual([]);
      expect(ec2.groups.has('my-hpc')).toBe(true);
    },
  );

  it(
    'answers FAILED for an unsupported instance type, with the Reason naming the type and ' +
      'strategy',
    async () => {
      await coldHandler()(
        request('create', { ResourceProperties: { ...cluster, InstanceTypes: ['t3.micro'] } }),
        lambdaContext(),
      );

      expect(server.bodies()[0]).toMatchObject({
        Status: 'FAILED',
        Reason:
          'InstanceTypes: t3.micro does not support cluster placement groups (it supports ' +
          'only partition, spread). Choose types that support cluster, or another Strategy',
      });
      expect(ec2.groups.size).toBe(0);
    },
  );

  it('answers FAILED with a throttling Reason people understand if EC2 keeps at it', async () => {
    ec2.fail('CreatePlacementGroup', ...Array<string>(50).fill('RequestLimitExceeded'));

    await coldHandler()(
      request('create', { ResourceProperties: cluster }),
      lambdaContext({ remainingMs: 8_000 }),
    );

    const call = 'ec2:CreatePlacementGroup \\(RequestLimitExceeded\\)';
    const throttled = new RegExp(`^EC2 throttled ${call} on (all \\d+ attempts|its only attempt)`);
    const Reason = expect.stringMatching(throttled);
    expect(server.bodies()[0]).toMatchObject({ Status: 'FAILED', Reason });
  });

  it('answers a Delete SUCCESS after InUse twice, and SUCCESS for an unknown group', async () => {
    await coldHandler()(request('create', { ResourceProperties: cluster }), lambdaContext());
    const name = String(server.bodies()[0]?.PhysicalResourceId);
    ec2.fail('DeletePlacementGroup', 'InvalidPlacementGroup.InUse', 'InvalidPlacementGroup.InUse');

    await coldHandler()(
      request('delete', { PhysicalResourceId: name, ResourceProperties: cluster }),
      lambdaContext(),
    );
    await coldHandler()(
      request('delete', { PhysicalResourceId: 'never-existed', ResourceProperties: cluster }),
      lambdaContext(),
    );

    expect(server.bodies().slice(1)).toMatchObject([
      { Status: 'SUCCESS', PhysicalResourceId: name },
      { Status: 'SUCCESS', PhysicalResourceId: 'never-existed' },
    ]);
    expect(
      ec2Mock.commandCalls(DeletePlacementGroupCommand).map((call) => call.args[0].input.GroupName),
    ).toEqual([name, name, name]);
    expect(ec2.groups.size).toBe(0);
  });
});
