import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandler } from '../../../framework/index.js';
import type { SignalRecord } from '../../../framework/index.js';
import { auditTopic } from '../../../handlers/aws/audit-topic.js';
import { lambdaContext, startResponseServer } from '../../../framework/testing/index.js';
import type { ResponseServer } from '../../../framework/testing/index.js';
import { requestOf } from '../../support/events.js';
import { captureLogs } from '../../support/logs.js';
import type { LogCapture } from '../../support/logs.js';

const topicArn = 'arn:aws:sns:us-east-1:123456789012:crkit-audit';
const client = new SNSClient({
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
});
const sns = mockClient(client);

let server: ResponseServer;
let logs: LogCapture;

beforeEach(async () => {
  server = await startResponseServer();
  logs = captureLogs();
});
afterEach(async () => {
  sns.reset();
  await server.close();
});

function handle(onSignal = auditTopic(topicArn, client)) {
  return createHandler({
    resources: [],
    onSignal,
    logSink: logs.sink,
    responseOrigins: [server.origin],
  });
}

const unknownType = () => requestOf('create', { ResourceType: 'Custom::Nope' }, server.origin);

describe('the audit topic', () => {
  it('is not set up without a topic ARN', () => {
    expect(auditTopic(undefined)).toBeUndefined();
  });

  it(
    'publishes the signal record as written, with attributes for filter policies, after ' +
      'the PUT',
    async () => {
      let putsBeforePublish = -1;
      sns.on(PublishCommand).callsFake(() => {
        putsBeforePublish = server.received.length;
        return { MessageId: 'm-1' };
      });

      await handle()(unknownType(), lambdaContext({ remainingMs: 10_000 }));

      const [call] = sns.commandCalls(PublishCommand);
      const input = call?.args[0].input;
      const message = JSON.parse(input?.Message ?? '{}') as SignalRecord & { type: string };
      const [written] = logs.records('crkit.signal');
      expect(input?.TopicArn).toBe(topicArn);
      expect(message).toEqual({
        ...written,
        time: undefined,
        type: 'crkit.signal',
      } as unknown as SignalRecord);
      expect(input?.MessageAttributes).toEqual({
        status: { DataType: 'String', StringValue: 'FAILED' },
        resourceType: { DataType: 'String', StringValue: 'Custom::Nope' },
        action: { DataType: 'String', StringValue: 'none' },
        delivered: { DataType: 'String', StringValue: 'true' },
      });
      expect(putsBeforePublish).toBe(1);
    },
  );

  it('passes the abort signal to the publish', async () => {
    let signal: AbortSignal | undefined;
    const onSignal = auditTopic(topicArn, client);
    sns.on(PublishCommand).resolves({ MessageId: 'm' });
    const spy = async (record: SignalRecord, context: { signal: AbortSignal }) => {
      signal = context.signal;
      await onSignal?.(record, context);
    };

    await handle(spy)(unknownType(), lambdaContext({ remainingMs: 10_000 }));

    expect(signal).toBeInstanceOf(AbortSignal);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(1);
  });

  it('leaves the answer untouched and logs a warning when SNS refuses', async () => {
    sns.on(PublishCommand).rejects(
      Object.assign(new Error('User is not authorized to perform SNS:Publish'), {
        name: 'AuthorizationError',
        $metadata: { httpStatusCode: 403 },
      }),
    );

    await handle()(unknownType(), lambdaContext({ remainingMs: 10_000 }));

    expect(server.bodies()).toEqual([
      expect.objectContaining({
        Status: 'FAILED',
        Reason: expect.stringContaining('Unknown ResourceType Custom::Nope'),
      }),
    ]);
    expect(logs.all().filter((line) => line.level === 'warn')).toEqual([
      expect.objectContaining({
        message: 'the signal record could not be forwarded',
        error: expect.objectContaining({ name: 'AuthorizationError', httpStatus: 403 }),
      }),
    ]);
  });
});
