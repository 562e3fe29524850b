/**
 * Summaries of repeated measurements: median with min–max, never a single time.
 */

/** Median and range of a sample. */
type Summary = {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly count: number;
};

/**
 * Summarises a non-empty sample.
 * @example
 * summarise([3, 1, 2]) // { median: 2, min: 1, max: 3, count: 3 }
 */
function summarise(values: readonly number[]): Summary {
  if (values.length === 0)
    return { median: Number.NaN, min: Number.NaN, max: Number.NaN, count: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return {
    median,
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
    count: sorted.length,
  };
}

/**
 * `median (min–max)` with the given number of decimals.
 * @example
 * formatSummary(summarise([1.234, 2]), 1) // '1.6 (1.2–2.0)'
 */
function formatSummary(summary: Summary, decimals = 0): string {
  if (summary.count === 0) return '–';
  const f = (value: number): string => value.toFixed(decimals);
  return `${f(summary.median)} (${f(summary.min)}–${f(summary.max)})`;
}

export { formatSummary, summarise };
export type { Summary };
