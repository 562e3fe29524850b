/**
 * The continuation port's AWS side: sqs:SendMessage to the continuation delay queue
 * (`CRKIT_CONTINUATION_QUEUE_URL`, read through the framework's config). The client module is
 * imported on first use: most requests finish within one invocation and never need it. The
 * message body holds the request, ResponseURL included, so it is never logged here.
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { ContinuationPort } from '../../framework/index.js';
import { instrument } from './instrument.js';

type Sqs = { readonly client: SQSClient; readonly sdk: typeof import('@aws-sdk/client-sqs') };

/** SQS's longest per-message delay, in seconds. */
const MaxDelaySeconds = 900;

let loading: Promise<Sqs> | undefined;

function sqs(): Promise<Sqs> {
  loading ??= import('@aws-sdk/client-sqs').then((sdk) => ({ client: instrument(new sdk.SQSClient({})), sdk }));
  return loading;
}

/**
 * A ContinuationPort that sends each step to `queueUrl` with its delay (0–900 s; the queue's own
 * default delay is overridden), or undefined when no queue is configured.
 * @example
 * createHandler({ resources, continuation: sqsContinuation(readConfig().continuationQueueUrl) });
 */
function sqsContinuation(queueUrl: string | undefined): ContinuationPort | undefined {
  if (queueUrl === undefined) return undefined;
  return {
    async handOver({ body, delaySeconds }, signal) {
      const { client, sdk } = await sqs();
      const DelaySeconds = Math.max(0, Math.min(MaxDelaySeconds, Math.round(delaySeconds)));
      await client.send(new sdk.SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body, DelaySeconds }), { abortSignal: signal });
    },
  };
}

export { sqsContinuation };
