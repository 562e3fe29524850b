/**
 * Lambda events that carry CloudFormation requests or continuation messages: SNS notifications
 * (a request as a JSON string in `Sns.Message`) and SQS messages.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { SNSEvent, SQSEvent } from 'aws-lambda';

/** The topic SNS-wrapped requests come from unless told otherwise. */
const defaultTopicArn = 'arn:aws:sns:us-east-1:123456789012:crkit-requests';
/** The queue SQS messages come from unless told otherwise. */
const defaultQueueArn = 'arn:aws:sqs:us-east-1:123456789012:crkit-continuations';

/**
 * An SNS event with one record per message; an object is sent as JSON, a string verbatim (to
 * send text that does not parse).
 * @example
 * await handler(snsEvent([request]), lambdaContext());
 */
function snsEvent(messages: readonly unknown[], topicArn = defaultTopicArn): SNSEvent {
  return {
    Records: messages.map((message) => ({
      EventSource: 'aws:sns',
      EventVersion: '1.0',
      EventSubscriptionArn: `${topicArn}:0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0`,
      Sns: {
        Type: 'Notification',
        MessageId: randomUUID(),
        TopicArn: topicArn,
        Subject: 'AWS CloudFormation custom resource request',
        Message: typeof message === 'string' ? message : JSON.stringify(message),
        Timestamp: new Date().toISOString(),
        SignatureVersion: '1',
        Signature: 'EXAMPLE',
        SigningCertUrl:
          'https://sns.us-east-1.amazonaws.com/' +
          'SimpleNotificationService-0000000000000000000000.pem',
        UnsubscribeUrl: 'https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe',
        MessageAttributes: {},
      },
    })),
  };
}

/**
 * An SQS event with one record per message body, as a continuation queue delivers it.
 * @example
 * await handler(sqsEvent([body]), lambdaContext());
 */
function sqsEvent(bodies: readonly string[], queueArn = defaultQueueArn): SQSEvent {
  return {
    Records: bodies.map((body) => ({
      messageId: randomUUID(),
      receiptHandle: `receipt-${randomUUID()}`,
      body,
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: String(Date.now()),
        SenderId: 'AIDAEXAMPLE',
        ApproximateFirstReceiveTimestamp: String(Date.now()),
      },
      messageAttributes: {},
      md5OfBody: createHash('md5').update(body).digest('hex'),
      eventSource: 'aws:sqs',
      eventSourceARN: queueArn,
      awsRegion: 'us-east-1',
    })),
  };
}

export { defaultQueueArn, defaultTopicArn, snsEvent, sqsEvent };
