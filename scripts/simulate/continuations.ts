/**
 * The continuation queue's event source mapping: messages the handler sent to the stand-in's
 * SQS queue are delivered back to the function as SQS events once their delay is over (scaled
 * by `delayScale` so long waits fit a local run). A message reported in `batchItemFailures`
 * comes back after a short visibility timeout, at most `maxReceives` times.
 */
import { toSqsEvent } from '../standin/index.js';
import type { SentMessage, Standin } from '../standin/index.js';
import type { Invocation, LambdaPool } from './lambda-pool.js';

type RelayOptions = {
  readonly standin: Standin;
  readonly queue: string;
  readonly lambda: LambdaPool;
  /** Multiplies every DelaySeconds. @default 1 */
  readonly delayScale?: number;
  /** Deliveries of one message before it is dropped (a DLQ would take it). @default 3 */
  readonly maxReceives?: number;
  /** Told about each delivery. */
  readonly onDelivery?: (message: SentMessage, invocation: Invocation) => void;
};

/** A running relay. */
type ContinuationRelay = {
  /** Takes any new messages now. */
  poll(): void;
  /** Messages waiting for their delay plus deliveries in flight. */
  pending(): number;
  stop(): void;
};

/**
 * Starts relaying continuation messages.
 * @example
 * const relay = startContinuationRelay({ standin, queue: 'crkit-continuations', lambda });
 */
function startContinuationRelay(options: RelayOptions): ContinuationRelay {
  const scale = options.delayScale ?? 1;
  const timers = new Set<NodeJS.Timeout>();
  let delivering = 0;
  const schedule = (message: SentMessage, delayMs: number, receives: number): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      delivering += 1;
      void options.lambda
        .invoke(toSqsEvent([message], options.standin.region))
        .then((invocation) => {
          options.onDelivery?.(message, invocation);
          const result =
            invocation.kind === 'returned'
              ? (invocation.result as { batchItemFailures?: { itemIdentifier: string }[] } | null)
              : null;
          const retry =
            invocation.kind !== 'returned' ||
            (result?.batchItemFailures ?? []).some(
              (item) => item.itemIdentifier === message.messageId,
            );
          if (retry && receives < (options.maxReceives ?? 3))
            schedule(message, 1000 * scale, receives + 1);
        })
        .finally(() => {
          delivering -= 1;
        });
    }, delayMs);
    timers.add(timer);
  };
  const poll = () => {
    for (const message of options.standin.takeMessages(options.queue))
      schedule(message, message.delaySeconds * 1000 * scale, 1);
  };
  const interval = setInterval(poll, 50);
  return {
    poll,
    pending: () => timers.size + delivering,
    stop: () => {
      clearInterval(interval);
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}

export { startContinuationRelay };
export type { ContinuationRelay };
