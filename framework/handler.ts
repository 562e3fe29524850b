/**
 * The Lambda handler: intake → dispatch → answer → signal record, for every item of the event.
 * It never throws and never returns before every answer's PUT is over.
 */
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { answer, repeat, requestLogger, unanswerable } from './answer.js';
import type { Runtime } from './answer.js';
import { answerMemory, requestKey } from './answered.js';
import { invocationMs, limitOf, operationBudget } from './budget.js';
import { SeenSteps } from './continuation.js';
import { originsFrom, readConfig } from './config.js';
import type { CrkitConfig, LogLevel } from './config.js';
import { accountOf } from './confirmation.js';
import { createDeadline } from './deadline.js';
import { failedDecision } from './decision.js';
import { dispatch } from './dispatch.js';
import type { Decision } from './decision.js';
import { targetOf, unwrapEvent } from './events.js';
import type { IntakeItem, Via } from './events.js';
import { createLogger, describeError } from './logging.js';
import type { LogSink, Logger } from './logging.js';
import { failedCreateMarker } from './physical-id.js';
import { createRegistry } from './registry.js';
import type { RegistryEntry } from './registry.js';
import { inRequestScope } from './scope.js';
import { serveScheduled } from './scheduled.js';
import type { ScheduledTask } from './scheduled.js';
import { serveContinuation } from './serve-continuation.js';
import type { ContinuationPort } from './settle.js';
import type { StackPort } from './stacks.js';
import type { SignalForwarder } from './trail.js';

/** The part of Lambda's context crkit uses. */
type InvocationContext = {
  getRemainingTimeInMillis(): number;
  /** The ARN the function was invoked by; its account is the one whose CloudFormation crkit can ask. */
  readonly invokedFunctionArn?: string | undefined;
};

/** What the handler returns: SQS partial batch failures, or nothing. */
type HandlerResult = { batchItemFailures: { itemIdentifier: string }[] } | undefined;

type HandlerOptions = {
  /** The resource types served. */
  readonly resources: readonly RegistryEntry[];
  /** DescribeStacks, for rollback detection and stack tags. @default none: every Update is an update */
  readonly stacks?: StackPort | undefined;
  /** Where long operations go when an invocation runs out of time. @default none */
  readonly continuation?: ContinuationPort | undefined;
  /** Called with a redacted copy of each signal record after the answer was sent (the audit topic); cut off at the deadline (at most 5 s). Failures are logged, never fatal. @default none */
  readonly onSignal?: SignalForwarder | undefined;
  /** Work an EventBridge schedule starts (the drift check); it must only read. @default none: scheduled events are rejected */
  readonly scheduled?: ScheduledTask | undefined;
  /** Line writer. @default stdout */
  readonly logSink?: LogSink | undefined;
  /** @default from CRKIT_LOG_LEVEL, else 'info' */
  readonly logLevel?: LogLevel | undefined;
  /** Origins a ResponseURL may use besides https S3. @default from CRKIT_RESPONSE_ORIGINS */
  readonly responseOrigins?: readonly string[] | undefined;
  /** Most time kept back for the answer's PUT. @default 3000 */
  readonly answerReserveMs?: number | undefined;
};

async function serveRequest(runtime: Runtime, request: CloudFormationCustomResourceEvent, via: Via, remainingMs: number, ownAccount: string | undefined): Promise<void> {
  const startedAt = Date.now();
  const target = targetOf(request as unknown as Record<string, unknown>);
  const why = unanswerable(target, runtime.origins);
  if (why !== undefined) return runtime.log.record('crkit.rejected', { via, why, requestId: target.requestId, stackId: target.stackId });
  const log = requestLogger(runtime, target, via);
  const budget = operationBudget(request.ResourceProperties, startedAt);
  const deadline = createDeadline({ remainingMs: invocationMs(remainingMs, budget), limit: limitOf(remainingMs, budget), answerReserveMs: runtime.answerReserveMs });
  try {
    if (runtime.misconfiguration !== undefined) {
      const decision = failedDecision(request, undefined, runtime.misconfiguration);
      return void (await answer(runtime, log, deadline, { target, via, decision, awsCalls: [], startedAt }));
    }
    const key = requestKey(request);
    if (await repeat(runtime, log, deadline, { target, via, startedAt }, key)) return;
    const { registry, stacks, continuation } = runtime;
    const { result: decision, awsCalls } = await inRequestScope(() => dispatch(request, { registry, stacks, continuation, log, deadline, budget, ownAccount }));
    if (decision.deferred === true) return log.record('crkit.deferred', { action: decision.action, awsCalls });
    await answer(runtime, log, deadline, { target, via, decision, awsCalls, startedAt }, key);
  } finally {
    deadline.dispose();
  }
}

