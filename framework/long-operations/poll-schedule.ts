/**
 * When a long operation looks again. The framework owns the schedule: the gap before the next
 * look is a tenth of the time the operation has waited so far, at least 1 s and at most 60 s.
 * So the answer follows the resource's readiness by at most 1 s + 10 % of the wait (never more
 * than 60 s), and the number of looks grows with the logarithm of the wait, then linearly at
 * one a minute. A resource may ask for a longer gap (say, to back off from throttling).
 */

/** The schedule's parameters. */
const PollSchedule = {
  /** The shortest gap, and so the first look after the operation began. */
  minGapMs: 1000,
  /** The gap as a share of the time waited so far. */
  share: 0.1,
  /** The longest gap. */
  maxGapMs: 60_000,
} as const;

/**
 * Milliseconds before the next look, when the operation has waited `waitedMs` so far and the
 * resource asked for at least `askedMs`.
 * @example
 * nextLookAfterMs(0) // 1000
 * nextLookAfterMs(120_000) // 12000
 */
function nextLookAfterMs(waitedMs: number, askedMs = 0): number {
  const share = Math.max(0, waitedMs) * PollSchedule.share;
  const gap = Math.min(PollSchedule.maxGapMs, Math.max(PollSchedule.minGapMs, share));
  return Math.max(gap, Number.isFinite(askedMs) ? askedMs : 0);
}

/**
 * When each look happens (ms after the operation began) for a resource that becomes ready
 * `readyAtMs` after the operation began, with no time lost between looks: the last look is the
 * first one that sees it ready. Its length is what the wait costs in calls; the last look minus
 * `readyAtMs` is the lag.
 * @example
 * looksUntilReady(60_000).length // the looks a one-minute wait makes
 */
function looksUntilReady(readyAtMs: number): number[] {
  let last = nextLookAfterMs(0);
  const times = [last];
  while (last < readyAtMs) {
    last += nextLookAfterMs(last);
    times.push(last);
  }
  return times;
}

export { PollSchedule, looksUntilReady, nextLookAfterMs };
