/**
 * Deadlines. Lambda gives a fixed time; CloudFormation must hear from us before it ends. The
 * resource gets the time left minus a reserve for the answer's PUT (and its retries); when its
 * time is up, its AbortSignal fires and the framework answers FAILED.
 */
import { DeadlineError } from './errors.js';

/** The two moments that matter for one invocation. */
type Deadline = {
  /** Aborted when the working time is over; in-flight AWS calls pass it on. */
  readonly signal: AbortSignal;
  /** Epoch ms by which the resource must be done. */
  readonly workEndsAt: number;
  /** Epoch ms by which the answer's PUT must be done. */
  readonly answerEndsAt: number;
  /** Milliseconds of working time left. */
  readonly workRemainingMs: () => number;
  /** Stops the timer; call when the request is answered. */
  readonly dispose: () => void;
};

type DeadlineOptions = {
  /** What `context.getRemainingTimeInMillis()` said at the start. */
  readonly remainingMs: number;
  /** Most time kept back for the answer. @default 3000 */
  readonly answerReserveMs?: number | undefined;
  /**
   * What sets `remainingMs`, named in the Reason when time runs out. @default "the Lambda
   * function's timeout"
   */
  readonly limit?: string | undefined;
  /** Clock. @default Date.now */
  readonly now?: () => number;
};

/**
 * Splits the invocation's time into working time and answering time.
 * A quarter of the time (at most `answerReserveMs`) is kept for the answer, and a twentieth
 * (at most 250 ms) is left unused at the very end, for the runtime.
 * @example
 * const deadline = createDeadline({ remainingMs: context.getRemainingTimeInMillis() });
 */
function createDeadline(options: DeadlineOptions): Deadline {
  const now = options.now ?? Date.now;
  const start = now();
  const total = Math.max(0, options.remainingMs);
  const tail = Math.min(250, Math.floor(total / 20));
  const reserve = Math.min(options.answerReserveMs ?? 3000, Math.floor(total / 4));
  const answerEndsAt = start + total - tail;
  const workEndsAt = answerEndsAt - reserve;
  const controller = new AbortController();
  const timer = setTimeout(
    () => {
      const limit = options.limit ?? "the Lambda function's timeout";
      controller.abort(
        new DeadlineError(
          `the working time (${workEndsAt - start} ms) ran out before the resource ` +
            `finished; it is bounded by ${limit}`,
        ),
      );
    },
    Math.max(0, workEndsAt - start),
  );
  return {
    signal: controller.signal,
    workEndsAt,
    answerEndsAt,
    workRemainingMs: () => Math.max(0, workEndsAt - now()),
    dispose: () => clearTimeout(timer),
  };
}

/**
 * Runs `work`, rejecting with the signal's reason as soon as the deadline fires, even when
 * `work` never settles.
 * @example
 * const outcome = await within(deadline.signal, () => definition.create(input));
 */
async function within<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  if (signal.aborted) throw signal.reason;
  let onAbort: (() => void) | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([work(), expired]);
  } finally {
    if (onAbort !== undefined) signal.removeEventListener('abort', onAbort);
  }
}

/**
 * Waits `ms`, or less if the signal fires (then rejects with its reason).
 * @example
 * await sleep(1000, deadline.signal);
 */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export { createDeadline, sleep, within };
export type { Deadline, DeadlineOptions };
