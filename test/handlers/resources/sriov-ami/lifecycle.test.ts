/**
 * The whole path through the real Lambda entry (handlers/entry.ts): CloudFormation's request,
 * the continuation messages captured from SQS and delivered back as SQS events, and the answer
 * PUT to a real HTTP server on 127.0.0.1.
 */
import {
  CloudFormationClient,
  DescribeStackEventsCommand,
  DescribeStackResourceCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import {
  CreateTagsCommand,
  DeregisterImageCommand,
  DescribeImagesCommand,
  EC2Client,
  RegisterImageCommand,
} from '@aws-sdk/client-ec2';
import type { Image } from '@aws-sdk/client-ec2';
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { cloudFormationModel, sentByCloudFormation } from '../../../support/cloudformation.js';
import { lambdaContext, startResponseServer } from '../../../../framework/testing/index.js';
import type { ResponseServer, TestContext } from '../../../../framework/testing/index.js';
import { requestOf } from '../../../support/events.js';
import { ec2Error, ownership, sourceImage } from './support.js';

const ec2 = mockClient(EC2Client);
const sqs = mockClient(SQSClient);
const cfn = mockClient(CloudFormationClient);
const secrets = mockClient(SecretsManagerClient);
/** What CloudFormation shows: every request a test hands the entry directly is one it sent. */
let cloudFormation = cloudFormationModel();
const queueUrl = 'https://sqs.us-east-1.amazonaws.com/123456789012/crkit-continuations';
const imageId = 'ami-0ccccccccccccccc3';

type Handler = (event: unknown, context: TestContext) => Promise<unknown>;

let server: ResponseServer;
let handler: Handler;
let output: string[];

const registered = (State: Image['State']): Image =>
  sourceImage({
    ImageId: imageId,
    Name: 'web-sriov-2026-11',
    State,
    SriovNetSupport: 'simple',
    EnaSupport: true,
    Tags: ownership,
  });

const createRequest = (serviceTimeout = '600') =>
  requestOf(
    'create',
    {
      ResourceType: 'Custom::SriovAmiRegistration',
      LogicalResourceId: 'FastAmi',
      ResourceProperties: {
        ServiceToken: 'arn:aws:sns:us-east-1:123456789012:crkit',
        ServiceTimeout: serviceTimeout,
        SourceImageId: 'ami-0aaaaaaaaaaaaaaa1',
        Name: 'web-sriov-2026-11',
        DriverConfirmed: 'true',
      },
    },
    server.origin,
  );

/** The continuation messages sent so far. */
const sent = () => sqs.commandCalls(SendMessageCommand).map((call) => call.args[0].input);

const sqsEvent = (index: number, messageId = `message-${index}`) => ({
  Records: [
    {
      messageId,
      receiptHandle: `receipt-${index}`,
      body: sent()[index]?.MessageBody ?? '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:crkit-continuations',
      awsRegion: 'us-east-1',
    },
  ],
});

async function loadEntry(): Promise<Handler> {
  const module = (await import('../../../../handlers/entry.js')) as { handler: Handler };
  return sentByCloudFormation(cloudFormation, module.handler);
}

/** CloudFormation's read calls answered from the model, as the SDK would return them. */
function cloudFormationReadsFromModel(): void {
  cfn
    .on(DescribeStackResourceCommand)
    .callsFake(
      async ({
        StackName,
        LogicalResourceId,
      }: {
        StackName: string;
        LogicalResourceId: string;
      }) => {
        const view = await cloudFormation.stacks.resource(
          StackName,
          LogicalResourceId,
          AbortSignal.timeout(1000),
        );
        if (!view.found)
          throw Object.assign(
            new Error(`Resource ${LogicalResourceId} does not exist for stack ${StackName}`),
            { name: 'ValidationError', $metadata: { httpStatusCode: 400 } },
          );
        return {
          StackResourceDetail: {
            StackName,
            LogicalResourceId,
            ResourceType: view.resourceType,
            ResourceStatus: view.status,
            PhysicalResourceId: view.physicalId,
            LastUpdatedTimestamp: new Date(),
          },
        };
      },
    );
  cfn.on(DescribeStackEventsCommand).resolves({ StackEvents: [] });
}

beforeAll(async () => {
  server = await startResponseServer();
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIAFAKE',
    AWS_SECRET_ACCESS_KEY: 'fake',
    CRKIT_CONTINUATION_QUEUE_URL: queueUrl,
    CRKIT_CONTINUATION_QUEUE_ARN: 'arn:aws:sqs:us-east-1:123456789012:crkit-continuations',
    CRKIT_CONTINUATION_SECRET_ARN:
      'arn:aws:secretsmanager:us-east-1:123456789012:secret:crkit-continuation-AbCdEf',
    CRKIT_RESPONSE_ORIGINS: server.origin,
    CRKIT_METRICS_NAMESPACE: 'off',
  });
});
beforeEach(async () => {
  output = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    output.push(String(chunk));
    return true;
  });
  vi.resetModules();
  cloudFormation = cloudFormationModel();
  cloudFormationReadsFromModel();
  secrets.on(GetSecretValueCommand).resolves({ SecretString: 'continuation-key-'.repeat(4) });
  handler = await loadEntry();
  server.clear();
  sqs.on(SendMessageCommand).resolves({ MessageId: 'sent' });
  cfn.on(DescribeStacksCommand).resolves({
    Stacks: [
      {
        StackName: 'web',
        StackStatus: 'CREATE_IN_PROGRESS',
        CreationTime: new Date(),
        Tags: [{ Key: 'cost-center', Value: '42' }],
      },
    ],
  });
  ec2
    .on(DescribeImagesCommand, { ImageIds: ['ami-0aaaaaaaaaaaaaaa1'] })
    .resolves({ Images: [sourceImage()] });
  ec2.on(RegisterImageCommand).resolves({ ImageId: imageId });
  ec2.on(CreateTagsCommand).resolves({});
});
afterEach(() => {
  vi.restoreAllMocks();
  ec2.reset();
  sqs.reset();
  cfn.reset();
  secrets.reset();
});
afterAll(async () => {
  await server.close();
});

