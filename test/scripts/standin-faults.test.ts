import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  CreatePlacementGroupCommand,
  DescribeInstanceTypesCommand,
  DescribePlacementGroupsCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure, harness } from '../fixtures/standin/clients.js';
import type { Harness } from '../fixtures/standin/clients.js';

let h: Harness;
beforeEach(async () => {
  h = await harness({ stacks: [{ stackName: 'app' }] }, { maxAttempts: 1 });
});
afterEach(async () => {
  await h.close();
});

const describeTypes = () =>
  h.ec2.send(new DescribeInstanceTypesCommand({ InstanceTypes: ['m5.large'] }));

describe('lost answers', () => {
  it(
    'carries the call out and then resets the connection: the caller sees no answer, the ' +
      'group exists',
    async () => {
      h.standin.inject({ service: 'ec2', action: 'CreatePlacementGroup', kind: 'lost' });

      const error = await failure(
        h.ec2.send(
          new CreatePlacementGroupCommand({ GroupName: 'made-anyway', Strategy: 'cluster' }),
        ),
      );
      const { PlacementGroups } = await h.ec2.send(
        new DescribePlacementGroupsCommand({ GroupNames: ['made-anyway'] }),
      );

      expect(error.$metadata?.httpStatusCode).toBeUndefined();
      expect(PlacementGroups?.map((group) => group.GroupName)).toEqual(['made-anyway']);
      expect(h.standin.calls({ action: 'CreatePlacementGroup' }).map((call) => call.fault)).toEqual(
        ['lost'],
      );
    },
  );

  it('carries the call out and never answers when told to hang', async () => {
    h.standin.inject({
      service: 'ec2',
      action: 'CreatePlacementGroup',
      kind: 'lost',
      then: 'hang',
    });

    const error = await failure(
      h.ec2.send(
        new CreatePlacementGroupCommand({ GroupName: 'made-silently', Strategy: 'cluster' }),
        { abortSignal: AbortSignal.timeout(300) },
      ),
    );
    const { PlacementGroups } = await h.ec2.send(
      new DescribePlacementGroupsCommand({ GroupNames: ['made-silently'] }),
    );

    expect(error.name).toMatch(/Abort/);
    expect(PlacementGroups).toHaveLength(1);
  });
});

describe('error faults', () => {
  it('makes the SDK retry a 500 InternalError and then fail with it', async () => {
    const retrying = await harness({}, { maxAttempts: 3 });
    retrying.standin.inject({
      service: 'ec2',
      action: 'DescribeInstanceTypes',
      kind: 'error',
      status: 500,
      code: 'InternalError',
      times: 3,
    });

    const error = await failure(retrying.ec2.send(new DescribeInstanceTypesCommand({}))).finally(
      () => retrying.close(),
    );

    expect(error.name).toBe('InternalError');
    expect(error.$fault).toBe('server');
    expect(error.$metadata).toMatchObject({ httpStatusCode: 500, attempts: 3 });
    expect(retrying.standin.calls().map((c) => [c.status, c.fault])).toEqual([
      [500, 'error'],
      [500, 'error'],
      [500, 'error'],
    ]);
  });

  it('lets a retried call succeed once the fault is used up', async () => {
    const retrying = await harness({}, { maxAttempts: 3 });
    retrying.standin.inject({ kind: 'error', status: 503, code: 'Unavailable' });

    const out = await retrying.ec2
      .send(new DescribeInstanceTypesCommand({ InstanceTypes: ['m5.large'] }))
      .finally(() => retrying.close());

    expect(out.InstanceTypes).toHaveLength(1);
    expect(out.$metadata.attempts).toBe(2);
  });

  it('surfaces throttling codes as the error name in every protocol', async () => {
    h.standin.inject({
      service: 'ec2',
      kind: 'error',
      status: 400,
      code: 'RequestLimitExceeded',
      message: 'Request limit exceeded.',
    });
    h.standin.inject({
      service: 'cloudformation',
      kind: 'error',
      status: 400,
      code: 'Throttling',
      message: 'Rate exceeded',
    });
    h.standin.inject({
      service: 'sqs',
      kind: 'error',
      status: 400,
      code: 'ThrottlingException',
      message: 'slow down',
    });

    await expect(describeTypes()).rejects.toMatchObject({
      name: 'RequestLimitExceeded',
      message: 'Request limit exceeded.',
    });
    await expect(h.cfn.send(new DescribeStacksCommand({ StackName: 'app' }))).rejects.toMatchObject(
      { name: 'Throttling', message: 'Rate exceeded' },
    );
    await expect(
      h.sqs.send(new SendMessageCommand({ QueueUrl: h.standin.queueUrl('q'), MessageBody: 'x' })),
    ).rejects.toMatchObject({
      name: 'ThrottlingException',
    });
  });

  it('hits only the matching service and action, for the given number of calls', async () => {
    h.standin.inject({
      service: 'ec2',
      action: 'DescribePlacementGroups',
      kind: 'error',
      status: 500,
      code: 'InternalError',
      times: 2,
    });

    await describeTypes();
    await expect(h.ec2.send(new DescribePlacementGroupsCommand({}))).rejects.toMatchObject({
      name: 'InternalError',
    });
    await expect(h.ec2.send(new DescribePlacementGroupsCommand({}))).rejects.toMatchObject({
      name: 'InternalError',
    });
    await h.ec2.send(new DescribePlacementGroupsCommand({}));

    expect(h.standin.calls({ action: 'DescribePlacementGroups' }).map((c) => c.status)).toEqual([
      500, 500, 200,
    ]);
  });
});

