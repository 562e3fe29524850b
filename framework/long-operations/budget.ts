/**
 * The operation's budget. CloudFormation waits for an answer at most the resource's
 * `ServiceTimeout` (1–3600 s, default 3600), counted from when it sent the request, and a long
 * operation spans several invocations: the budget is measured from the first invocation and
 * keeps a margin, so the answer (even a FAILED "still waiting") arrives before CloudFormation
 * gives up and starts a rollback that would wait all over again.
 */

/** CloudFormation's default and largest ServiceTimeout, in seconds. */
const DefaultServiceTimeoutSeconds = 3600;

/** Time an invocation keeps for answering even when the budget is spent (a late continuation). */
const LateAnswerMs = 3000;

/** When an operation began, and by when its answer must be sent. */
type OperationBudget = {
  /** Epoch ms of the first invocation. */
  readonly startedAt: number;
  /** Epoch ms by which the answer must be sent: the ServiceTimeout minus a margin. */
  readonly endsAt: number;
  /** The resource's ServiceTimeout, in seconds. */
  readonly serviceTimeoutSeconds: number;
};

/**
 * The ServiceTimeout a request's properties declare (CloudFormation sends it as a string),
 * or the default when it is absent or out of range.
 * @example
 * serviceTimeoutOf({ ServiceTimeout: '600' }) // 600
 */
function serviceTimeoutOf(properties: unknown): number {
  const raw =
    typeof properties === 'object' && properties !== null
      ? (properties as Record<string, unknown>).ServiceTimeout
      : undefined;
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
  const value = /^\d{1,4}$/.test(text) ? Number(text) : Number.NaN;
  return value >= 1 && value <= DefaultServiceTimeoutSeconds ? value : DefaultServiceTimeoutSeconds;
}

/** A tenth of the timeout, at least 2 s (delivery and clock skew), at most 60 s. */
function marginMs(serviceTimeoutSeconds: number): number {
  return Math.min(60_000, Math.max(2_000, serviceTimeoutSeconds * 100));
}

/**
 * The budget of an operation that began at `startedAt`.
 * @example
 * const budget = operationBudget(request.ResourceProperties, Date.now());
 */
function operationBudget(properties: unknown, startedAt: number): OperationBudget {
  const serviceTimeoutSeconds = serviceTimeoutOf(properties);
  return {
    startedAt,
    endsAt: startedAt + serviceTimeoutSeconds * 1000 - marginMs(serviceTimeoutSeconds),
    serviceTimeoutSeconds,
  };
}

/**
 * What one invocation may use: Lambda's remaining time, never beyond the budget's end, but at
 * least a few seconds to send the answer of an operation whose budget is already spent.
 * @example
 * createDeadline({ remainingMs: invocationMs(context.getRemainingTimeInMillis(), budget) });
 */
function invocationMs(
  lambdaRemainingMs: number,
  budget: OperationBudget,
  now: number = Date.now(),
): number {
  return Math.min(lambdaRemainingMs, Math.max(budget.endsAt - now, LateAnswerMs));
}

/**
 * What bounds an invocation's time, in words for a Reason.
 * @example
 * createDeadline({ remainingMs, limit: limitOf(lambdaRemainingMs, budget) });
 */
function limitOf(
  lambdaRemainingMs: number,
  budget: OperationBudget,
  now: number = Date.now(),
): string {
  return budget.endsAt - now < lambdaRemainingMs
    ? `the resource's ServiceTimeout (${budget.serviceTimeoutSeconds} s, counted from the request)`
    : "the Lambda function's timeout";
}

export { DefaultServiceTimeoutSeconds, invocationMs, limitOf, operationBudget, serviceTimeoutOf };
export type { OperationBudget };
