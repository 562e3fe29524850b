/**
 * When a `pending` resource settles: after a number of Describe calls that saw it pending,
 * after some milliseconds, or never. Each resource records the moment it settled, so a test or
 * the simulator can tell how long an answer lagged behind readiness.
 */

/**
 * How long a new resource stays `pending`. `afterDescribes: 1` means the first Describe still shows
 * `pending` and the second shows the final state.
 */
type Readiness =
  | { readonly afterDescribes: number }
  | { readonly afterMs: number }
  | { readonly never: true };

/** Tracks one resource's progress toward its final state. @internal */
type Progress = {
  readonly readiness: Readiness;
  readonly createdAt: number;
  /** Describe calls that saw the resource pending. */
  describes: number;
  /**
   * Epoch ms at which the resource settled: `createdAt + afterMs`, the moment of the Describe that
   * used up `afterDescribes` (or `createdAt` for 0); undefined while not known, and for `never`.
   */
  readyAt: number | undefined;
};

/** The moment a readiness is known to settle at creation, if it is. */
const readyAtStart = (readiness: Readiness, createdAt: number): number | undefined => {
  if ('afterMs' in readiness) return createdAt + Math.max(0, readiness.afterMs);
  if ('afterDescribes' in readiness && readiness.afterDescribes <= 0) return createdAt;
  return undefined;
};

/** Starts tracking a new resource. */
const startProgress = (readiness: Readiness, now = Date.now()): Progress => ({
  readiness,
  createdAt: now,
  describes: 0,
  readyAt: readyAtStart(readiness, now),
});

/** Whether the resource has settled, without counting a Describe. */
const isSettled = (progress: Progress, now = Date.now()): boolean => {
  const { readiness } = progress;
  if ('never' in readiness) return false;
  if ('afterMs' in readiness) return now - progress.createdAt >= readiness.afterMs;
  return progress.describes >= readiness.afterDescribes;
};

/**
 * Counts one Describe and answers whether it shows the settled state. The Describe that uses up
 * `afterDescribes` still shows `pending`; the resource is ready from that moment on.
 *
 * @example
 * ```ts
 * const p = startProgress({ afterDescribes: 1 });
 * observe(p); // false (still pending); p.readyAt is now set
 * observe(p); // true
 * ```
 */
const observe = (progress: Progress, now = Date.now()): boolean => {
  if (isSettled(progress, now)) return true;
  progress.describes += 1;
  if (isSettled(progress, now) && progress.readyAt === undefined) progress.readyAt = now;
  return false;
};

export { startProgress, isSettled, observe };
export type { Readiness, Progress };
