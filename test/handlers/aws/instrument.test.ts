/**
 * The AWS call recorder, exercised through the real SDK stack: aws-sdk-client-mock replaces
 * `send` and so skips every middleware, so these tests drive the shared EC2 and CloudFormation
 * clients against the loopback stand-in on 127.0.0.1, with faults injected there.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { createHandler, defineResource, succeeded } from '../../../framework/index.js';
import type { AwsCallRecord, RegistryEntry } from '../../../framework/index.js';
import { cloudFormationStacks } from '../../../handlers/aws/cloudformation.js';
import { ec2 } from '../../../handlers/aws/ec2.js';
import { Ec2MaxAttempts } from '../../../handlers/aws/retry-policy.js';
import { instrument, MiddlewareName } from '../../../handlers/aws/instrument.js';
import { sdkStandin } from '../../support/sdk-standin.js';
import type { Standin } from '../../../scripts/standin/index.js';
import { lambdaContext, startResponseServer } from '../../../framework/testing/index.js';
import type { ResponseServer } from '../../../framework/testing/index.js';
import { requestOf } from '../../support/events.js';
import { captureLogs } from '../../support/logs.js';
import type { LogCapture } from '../../support/logs.js';

/** Two EC2 calls per create: a lookup, then the creation. */
const twoCalls = defineResource({
  type: 'Custom::TwoCalls',
  properties: z.strictObject({ GroupName: z.string() }),
  replaceOn: [],
  iamStatements: [
    { actions: ['ec2:DescribePlacementGroups'], resources: ['*'] },
    {
      actions: ['ec2:CreatePlacementGroup'],
      resources: ['arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:placement-group/*'],
    },
  ],
  create: async ({ properties, signal }) => {
    const { client, sdk } = await ec2();
    await client.send(
      new sdk.DescribePlacementGroupsCommand({
        Filters: [{ Name: 'group-name', Values: [properties.GroupName] }],
      }),
      { abortSignal: signal },
    );
    await client.send(
      new sdk.CreatePlacementGroupCommand({ GroupName: properties.GroupName, Strategy: 'cluster' }),
      { abortSignal: signal },
    );
    return succeeded(properties.GroupName);
  },
  update: async ({ physicalId }) => succeeded(physicalId),
  delete: async ({ physicalId }) => succeeded(physicalId),
});

let standin: Standin;
let restore: () => Promise<void>;
let server: ResponseServer;
let logs: LogCapture;

beforeAll(async () => {
  ({ standin, restore } = await sdkStandin());
});
afterAll(() => restore());
beforeEach(async () => {
  server = await startResponseServer();
  logs = captureLogs();
});
afterEach(async () => {
  standin.clearFaults();
  standin.clearCalls();
  await server.close();
});

function handler() {
  return createHandler({
    resources: [twoCalls as unknown as RegistryEntry],
    stacks: cloudFormationStacks(),
    logSink: logs.sink,
    responseOrigins: [server.origin],
  });
}

/** Sends a request as CloudFormation would: its view of the resource first, then the invocation. */
async function send(event: Record<string, unknown>): Promise<void> {
  standin.requestSent(event as never);
  await handler()(event, lambdaContext({ remainingMs: 20_000 }));
}

function signalCalls(service?: string): AwsCallRecord[] {
  const [signal] = logs.records('crkit.signal');
  return ((signal?.awsCalls ?? []) as AwsCallRecord[]).filter(
    (call) => service === undefined || call.service === service,
  );
}

describe('the AWS call recorder', () => {
  it(
    'records both calls in order, with the SDK retry of the first and the failure of the ' +
      'second',
    async () => {
      standin.inject({
        service: 'ec2',
        action: 'DescribePlacementGroups',
        kind: 'error',
        status: 503,
        code: 'Unavailable',
        times: 1,
      });
      standin.inject({
        service: 'ec2',
        action: 'CreatePlacementGroup',
        kind: 'error',
        status: 400,
        code: 'InvalidPlacementGroup.Duplicate',
        message: 'already exists',
      });
      const event = requestOf(
        'create',
        {
          ResourceType: 'Custom::TwoCalls',
          ResourceProperties: {
            ServiceToken: 'arn:aws:sns:us-east-1:123456789012:t',
            GroupName: 'hpc',
          },
        },
        server.origin,
      );

      await send(event);

      const seen = standin.calls({ service: 'ec2' });
      expect(seen.map((call) => `${call.action}:${call.status}`)).toEqual([
        'DescribePlacementGroups:503',
        'DescribePlacementGroups:200',
        'CreatePlacementGroup:400',
      ]);
      const calls = signalCalls('EC2');
      expect(calls).toEqual([
        {
          service: 'EC2',
          operation: 'DescribePlacementGroups',
          awsRequestId: seen[1]?.requestId,
          httpStatus: 200,
          attempts: 2,
          errorCode: undefined,
          ms: expect.any(Number),
        },
        {
          service: 'EC2',
          operation: 'CreatePlacementGroup',
          awsRequestId: seen[2]?.requestId,
          httpStatus: 400,
          attempts: 1,
          errorCode: 'InvalidPlacementGroup.Duplicate',
          ms: expect.any(Number),
        },
      ]);
      expect(server.bodies()[0]).toMatchObject({
        Status: 'FAILED',
        Reason: expect.stringContaining('InvalidPlacementGroup.Duplicate'),
      });
    },
  );

  it('records a call failing after every SDK attempt, with attempts and error code', async () => {
    const fault = { kind: 'error', status: 500, code: 'InternalError' } as const;
    const times = Ec2MaxAttempts;
    standin.inject({ service: 'ec2', action: 'DescribePlacementGroups', ...fault, times });
    const event = requestOf(
      'create',
      { ResourceType: 'Custom::TwoCalls', ResourceProperties: { GroupName: 'hpc-2' } },
      server.origin,
    );

    await send(event);

    expect(signalCalls('EC2')).toEqual([
      {
        service: 'EC2',
        operation: 'DescribePlacementGroups',
        awsRequestId: standin.calls({ service: 'ec2' })[Ec2MaxAttempts - 1]?.requestId,
        httpStatus: 500,
        attempts: Ec2MaxAttempts,
        errorCode: 'InternalError',
        ms: expect.any(Number),
      },
    ]);
  });

  it(
    'records the stack lookups: the confirmation with CloudFormation, and the one that ' +
      'tells an update from a rollback',
    async () => {
      const event = requestOf(
        'update',
        {
          ResourceType: 'Custom::TwoCalls',
          PhysicalResourceId: 'hpc',
          ResourceProperties: { GroupName: 'hpc' },
          OldResourceProperties: { GroupName: 'hpc' },
        },
        server.origin,
      );

      await send(event);

      const seen = standin.calls({ service: 'cloudformation' });
      expect(
        signalCalls()
          .map((call) => [call.operation, call.awsRequestId])
          .sort(),
      ).toEqual(seen.map((call) => [call.action, call.requestId]).sort());
      expect(seen.map((call) => call.action).sort()).toEqual([
        'DescribeStackResource',
        'DescribeStacks',
      ]);
    },
  );

  it('drops calls outside any request and is added once however often it is applied', async () => {
    const { client, sdk } = await ec2();
    instrument(client);
    instrument(client);

    await client.send(new sdk.DescribePlacementGroupsCommand({}));

    expect(
      client.middlewareStack.identify().filter((entry) => entry.startsWith(MiddlewareName)),
    ).toHaveLength(1);
    expect(standin.calls()).toHaveLength(1);
  });
});
