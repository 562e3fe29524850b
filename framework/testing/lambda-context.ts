/**
 * A Lambda context for tests: the fields the Node.js runtime provides, with a remaining time
 * that counts down to a deadline.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

/** A context, and the epoch ms at which the invocation would be stopped. */
type TestContext = Context & { readonly endsAt: number };

/** How to build a context. */
type ContextOptions = {
  /** What `getRemainingTimeInMillis()` starts from. @default 30000 */
  readonly remainingMs?: number;
  /** @default 'crkit-handler' */
  readonly functionName?: string;
  /** @default a fresh UUID */
  readonly awsRequestId?: string;
};

/**
 * A fresh context whose `getRemainingTimeInMillis()` counts down from now.
 * @example
 * await handler(event, lambdaContext({ remainingMs: 5000 }));
 */
function lambdaContext(options: ContextOptions = {}): TestContext {
  const endsAt = Date.now() + (options.remainingMs ?? 30_000);
  const functionName = options.functionName ?? 'crkit-handler';
  const noop = (): void => undefined;
  return {
    getRemainingTimeInMillis: () => Math.max(0, endsAt - Date.now()),
    awsRequestId: options.awsRequestId ?? randomUUID(),
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
    memoryLimitInMB: '256',
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2026/11/27/[$LATEST]0123456789abcdef0123456789abcdef',
    callbackWaitsForEmptyEventLoop: true,
    done: noop,
    succeed: noop,
    fail: noop,
    endsAt,
  };
}

export { lambdaContext };
export type { ContextOptions, TestContext };
