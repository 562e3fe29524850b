import { createHash } from 'node:crypto';
import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetQueueUrlCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toSqsEvent } from '../../scripts/standin/index.js';
import { harness } from '../fixtures/standin/clients.js';
import type { Harness } from '../fixtures/standin/clients.js';

const STACK_ID =
  'arn:aws:cloudformation:us-east-1:123456789012:stack/app/0a1b2c3d-0000-4000-8000-000000000001';

let h: Harness;
beforeEach(async () => {
  h = await harness({
    stacks: [{ stackId: STACK_ID, tags: [{ Key: 'cost-center', Value: 'cc-42' }] }],
  });
});
afterEach(async () => {
  await h.close();
});

describe('CloudFormation DescribeStacks', () => {
  it('finds a stack by id and by name with status and tags', async () => {
    const byId = await h.cfn.send(new DescribeStacksCommand({ StackName: STACK_ID }));
    const byName = await h.cfn.send(new DescribeStacksCommand({ StackName: 'app' }));

    expect(byId.Stacks?.[0]).toMatchObject({
      StackId: STACK_ID,
      StackName: 'app',
      StackStatus: 'CREATE_COMPLETE',
      Tags: [{ Key: 'cost-center', Value: 'cc-42' }],
    });
    expect(byId.Stacks?.[0]?.CreationTime).toBeInstanceOf(Date);
    expect(byName.Stacks?.[0]?.StackId).toBe(STACK_ID);
    expect(byId.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reports a status and tags set by the test', async () => {
    h.standin.setStackStatus(STACK_ID, 'UPDATE_ROLLBACK_IN_PROGRESS', 'rolling back');
    h.standin.setStackTags('app', [{ Key: 'env', Value: 'test' }]);

    const out = await h.cfn.send(new DescribeStacksCommand({ StackName: STACK_ID }));

    expect(out.Stacks?.[0]).toMatchObject({
      StackStatus: 'UPDATE_ROLLBACK_IN_PROGRESS',
      StackStatusReason: 'rolling back',
      Tags: [{ Key: 'env', Value: 'test' }],
    });
  });

  it('registers a stack by name with a generated ARN', async () => {
    const ref = h.standin.putStack({ stackName: 'other', status: 'DELETE_IN_PROGRESS' });

    const out = await h.cfn.send(new DescribeStacksCommand({ StackName: ref.stackId }));

    expect(ref.stackId).toMatch(
      /^arn:aws:cloudformation:us-east-1:123456789012:stack\/other\/[0-9a-f-]{36}$/,
    );
    expect(out.Stacks?.[0]?.StackStatus).toBe('DELETE_IN_PROGRESS');
  });

  it('answers ValidationError for an unknown stack', async () => {
    await expect(
      h.cfn.send(new DescribeStacksCommand({ StackName: 'ghost' })),
    ).rejects.toMatchObject({
      name: 'ValidationError',
      message: 'Stack with id ghost does not exist',
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('knows any stack ARN when autoCreateStacks is on', async () => {
    const auto = await harness({ autoCreateStacks: true });
    const arn =
      'arn:aws:cloudformation:us-east-1:123456789012:stack/auto/' +
      '0a1b2c3d-0000-4000-8000-0000000000ff';

    const out = await auto.cfn
      .send(new DescribeStacksCommand({ StackName: arn }))
      .finally(() => auto.close());

    expect(out.Stacks?.[0]).toMatchObject({
      StackName: 'auto',
      StackStatus: 'CREATE_COMPLETE',
      StackId: arn,
    });
  });
});

describe('SQS', () => {
  it('keeps sent messages until a test takes them, with the MD5s the SDK checks', async () => {
    const queueUrl = h.standin.queueUrl('continuations');

    const sent = await h.sqs.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: '{"step":2}',
        DelaySeconds: 30,
        MessageAttributes: { kind: { DataType: 'String', StringValue: 'continuation' } },
      }),
    );
    const messages = h.standin.takeMessages();

    expect(sent.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent.MD5OfMessageBody).toBe(createHash('md5').update('{"step":2}').digest('hex'));
    expect(sent.MD5OfMessageAttributes).toMatch(/^[0-9a-f]{32}$/);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      messageId: sent.MessageId,
      queueUrl,
      queueName: 'continuations',
      body: '{"step":2}',
      delaySeconds: 30,
      messageAttributes: { kind: { DataType: 'String', StringValue: 'continuation' } },
    });
    expect(h.standin.takeMessages()).toEqual([]);
  });

  it('computes MD5OfMessageAttributes with the length-prefixed SQS encoding', async () => {
    // Independent computation: 4-byte big-endian lengths, transport type 1 for String.
    const expected = (() => {
      const part = (s: string) => {
        const b = Buffer.from(s);
        const len = Buffer.alloc(4);
        len.writeUInt32BE(b.length);
        return Buffer.concat([len, b]);
      };
      return createHash('md5')
        .update(Buffer.concat([part('a'), part('String'), Buffer.from([1]), part('x')]))
        .digest('hex');
    })();

    const sent = await h.sqs.send(
      new SendMessageCommand({
        QueueUrl: h.standin.queueUrl('q'),
        MessageBody: 'b',
        MessageAttributes: { a: { DataType: 'String', StringValue: 'x' } },
      }),
    );

    expect(sent.MD5OfMessageAttributes).toBe(expected);
  });

  it('takes messages of one queue only and builds an SQS event from them', async () => {
    await h.sqs.send(
      new SendMessageCommand({ QueueUrl: h.standin.queueUrl('a'), MessageBody: 'for a' }),
    );
    await h.sqs.send(
      new SendMessageCommand({ QueueUrl: h.standin.queueUrl('b'), MessageBody: 'for b' }),
    );

    const event = toSqsEvent(h.standin.takeMessages('b'));

    expect(event.Records).toHaveLength(1);
    expect(event.Records[0]).toMatchObject({
      body: 'for b',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:b',
    });
    expect(h.standin.takeMessages().map((m) => m.body)).toEqual(['for a']);
  });

  it('answers GetQueueUrl with a URL under the stand-in', async () => {
    const out = await h.sqs.send(new GetQueueUrlCommand({ QueueName: 'work' }));

    expect(out.QueueUrl).toBe(`${h.standin.url}/123456789012/work`);
  });

  it('rejects an out-of-range DelaySeconds', async () => {
    await expect(
      h.sqs.send(
        new SendMessageCommand({
          QueueUrl: h.standin.queueUrl('q'),
          MessageBody: 'x',
          DelaySeconds: 901,
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterValue', $metadata: { httpStatusCode: 400 } });
  });

  it('records an unimplemented action as unexpected, naming it', async () => {
    await expect(
      h.sqs.send(new ReceiveMessageCommand({ QueueUrl: h.standin.queueUrl('q') })),
    ).rejects.toMatchObject({
      name: 'InvalidAction',
      message: expect.stringContaining('sqs:ReceiveMessage'),
    });

    expect(h.standin.unexpectedCalls()).toMatchObject([
      { service: 'sqs', action: 'ReceiveMessage', status: 400, code: 'InvalidAction' },
    ]);
  });
});
