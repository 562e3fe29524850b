/**
 * The audit topic: with `CRKIT_AUDIT_TOPIC_ARN` set, each signal record is also published to
 * SNS, for auditors who subscribe a queue, an archive or an alarm. It runs after the answer's PUT
 * (the framework's `onSignal`), cut off at the deadline; a failure is logged, never fatal.
 *
 * The SNS client is imported on first use and is deliberately not instrumented: the signal
 * record it carries is already written, so the publish could not appear in its `awsCalls`; a
 * failed publish is logged with its error code instead.
 */
import type { SNSClient } from '@aws-sdk/client-sns';
import type { SignalForwarder, SignalRecord } from '../../framework/index.js';

type Sns = { readonly client: SNSClient; readonly sdk: typeof import('@aws-sdk/client-sns') };

let loading: Promise<Sns> | undefined;

function sns(): Promise<Sns> {
  // maxAttempts 2: the deadline bounds the publish anyway, and a third try rarely fits.
  loading ??= import('@aws-sdk/client-sns').then((sdk) => ({
    client: new sdk.SNSClient({ maxAttempts: 2 }),
    sdk,
  }));
  return loading;
}

/** Attributes for subscription filter policies (e.g. only FAILED answers to an alarm). */
function attributesOf(record: SignalRecord) {
  const attribute = (value: string) => ({
    DataType: 'String',
    StringValue: value === '' ? 'none' : value,
  });
  return {
    status: attribute(record.status),
    resourceType: attribute(record.resourceType),
    action: attribute(record.action),
    delivered: attribute(String(record.delivered)),
  };
}

/**
 * The `onSignal` hook publishing each record to a topic, or undefined without a topic ARN.
 * @example
 * createHandler({ resources, onSignal: auditTopic(readConfig().auditTopicArn) });
 */
function auditTopic(topicArn: string | undefined, client?: SNSClient): SignalForwarder | undefined {
  if (topicArn === undefined) return undefined;
  return async (record, { signal }) => {
    const { client: sender, sdk } =
      client === undefined ? await sns() : { client, sdk: await import('@aws-sdk/client-sns') };
    const message = JSON.stringify({ type: 'crkit.signal', ...record });
    const command = new sdk.PublishCommand({
      TopicArn: topicArn,
      Message: message,
      MessageAttributes: attributesOf(record),
    });
    await sender.send(command, { abortSignal: signal });
  };
}

/** Publishes one message to the audit topic. */
type AuditPublisher = (
  message: string,
  attributes: Readonly<Record<string, string>>,
  signal: AbortSignal,
) => Promise<void>;

/**
 * A publisher to the audit topic for crkit's other messages (the scheduled drift check), or
 * undefined without a topic ARN. Attributes are string-valued, for subscription filter policies.
 * @example
 * const publish = auditPublisher(topicArn);
 * await publish?.(JSON.stringify({ type: 'crkit.drift', … }), { type: 'crkit.drift' }, signal);
 */
function auditPublisher(
  topicArn: string | undefined,
  client?: SNSClient,
): AuditPublisher | undefined {
  if (topicArn === undefined) return undefined;
  return async (message, attributes, signal) => {
    const { client: sender, sdk } =
      client === undefined ? await sns() : { client, sdk: await import('@aws-sdk/client-sns') };
    const MessageAttributes = Object.fromEntries(
      Object.entries(attributes).map(([key, value]) => [
        key,
        { DataType: 'String', StringValue: value === '' ? 'none' : value },
      ]),
    );
    await sender.send(
      new sdk.PublishCommand({ TopicArn: topicArn, Message: message, MessageAttributes }),
      { abortSignal: signal },
    );
  };
}

export { auditPublisher, auditTopic };
export type { AuditPublisher };