async function serveMalformed(runtime: Runtime, item: Extract<IntakeItem, { kind: 'malformed' }>, remainingMs: number): Promise<void> {
  const { target, via } = item;
  const why = unanswerable(target, runtime.origins);
  if (why !== undefined) return runtime.log.record('crkit.rejected', { via, why: `${item.why}; ${why}` });
  const log = requestLogger(runtime, target, via);
  log.record('crkit.received', { malformed: item.why });
  const deadline = createDeadline({ remainingMs, answerReserveMs: runtime.answerReserveMs });
  try {
    const physicalId = target.physicalResourceId ?? failedCreateMarker(target.requestId || 'unknown-request');
    const decision: Decision = { status: 'FAILED', reason: `Malformed request: ${item.why}`, physicalId, data: {}, noEcho: false, action: undefined };
    await answer(runtime, log, deadline, { target, via, decision, awsCalls: [], startedAt: Date.now() });
  } finally {
    deadline.dispose();
  }
}

/** Time assumed left when the context cannot say (a hand-made invocation): enough to answer, short enough to be safe. */
const UnknownRemainingMs = 30_000;

/** The invocation's remaining time, even from a context that lacks or breaks `getRemainingTimeInMillis`. */
/** The account of the invoked function, or undefined when the context does not say. */
function accountOfContext(context: InvocationContext | undefined): string | undefined {
  try {
    const arn = context?.invokedFunctionArn;
    return typeof arn === 'string' ? accountOf(arn) : undefined;
  } catch {
    return undefined;
  }
}

/** The invoked function's ARN without a version or alias, or undefined. */
function functionArnOf(context: InvocationContext | undefined): string | undefined {
  try {
    const arn = context?.invokedFunctionArn;
    return typeof arn === 'string' ? arn.split(':').slice(0, 7).join(':') : undefined;
  } catch {
    return undefined;
  }
}

function remainingOf(context: InvocationContext | undefined): number {
  try {
    const remaining = context?.getRemainingTimeInMillis();
    return typeof remaining === 'number' && Number.isFinite(remaining) && remaining >= 0 ? remaining : UnknownRemainingMs;
  } catch {
    return UnknownRemainingMs;
  }
}

async function serveItem(runtime: Runtime, item: IntakeItem, context: InvocationContext | undefined): Promise<string | undefined> {
  switch (item.kind) {
    case 'request':
      await serveRequest(runtime, item.request, item.via, remainingOf(context), accountOfContext(context));
      return undefined;
    case 'malformed':
      await serveMalformed(runtime, item, remainingOf(context));
      return undefined;
    case 'rejected':
      runtime.log.record('crkit.rejected', { via: item.via, why: item.why });
      return undefined;
    case 'continuation':
      return serveContinuation(runtime, item, remainingOf(context), accountOfContext(context));
    case 'scheduled':
      await serveScheduled(runtime, item, remainingOf(context), functionArnOf(context));
      return undefined;
  }
}

/** The origins in force and, when a setting is unusable, why (logged once, here, at cold start). */
function settingsOf(options: HandlerOptions, config: CrkitConfig, log: Logger): { readonly origins: readonly string[]; readonly misconfiguration: string | undefined } {
  const given = options.responseOrigins === undefined ? undefined : originsFrom(options.responseOrigins, 'the responseOrigins option');
  const problems = given === undefined ? config.problems : given.problems;
  const misconfiguration = problems.length === 0 ? undefined : `crkit is misconfigured: ${problems.join('; ')}`;
  if (misconfiguration !== undefined) log.error(`${misconfiguration}; every request is answered FAILED until it is fixed`);
  return { origins: given?.origins ?? config.responseOrigins, misconfiguration };
}

function createRuntime(options: HandlerOptions): Runtime {
  const config = readConfig();
  const log = createLogger({ level: options.logLevel ?? config.logLevel, sink: options.logSink });
  const { origins, misconfiguration } = settingsOf(options, config, log);
  return {
    registry: createRegistry(options.resources),
    stacks: options.stacks,
    continuation: options.continuation,
    onSignal: options.onSignal,
    scheduled: options.scheduled,
    answerReserveMs: options.answerReserveMs,
    log,
    origins,
    memory: answerMemory(),
    steps: new SeenSteps(),
    metricsNamespace: config.metricsNamespace,
    misconfiguration,
  };
}

/**
 * Creates the Lambda handler for a set of resource types.
 * @example
 * export const handler = createHandler({ resources: [placementGroup], stacks: cloudFormationStacks() });
 */
function createHandler(options: HandlerOptions): (event: unknown, context: InvocationContext) => Promise<HandlerResult> {
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
          runtime.log.error('unexpected failure while serving an event item', { error: error instanceof Error ? error : describeError(error), kind: item.kind });
          if (item.kind === 'continuation') failures.push(item.messageId);
        }
      }),
    );
    const fromSqs = items.some((item) => item.via === 'sqs');
    return fromSqs ? { batchItemFailures: failures.map((itemIdentifier) => ({ itemIdentifier })) } : undefined;
  };
}

export { createHandler };
export type { HandlerOptions, HandlerResult, InvocationContext };
