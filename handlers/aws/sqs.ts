/**
 * The continuation port's AWS side: sqs:SendMessage to the continuation delay queue
 * (`CRKIT_CONTINUATION_QUEUE_URL`, its ARN `CRKIT_CONTINUATION_QUEUE_ARN`, and the signing key's
 * secret `CRKIT_CONTINUATION_SECRET_ARN`, read through the framework's config). The client module
 * is imported on first use: most requests finish within one invocation and never need it. The
 * message body holds the request, ResponseURL included, so it is never logged here.
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import { MaxDelaySeconds } from '../../framework/index.js';
import type { ContinuationPort } from '../../framework/index.js';
import { continuationKey } from './continuation-key.js';
import { instrument } from './instrument.js';

type Sqs = { readonly client: SQSClient; readonly sdk: typeof import('@aws-sdk/client-sqs') };

let loading: Promise<Sqs> | undefined;

function sqs(): Promise<Sqs> {
  loading ??= import('@aws-sdk/client-sqs').then((sdk) => ({
    client: instrument(new sdk.SQSClient({})),
    sdk,
  }));
  return loading;
}

/** Where continuations go and how they are signed. */
type ContinuationSettings = {
  readonly queueUrl: string | undefined;
  readonly queueArn: string | undefined;
  readonly secretArn: string | undefined;
};

/**
 * A ContinuationPort that sends each step to the queue with its delay (0–900 s; the queue's own
 * default delay is overridden) and signs it with the key in the secret; undefined unless all
 * three settings are given (a queue whose messages cannot be signed or recognised is no queue).
 * @example
 * const config = readConfig();
 * const continuation = sqsContinuation({
 *   queueUrl: config.continuationQueueUrl,
 *   queueArn: config.continuationQueueArn,
 *   secretArn: config.continuationSecretArn,
 * });
 * createHandler({ resources, continuation });
 */
function sqsContinuation(settings: ContinuationSettings): ContinuationPort | undefined {
  const { queueUrl, queueArn, secretArn } = settings;
  if (queueUrl === undefined || queueArn === undefined || secretArn === undefined) return undefined;
  return {
    queueArn,
    key: continuationKey(secretArn),
    async handOver({ body, delaySeconds }, signal) {
      const { client, sdk } = await sqs();
      const DelaySeconds = Math.max(0, Math.min(MaxDelaySeconds, Math.round(delaySeconds)));
      await client.send(
        new sdk.SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body, DelaySeconds }),
        { abortSignal: signal },
      );
    },
  };
}

export { sqsContinuation };
export type { ContinuationSettings };