describe('Custom::SriovAmiRegistration through the Lambda entry and the continuation queue', () => {
  it(
    'continues through the queue while the image stays pending, then answers exactly one ' +
      'SUCCESS',
    async () => {
      ec2
        .on(DescribeImagesCommand, { ImageIds: [imageId] })
        .resolvesOnce({ Images: [registered('pending')] })
        .resolves({ Images: [registered('available')] });
      const request = createRequest();

      await handler(request, lambdaContext({ remainingMs: 2000 }));
      const afterFirst = server.received.length;
      const second = await handler(sqsEvent(0), lambdaContext({ remainingMs: 2000 }));
      const third = await handler(sqsEvent(1), lambdaContext({ remainingMs: 2000 }));

      expect(afterFirst).toBe(0);
      expect(second).toEqual({ batchItemFailures: [] });
      expect(third).toEqual({ batchItemFailures: [] });
      // The framework's schedule: the first looks come about a second apart.
      expect(sent().map(({ QueueUrl }) => QueueUrl)).toEqual([queueUrl, queueUrl]);
      expect(
        sent().every(
          ({ DelaySeconds }) =>
            DelaySeconds !== undefined && DelaySeconds >= 1 && DelaySeconds <= 2,
        ),
      ).toBe(true);
      expect(ec2.commandCalls(RegisterImageCommand)).toHaveLength(1);
      expect(server.bodies()).toEqual([
        {
          Status: 'SUCCESS',
          PhysicalResourceId: imageId,
          StackId: request.StackId,
          RequestId: request.RequestId,
          LogicalResourceId: 'FastAmi',
          Data: {
            ImageId: imageId,
            Name: 'web-sriov-2026-11',
            SriovNetSupport: 'simple',
            EnaSupport: 'true',
            RootSnapshotId: 'snap-0aaaaaaaaaaaaaaa1',
          },
        },
      ]);
      const logged = output.join('');
      expect(logged).toContain('"type":"crkit.signal"');
      expect(logged).not.toContain('X-Amz-Signature');
      expect(logged).not.toContain(new URL(request.ResponseURL).search.slice(1, 40));
    },
  );

  it(
    'answers one FAILED "still waiting" before the ServiceTimeout when the image never ' +
      'becomes available',
    async () => {
      ec2
        .on(DescribeImagesCommand, { ImageIds: [imageId] })
        .resolves({ Images: [registered('pending')] });
      const startedAt = Date.now();

      await handler(createRequest('9'), lambdaContext({ remainingMs: 2000 }));
      for (let index = 0; server.received.length === 0 && index < sent().length; index += 1) {
        await new Promise((resolve) =>
          setTimeout(resolve, (sent()[index]?.DelaySeconds ?? 0) * 1000),
        );
        await handler(sqsEvent(index), lambdaContext({ remainingMs: 2000 }));
      }

      expect(sent().length).toBeGreaterThanOrEqual(1);
      expect(server.bodies()).toHaveLength(1);
      expect(server.bodies()[0]).toMatchObject({ Status: 'FAILED', PhysicalResourceId: imageId });
      expect(server.bodies()[0]?.Reason).toMatch(
        new RegExp(
          `^still waiting for image ${imageId} to become available after \\d+ s; the ` +
            `resource's ServiceTimeout \\(9 s\\) leaves no time to wait longer$`,
        ),
      );
      expect((server.received[0]?.at ?? Infinity) - startedAt).toBeLessThan(9000);
    },
  );

  it('changes nothing when a continuation message is redelivered after the answer', async () => {
    ec2
      .on(DescribeImagesCommand, { ImageIds: [imageId] })
      .resolvesOnce({ Images: [registered('pending')] })
      .resolves({ Images: [registered('available')] });
    await handler(createRequest(), lambdaContext({ remainingMs: 2000 }));
    await handler(sqsEvent(0), lambdaContext({ remainingMs: 2000 }));
    await handler(sqsEvent(1), lambdaContext({ remainingMs: 2000 }));
    const calls = { ec2: ec2.calls().length, sqs: sent().length, puts: server.received.length };

    const final = await handler(sqsEvent(1), lambdaContext({ remainingMs: 2000 }));
    const earlier = await handler(
      sqsEvent(0, 'message-0-duplicate'),
      lambdaContext({ remainingMs: 2000 }),
    );

    expect(final).toEqual({ batchItemFailures: [] });
    expect(earlier).toEqual({ batchItemFailures: [] });
    expect({ ec2: ec2.calls().length, sqs: sent().length, puts: server.received.length }).toEqual(
      calls,
    );
    expect(server.bodies().map((body) => body.Status)).toEqual(['SUCCESS']);
  });

  it(
    'repeats the same bytes, never a different answer, when another container gets the ' +
      'redelivered last step',
    async () => {
      ec2
        .on(DescribeImagesCommand, { ImageIds: [imageId] })
        .resolves({ Images: [registered('available')] });
      await handler(createRequest(), lambdaContext({ remainingMs: 2000 }));
      await handler(sqsEvent(0), lambdaContext({ remainingMs: 2000 }));
      vi.resetModules();
      const otherContainer = await loadEntry();

      await otherContainer(sqsEvent(0), lambdaContext({ remainingMs: 2000 }));

      expect(ec2.commandCalls(RegisterImageCommand)).toHaveLength(1);
      expect(server.received).toHaveLength(2);
      expect(server.received[1]?.body.equals(server.received[0]?.body ?? Buffer.alloc(0))).toBe(
        true,
      );
    },
  );

  it('never deregisters the original image when a rollback that returned to it fails', async () => {
    const original = 'ami-0fffffffffffffff6';
    const properties = {
      ServiceToken: 'arn:aws:sns:us-east-1:123456789012:crkit',
      ServiceTimeout: '600',
      SourceImageId: 'ami-0aaaaaaaaaaaaaaa1',
      Name: 'web-sriov-2026-11',
      DriverConfirmed: 'true',
    };
    const rollback = requestOf(
      'update',
      {
        ResourceType: 'Custom::SriovAmiRegistration',
        LogicalResourceId: 'FastAmi',
        PhysicalResourceId: imageId,
        ResourceProperties: properties,
        OldResourceProperties: { ...properties, Name: 'web-sriov-2026-12' },
      },
      server.origin,
    );
    cfn.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          StackName: 'web',
          StackStatus: 'UPDATE_ROLLBACK_IN_PROGRESS',
          CreationTime: new Date(),
          Tags: [],
        },
      ],
    });
    ec2
      .on(DescribeImagesCommand, {
        Owners: ['self'],
        Filters: [{ Name: 'name', Values: ['web-sriov-2026-11'] }],
      })
      .resolves({ Images: [{ ...registered('available'), ImageId: original }] });
    ec2
      .on(DescribeImagesCommand, { ImageIds: [original] })
      .rejectsOnce(ec2Error('RequestLimitExceeded', 503))
      .resolves({ Images: [{ ...registered('available'), ImageId: original }] });
    ec2.on(DeregisterImageCommand).resolves({ Return: true });

    await handler(rollback, lambdaContext({ remainingMs: 2000 }));
    await handler(sqsEvent(0), lambdaContext({ remainingMs: 2000 }));

    expect(ec2.commandCalls(DeregisterImageCommand)).toHaveLength(0);
    expect(server.bodies()).toMatchObject([{ Status: 'FAILED', PhysicalResourceId: imageId }]);
    expect(server.bodies()[0]?.Reason).toMatch(new RegExp(`crkit left ${original} in place`));
  });

  it(
    'names the image by its name when the time runs out during RegisterImage, and the ' +
      'rollback Delete deregisters what it finds',
    async () => {
      ec2.on(RegisterImageCommand).callsFake(() => new Promise(() => undefined));
      const request = createRequest();

      await handler(request, lambdaContext({ remainingMs: 2000 }));
      const [failedAnswer] = server.bodies();
      ec2
        .on(DescribeImagesCommand, { Owners: ['self'] })
        .resolves({ Images: [{ ...registered('available'), Name: 'web-sriov-2026-11' }] });
      ec2.on(DeregisterImageCommand).resolves({ Return: true });
      cloudFormation.answerReceived(
        request,
        failedAnswer as { Status: string; PhysicalResourceId: string },
      );
      const { RequestId: _created, ...rollbackDelete } = request;
      await handler(
        requestOf(
          'delete',
          {
            ...rollbackDelete,
            RequestType: 'Delete',
            PhysicalResourceId: failedAnswer?.PhysicalResourceId,
          },
          server.origin,
        ),
        lambdaContext({ remainingMs: 5000 }),
      );

      expect(failedAnswer).toMatchObject({
        Status: 'FAILED',
        PhysicalResourceId: 'crkit:image-named:web-sriov-2026-11',
      });
      expect(ec2.commandCalls(DeregisterImageCommand).map((call) => call.args[0].input)).toEqual([
        { ImageId: imageId },
      ]);
      expect(server.bodies()[1]).toMatchObject({
        Status: 'SUCCESS',
        PhysicalResourceId: 'crkit:image-named:web-sriov-2026-11',
      });
    },
  );
});
