/**
 * The SQS service (AWS JSON 1.0, `X-Amz-Target: AmazonSQS.<Action>`): SendMessage keeps
 * messages in memory for a test to take; GetQueueUrl answers for any queue name.
 * Queues are implicit: every queue URL is accepted.
 */
import { randomUUID } from 'node:crypto';
import { ApiError } from './errors.js';
import { unimplementedMessage } from './reply.js';
import type { Reply } from './reply.js';
import { md5Hex, md5OfAttributes } from './sqs-md5.js';
import type { MessageAttribute } from './sqs-messages.js';
import { errorReply, jsonSuccess } from './wire.js';
import type { World } from './world.js';

/** A parsed JSON request body. */
type JsonInput = Readonly<Record<string, unknown>>;

const MAX_BODY_BYTES = 262_144;

const text = (input: JsonInput, name: string): string => {
  const value = input[name];
  if (typeof value !== 'string' || value === '')
    throw new ApiError('MissingParameter', `The request must contain the parameter ${name}.`);
  return value;
};

/** The URL the stand-in gives a queue: under its own origin, so the SDK keeps talking to it. */
const queueUrlFor = (world: World, name: string): string => `${world.url}/${world.account}/${name}`;

/** A queue's ARN, as an SQS event's `eventSourceARN` names it. */
const queueArnFor = (region: string, account: string, name: string): string =>
  `arn:aws:sqs:${region}:${account}:${name}`;

const sendMessage = (world: World, input: JsonInput): unknown => {
  const queueUrl = text(input, 'QueueUrl');
  const body = text(input, 'MessageBody');
  if (Buffer.byteLength(body) > MAX_BODY_BYTES)
    throw new ApiError(
      'InvalidParameterValue',
      'One or more parameters are invalid. Reason: Message must be shorter than 262144 bytes.',
    );
  const delaySeconds = typeof input.DelaySeconds === 'number' ? input.DelaySeconds : 0;
  if (delaySeconds < 0 || delaySeconds > 900)
    throw new ApiError(
      'InvalidParameterValue',
      `Value ${delaySeconds} for parameter DelaySeconds is invalid. Reason: must be ` +
        `between 0 and 900, if provided.`,
    );
  const messageAttributes = (input.MessageAttributes ?? {}) as Record<string, MessageAttribute>;
  const messageId = randomUUID();
  const md5OfBody = md5Hex(body);
  world.messages.add({
    messageId,
    queueUrl,
    body,
    md5OfBody,
    delaySeconds,
    messageAttributes,
    queueName: queueUrl.split('/').filter(Boolean).at(-1) ?? queueUrl,
    sentTimestamp: Date.now(),
  });
  const attributesMd5 = md5OfAttributes(messageAttributes);
  return {
    MessageId: messageId,
    MD5OfMessageBody: md5OfBody,
    ...(attributesMd5 ? { MD5OfMessageAttributes: attributesMd5 } : {}),
  };
};

const ACTIONS: Readonly<Record<string, (world: World, input: JsonInput) => unknown>> = {
  SendMessage: sendMessage,
  GetQueueUrl: (world, input) => ({ QueueUrl: queueUrlFor(world, text(input, 'QueueName')) }),
};

/** Answers one SQS JSON request. */
const handleSqs = (world: World, action: string, input: JsonInput, requestId: string): Reply => {
  const handler = ACTIONS[action];
  if (!handler) {
    return {
      ...errorReply('sqs', requestId, 400, 'InvalidAction', unimplementedMessage('sqs', action)),
      unimplemented: true,
    };
  }
  try {
    return jsonSuccess(requestId, handler(world, input));
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return errorReply('sqs', requestId, error.status, error.code, error.message);
  }
};

export { handleSqs, queueArnFor, queueUrlFor };
export type { JsonInput };