describe('transport faults', () => {
  it('resets the connection, which the SDK reports as a network error', async () => {
    h.standin.inject({ kind: 'reset' });

    const error = await failure(describeTypes());

    // The SDK's Node handler names a reset socket `TimeoutError` with code ECONNRESET.
    expect(error).toMatchObject({ code: 'ECONNRESET', message: 'socket hang up' });
    expect(h.standin.calls()[0]).toMatchObject({
      status: 0,
      fault: 'reset',
      action: 'DescribeInstanceTypes',
    });
  });

  it('sends a malformed body, which fails deserialization', async () => {
    h.standin.inject({ service: 'ec2', kind: 'malformed' });
    h.standin.inject({ service: 'sqs', kind: 'malformed' });

    const xml = await failure(describeTypes());
    const json = await failure(
      h.sqs.send(new SendMessageCommand({ QueueUrl: h.standin.queueUrl('q'), MessageBody: 'x' })),
    );

    expect(xml.message).toMatch(/XML parse error[\s\S]*Deserialization error/);
    expect(json.message).toMatch(/JSON[\s\S]*Deserialization error/);
    expect(xml.$metadata?.httpStatusCode).toBe(200);
  });

  it('hangs until the caller aborts', async () => {
    h.standin.inject({ kind: 'hang' });
    const controller = new AbortController();
    // Abort once the stand-in holds the call, however slow the machine is to deliver it.
    const poll = setInterval(() => {
      if (h.standin.calls().length > 0) controller.abort();
    }, 10);

    const error = await failure(
      h.ec2.send(new DescribeInstanceTypesCommand({}), { abortSignal: controller.signal }),
    ).finally(() => clearInterval(poll));

    expect(error.name).toBe('AbortError');
    expect(h.standin.calls()[0]).toMatchObject({ fault: 'hang', status: 0 });
  });

  it('hangs past the client requestTimeout (which throws if throwOnRequestTimeout)', async () => {
    // In @smithy/node-http-handler of SDK 3.1169 a requestTimeout alone only logs a warning.
    const timed = await harness(
      {},
      { maxAttempts: 1, requestHandler: { requestTimeout: 100, throwOnRequestTimeout: true } },
    );
    timed.standin.inject({ kind: 'hang' });

    const error = await failure(timed.ec2.send(new DescribeInstanceTypesCommand({}))).finally(() =>
      timed.close(),
    );

    expect(error.name).toBe('TimeoutError');
  });

  it('delays an answer for the given milliseconds, then answers normally', async () => {
    h.standin.inject({ kind: 'hang', ms: 80 });
    const started = Date.now();

    const out = await describeTypes();

    expect(Date.now() - started).toBeGreaterThanOrEqual(75);
    expect(out.InstanceTypes?.[0]?.InstanceType).toBe('m5.large');
    expect(h.standin.calls()[0]).toMatchObject({ fault: 'hang', status: 200 });
  });

  it('closes hung connections on stop: the caller sees an error rather than waiting', async () => {
    const other = await harness({}, { maxAttempts: 1 });
    other.standin.inject({ kind: 'hang' });
    const pending = failure(other.ec2.send(new DescribeInstanceTypesCommand({})));
    await new Promise((resolve) => setTimeout(resolve, 30));

    const started = Date.now();
    await other.close();
    const error = await pending;

    expect(Date.now() - started).toBeLessThan(1_000);
    expect(error).toBeInstanceOf(Error);
  });
});

describe('call log', () => {
  it(
    'records service, action, params, status, code and a timestamp, and flags ' +
      'unimplemented actions',
    async () => {
      await describeTypes();
      await expect(
        h.ec2.send(new RunInstancesCommand({ MinCount: 1, MaxCount: 1, ImageId: 'ami-1' })),
      ).rejects.toMatchObject({
        name: 'InvalidAction',
        message: expect.stringContaining('ec2:RunInstances'),
      });

      const [ok, unexpected] = h.standin.calls();
      expect(ok).toMatchObject({
        seq: 1,
        service: 'ec2',
        action: 'DescribeInstanceTypes',
        status: 200,
        unimplemented: false,
        params: { 'InstanceType.1': 'm5.large' },
      });
      expect(Date.parse(ok?.timestamp ?? '')).not.toBeNaN();
      expect(unexpected).toMatchObject({
        seq: 2,
        action: 'RunInstances',
        status: 400,
        code: 'InvalidAction',
        unimplemented: true,
      });
      expect(h.standin.unexpectedCalls()).toHaveLength(1);
    },
  );

  it('records a call to a service it does not serve, naming method and path', async () => {
    const s3 = new S3Client({
      endpoint: h.standin.url,
      region: 'us-east-1',
      forcePathStyle: true,
      maxAttempts: 1,
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    });

    await expect(s3.send(new HeadObjectCommand({ Bucket: 'b', Key: 'k' }))).rejects.toBeInstanceOf(
      Error,
    );
    s3.destroy();

    expect(h.standin.unexpectedCalls()).toMatchObject([
      { service: 'unknown', action: 's3 HEAD /b/k', status: 400, unimplemented: true },
    ]);
  });

  it('lists faults still queued with their remaining uses', () => {
    h.standin.inject({ kind: 'reset', times: 2, action: 'DescribeImages' });

    expect(h.standin.pendingFaults()).toEqual([
      { id: 'fault-1', remaining: 2, spec: { kind: 'reset', times: 2, action: 'DescribeImages' } },
    ]);
  });
});
