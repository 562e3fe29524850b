/**
 * When a `pending` resource settles: after a number of Describe calls that saw it pending,
 * after some milliseconds, or never.
 */

/**
 * How long a new resource stays `pending`.
 * `afterDescribes: 1` means the first Describe still shows `pending` and the second shows the final state.
 */
type Readiness = { readonly afterDescribes: number } | { readonly afterMs: number } | { readonly never: true };

/** Tracks one resource's progress toward its final state. @internal */
type Progress = { readonly readiness: Readiness; readonly createdAt: number; describes: number };

/** Starts tracking a new resource. */
const startProgress = (readiness: Readiness, now = Date.now()): Progress => ({ readiness, createdAt: now, describes: 0 });

/** Whether the resource has settled, without counting a Describe. */
const isSettled = (progress: Progress, now = Date.now()): boolean => {
  const { readiness } = progress;
  if ('never' in readiness) return false;
  if ('afterMs' in readiness) return now - progress.createdAt >= readiness.afterMs;
  return progress.describes >= readiness.afterDescribes;
};

/**
 * Counts one Describe and answers whether it shows the settled state.
 *
 * @example
 * ```ts
 * const p = startProgress({ afterDescribes: 1 });
 * observe(p); // false (still pending)
 * observe(p); // true
 * ```
 */
const observe = (progress: Progress, now = Date.now()): boolean => {
  if (isSettled(progress, now)) return true;
  progress.describes += 1;
  return false;
};

export { startProgress, isSettled, observe };
export type { Readiness, Progress };
