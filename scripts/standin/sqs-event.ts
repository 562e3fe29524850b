/**
 * Turns messages taken from the stand-in into the SQS event Lambda would deliver, so a test
 * can hand them to a handler itself.
 */
import type { SQSEvent, SQSMessageAttributes, SQSRecord } from 'aws-lambda';
import { queueArnFor } from './sqs.js';
import type { SentMessage } from './sqs-messages.js';

const attributesOf = (message: SentMessage): SQSMessageAttributes =>
  Object.fromEntries(
    Object.entries(message.messageAttributes).map(([name, attribute]) => [
      name,
      {
        dataType: attribute.DataType,
        stringValue: attribute.StringValue,
        binaryValue: attribute.BinaryValue,
        stringListValues: [],
        binaryListValues: [],
      },
    ]),
  );

/** The ARN of a message's queue, with the account from its URL `…/<account>/<name>`. */
const queueArn = (message: SentMessage, region: string): string =>
  queueArnFor(
    region,
    message.queueUrl.split('/').filter(Boolean).at(-2) ?? '123456789012',
    message.queueName,
  );

/**
 * Builds an `SQSEvent` with one record per message.
 *
 * @example
 * ```ts
 * const event = toSqsEvent(standin.takeMessages('crkit-continuations'));
 * await handler(event, context);
 * ```
 */
const toSqsEvent = (messages: readonly SentMessage[], region = 'us-east-1'): SQSEvent => ({
  Records: messages.map(
    (message): SQSRecord => ({
      messageId: message.messageId,
      receiptHandle: `standin-receipt-${message.messageId}`,
      body: message.body,
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: String(message.sentTimestamp),
        SenderId: 'AIDASTANDIN',
        ApproximateFirstReceiveTimestamp: String(
          message.sentTimestamp + message.delaySeconds * 1000,
        ),
      },
      messageAttributes: attributesOf(message),
      md5OfBody: message.md5OfBody,
      eventSource: 'aws:sqs',
      eventSourceARN: queueArn(message, region),
      awsRegion: region,
    }),
  ),
});

export { toSqsEvent };
