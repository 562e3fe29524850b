/**
 * Taking a continuation message (SQS) into the request pipeline. A record is accepted only from
 * the configured continuation queue and only when crkit signed it, before it expires; anything
 * else is refused with a `crkit.rejected` record and no AWS call on its behalf. Each hand-over
 * chain carries an id: a message of a chain and step this container already served is a
 * redelivery and changes nothing; a chain started by a duplicate delivery of a request this
 * container already answered gets that same answer again.
 */
import { operationBudget } from './budget.js';
import { openEnvelope, stepKey } from './continuation.js';
import type { ContinuationMessage } from './continuation.js';
import { envelopeOf } from './continuation-envelope.js';
import type { IntakeItem } from '../events.js';
import type { Runtime } from '../handler-runtime.js';
import { serve } from '../pipeline.js';
import type { Invocation } from '../pipeline.js';
import type { Delivery } from '../answer/put.js';

type ContinuationItem = Extract<IntakeItem, { kind: 'continuation' }>;

/** Longest wait for the signing key before the message is left for a retry. */
const keyWaitMs = 10_000;

/**
 * The message, verified; or undefined (refused and recorded), or `'retry'` when it cannot be judged
 * yet.
 */
async function verified(
  runtime: Runtime,
  item: ContinuationItem,
  remainingMs: number,
): Promise<ContinuationMessage | undefined | 'retry'> {
  const refuse = (why: string): undefined =>
    void runtime.log.record('crkit.rejected', {
      via: 'sqs',
      why,
      messageId: item.messageId,
      source: item.source,
    });
  const port = runtime.continuation;
  if (port === undefined)
    return refuse('no continuation queue is configured, so no SQS record is accepted');
  // An SQS-shaped event sent by direct invocation can name any source: the signature below is what
  // proves the message is crkit's; this check keeps out every other queue mapped to the function.
  if (item.source !== port.queueArn)
    return refuse('the record does not come from the continuation queue');
  const envelope = envelopeOf(item.body);
  if (typeof envelope === 'string')
    return refuse(`the continuation message is refused: ${envelope}`);
  let key: Uint8Array;
  try {
    key = await port.key(
      AbortSignal.timeout(Math.max(1, Math.floor(Math.min(keyWaitMs, remainingMs / 2)))),
    );
  } catch (error) {
    runtime.log.error('the continuation key could not be read; the message is left for a retry', {
      error,
      messageId: item.messageId,
    });
    return 'retry';
  }
  const parsed = openEnvelope(envelope, key);
  return parsed.ok ? parsed.message : refuse(parsed.why);
}

/**
 * Verifies a continuation record and serves its step through the request pipeline. Returns the
 * message id when the message is worth retrying (the answer could not be delivered for a
 * transient reason while the budget lasts, or the key could not be read).
 * @internal
 */
async function takeContinuation(
  runtime: Runtime,
  item: ContinuationItem,
  invocation: Invocation,
): Promise<string | undefined> {
  const { messageId } = item;
  const message = await verified(runtime, item, invocation.remainingMs);
  if (message === 'retry') return messageId;
  if (message === undefined) return undefined;
  const step = `${stepKey(message.request, message.step)}#${message.chain}`;
  const admit = (log: Runtime['log']): boolean => {
    if (runtime.steps.claim(step)) return true;
    log.record('crkit.duplicate', {
      messageId,
      step: message.step,
      why: 'this step of this chain was already served by this container',
    });
    return false;
  };
  const budget = operationBudget(message.request.ResourceProperties, message.startedAt);
  const entry = { kind: 'continuation', request: message.request, message } as const;
  let delivery: Delivery | undefined;
  try {
    delivery = await serve(runtime, { entry, via: 'sqs', budget, messageId, admit }, invocation);
  } catch (error) {
    runtime.steps.release(step);
    throw error;
  }
  const transient =
    delivery !== undefined &&
    !delivery.delivered &&
    (delivery.httpStatus ?? 500) >= 500 &&
    Date.now() < budget.endsAt;
  if (transient) runtime.steps.release(step);
  return transient ? messageId : undefined;
}

export { takeContinuation };
