/**
 * How crkit's EC2 client retries: the SDK's standard strategy (jittered exponential backoff,
 * longer for throttling), configured here and nowhere else, and bounded by the time the calling
 * request has. A call made inside `withCallBudget` never starts a wait that might not end with
 * time for one more attempt: the SDK then fails with the last error AWS gave (throttling, say),
 * so the Reason names it, and no timer outlives the request. The request's AbortSignal, which
 * every call passes, stops an attempt or a wait at the deadline itself. Nothing above the
 * client retries again.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { RetryErrorInfo, RetryStrategy, RetryStrategyV2, RetryToken } from '@smithy/types';

/** Attempts per EC2 call, the first included. */
const Ec2MaxAttempts = 5;

/** Least time an attempt after a wait must have; a wait that leaves less is not started. */
const MinAttemptMs = 1000;

/**
 * The retry settings of the EC2 client.
 * @example
 * const client = new EC2Client({ ...ec2RetrySettings });
 */
const ec2RetrySettings = { maxAttempts: Ec2MaxAttempts, retryMode: 'standard' } as const;

/** The working time a call may use: its request's. */
type CallBudget = { readonly remainingMs: () => number };

const budgets = new AsyncLocalStorage<CallBudget>();

/**
 * Runs `work` (one AWS call) with its request's budget, which bounds the SDK's retries.
 * @example
 * await withCallBudget({ remainingMs: input.remainingMs }, () => client.send(command, options));
 */
function withCallBudget<T>(budget: CallBudget, work: () => Promise<T>): Promise<T> {
  return budgets.run(budget, work);
}

/**
 * The SDK standard strategy's first backoff, for throttling and for other retryable errors
 * (its own values; a test holds them to what the SDK waits).
 */
const BackoffBaseMs = { throttling: 1000, other: 50 } as const;

/** The SDK standard strategy's longest single backoff. */
const MaxBackoffMs = 20_000;

/**
 * The longest wait the SDK's standard strategy takes before retry `retries + 1`: its jittered
 * backoff is at most the base times 2^retries, capped. (A Retry-After header could lengthen it;
 * EC2 sends none, and the request's AbortSignal bounds it all the same.)
 * @example
 * longestWaitMs(2, 'THROTTLING') // 4000
 */
function longestWaitMs(retries: number, errorType: RetryErrorInfo['errorType']): number {
  const base = errorType === 'THROTTLING' ? BackoffBaseMs.throttling : BackoffBaseMs.other;
  return Math.min(MaxBackoffMs, base * 2 ** retries);
}

/**
 * The SDK's strategy, refusing a retry whose longest wait and one more attempt the current
 * call's budget cannot hold.
 * @example
 * new EC2Client({ ...ec2RetrySettings, retryStrategy: budgetBounded(standard) });
 */
function budgetBounded(strategy: RetryStrategyV2): RetryStrategyV2 {
  return {
    acquireInitialRetryToken: (scope: string) => strategy.acquireInitialRetryToken(scope),
    refreshRetryTokenForRetry: async (token: RetryToken, errorInfo: RetryErrorInfo) => {
      // Decided before the SDK starts its wait, so no wait outlives the request.
      const budget = budgets.getStore();
      const needed = longestWaitMs(token.getRetryCount(), errorInfo.errorType) + MinAttemptMs;
      if (budget !== undefined && budget.remainingMs() < needed) {
        throw new Error('no time left for another attempt');
      }
      return strategy.refreshRetryTokenForRetry(token, errorInfo);
    },
    recordSuccess: (token: RetryToken) => strategy.recordSuccess(token),
  };
}

/**
 * `budgetBounded` for what a client's configuration resolves to; an old-style strategy (none
 * of crkit's clients has one) is returned unchanged.
 * @example
 * const retryStrategy = boundedStrategyOf(await probe.config.retryStrategy());
 */
function boundedStrategyOf(
  strategy: RetryStrategy | RetryStrategyV2,
): RetryStrategy | RetryStrategyV2 {
  return 'refreshRetryTokenForRetry' in strategy ? budgetBounded(strategy) : strategy;
}

export {
  Ec2MaxAttempts,
  MinAttemptMs,
  boundedStrategyOf,
  ec2RetrySettings,
  longestWaitMs,
  withCallBudget,
};
export type { CallBudget };
