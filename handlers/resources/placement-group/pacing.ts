/**
 * How Custom::PlacementGroup waits between its own looks (a group a Duplicate names but
 * DescribePlacementGroups does not show yet), and what a step of this resource receives. AWS
 * throttling is not retried here: that is the EC2 client's retry policy alone.
 */
import type { BaseInput } from '../../../framework/index.js';

/** How this resource waits between looks. */
type Pacing = {
  /** First wait. @default 500 */
  readonly firstDelayMs: number;
  /** Longest single wait; waits double up to it. @default 8000 */
  readonly maxDelayMs: number;
  /** Time kept back after a wait, for the next call and the answer. @default 4000 */
  readonly reserveMs: number;
};

/**
 * Production waits: 0.5 s doubling to 8 s, keeping 4 s back for the next call and the answer.
 * @example
 * placementGroupDefinition(defaultPacing)
 */
const defaultPacing: Pacing = { firstDelayMs: 500, maxDelayMs: 8000, reserveMs: 4000 };

/** What a step of this resource needs from the request. @internal */
type StepContext = Pick<BaseInput, 'request' | 'log' | 'signal' | 'remainingMs' | 'action'> & {
  readonly pacing: Pacing;
};

/**
 * The wait after attempt `attempt` (from 0): doubling from `firstDelayMs`, capped at `maxDelayMs`.
 * @example
 * delayAfter(2, defaultPacing) // 2000
 * @internal
 */
function delayAfter(attempt: number, pacing: Pacing): number {
  return Math.min(pacing.firstDelayMs * 2 ** attempt, pacing.maxDelayMs);
}

/**
 * True when waiting `delayMs` still leaves the reserve.
 * @example
 * if (!hasTimeFor(delayMs, context)) return group;
 * @internal
 */
function hasTimeFor(delayMs: number, context: StepContext): boolean {
  return context.remainingMs() > delayMs + context.pacing.reserveMs;
}

export { defaultPacing, delayAfter, hasTimeFor };
export type { Pacing, StepContext };
