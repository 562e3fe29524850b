/**
 * The Lambda handler: intake → the request pipeline (serve → decide → answer → signal record),
 * for every item of the event. It never throws and never returns before every answer's PUT is over.
 */
import { operationBudget } from './long-operations/budget.js';
import { accountOf } from './confirmation.js';
import { takeContinuation } from './long-operations/continuation-intake.js';
import { unwrapEvent } from './events.js';
import type { IntakeItem } from './events.js';
import { createRuntime } from './handler-runtime.js';
import type { HandlerOptions, Runtime } from './handler-runtime.js';
import { describeError } from './logging.js';
import { answerMalformed, serve } from './pipeline.js';
import type { Invocation } from './pipeline.js';
import { serveScheduled } from './scheduled.js';

/** The part of Lambda's context crkit uses. */
type InvocationContext = {
  getRemainingTimeInMillis(): number;
  /**
   * The ARN the function was invoked by; its account is the one whose CloudFormation crkit can ask.
   */
  readonly invokedFunctionArn?: string | undefined;
};

/** What the handler returns: SQS partial batch failures, or nothing. */
type HandlerResult = { batchItemFailures: { itemIdentifier: string }[] } | undefined;

/**
 * Time assumed left when the context cannot say (a hand-made invocation): enough to answer, short
 * enough to be safe.
 */
const UnknownRemainingMs = 30_000;

/**
 * The invoked function's ARN as the context gives it, or undefined (a context may lack or break
 * it).
 */
function invokedArnOf(context: InvocationContext | undefined): string | undefined {
  try {
    const arn = context?.invokedFunctionArn;
    return typeof arn === 'string' ? arn : undefined;
  } catch {
    return undefined;
  }
}

/** The account of the invoked function, or undefined when the context does not say. */
function accountOfContext(context: InvocationContext | undefined): string | undefined {
  const arn = invokedArnOf(context);
  try {
    return arn === undefined ? undefined : accountOf(arn);
  } catch {
    return undefined;
  }
}

/** The invoked function's ARN without a version or alias, or undefined. */
function functionArnOf(context: InvocationContext | undefined): string | undefined {
  return invokedArnOf(context)?.split(':').slice(0, 7).join(':');
}

/**
 * The invocation's remaining time, even from a context that lacks or breaks
 * `getRemainingTimeInMillis`.
 */
function remainingOf(context: InvocationContext | undefined): number {
  try {
    const remaining = context?.getRemainingTimeInMillis();
    return typeof remaining === 'number' && Number.isFinite(remaining) && remaining >= 0
      ? remaining
      : UnknownRemainingMs;
  } catch {
    return UnknownRemainingMs;
  }
}

function invocationOf(context: InvocationContext | undefined): Invocation {
  return { remainingMs: remainingOf(context), ownAccount: accountOfContext(context) };
}

async function serveItem(
  runtime: Runtime,
  item: IntakeItem,
  context: InvocationContext | undefined,
): Promise<string | undefined> {
  switch (item.kind) {
    case 'request': {
      const budget = operationBudget(item.request.ResourceProperties, Date.now());
      const entry = { kind: 'request', request: item.request } as const;
      await serve(runtime, { entry, via: item.via, budget }, invocationOf(context));
      return undefined;
    }
    case 'malformed':
      await answerMalformed(runtime, item, remainingOf(context));
      return undefined;
    case 'rejected':
      runtime.log.record('crkit.rejected', { via: item.via, why: item.why });
      return undefined;
    case 'continuation':
      return takeContinuation(runtime, item, invocationOf(context));
    case 'scheduled':
      await serveScheduled(runtime, item, remainingOf(context), functionArnOf(context));
      return undefined;
  }
}

/**
 * Creates the Lambda handler for a set of resource types.
 * @example
 * export const handler = createHandler({
 *   resources: [placementGroup], stacks: cloudFormationStacks(),
 * });
 */
function createHandler(
  options: HandlerOptions,
): (event: unknown, context: InvocationContext) => Promise<HandlerResult> {
  const runtime = createRuntime(options);
  return async (event, context) => {
    const items = unwrapEvent(event);
    const failures: string[] = [];
    await Promise.all(
      items.map(async (item) => {
        try {
          const retry = await serveItem(runtime, item, context);
          if (retry !== undefined) failures.push(retry);
        } catch (error) {
          runtime.log.error('unexpected failure while serving an event item', {
            error: error instanceof Error ? error : describeError(error),
            kind: item.kind,
          });
          if (item.kind === 'continuation') failures.push(item.messageId);
        }
      }),
    );
    const fromSqs = items.some((item) => item.via === 'sqs');
    return fromSqs
      ? { batchItemFailures: failures.map((itemIdentifier) => ({ itemIdentifier })) }
      : undefined;
  };
}

export { createHandler };
export type { HandlerOptions, HandlerResult, InvocationContext };
