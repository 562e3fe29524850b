/**
 * Calls a handler in this process the way Lambda would: one event, a fresh context whose
 * remaining time follows a deadline.
 */
import { lambdaContext } from './lambda-context.js';
import type { ContextOptions, TestContext } from './lambda-context.js';

/** How a handler's promise settled. */
type InProcessResult<TResult> =
  | { readonly settled: 'resolved'; readonly value: TResult; readonly ms: number }
  | { readonly settled: 'rejected'; readonly error: unknown; readonly ms: number };

/**
 * Invokes `handler` with `event` and a context counting down from `remainingMs`.
 * @example
 * const result = await invokeInProcess(handler, snsEvent([request]), { remainingMs: 5000 });
 */
async function invokeInProcess<TEvent, TResult>(
  handler: (event: TEvent, context: TestContext) => Promise<TResult>,
  event: TEvent,
  options: ContextOptions = {},
): Promise<InProcessResult<TResult>> {
  const started = Date.now();
  try {
    const value = await handler(event, lambdaContext(options));
    return { settled: 'resolved', value, ms: Date.now() - started };
  } catch (error) {
    return { settled: 'rejected', error, ms: Date.now() - started };
  }
}

export { invokeInProcess };
export type { InProcessResult };
