/**
 * The Lambda handler: intake → dispatch → answer → signal record, for every item of the event.
 * It never throws and never returns before every answer's PUT is over.
 */
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { AnswerMemory, requestKey } from './answered.js';
import { invocationMs, operationBudget } from './budget.js';
import { SeenSteps, parseContinuation, stepKey } from './continuation.js';
import { readConfig } from './config.js';
import type { LogLevel } from './config.js';
import { createDeadline } from './deadline.js';
import type { Deadline } from './deadline.js';
import { dispatch } from './dispatch.js';
import type { Decision } from './dispatch.js';
import { targetOf, unwrapEvent } from './events.js';
import type { AnswerTarget, IntakeItem, Via } from './events.js';
import { createLogger, describeError } from './logging.js';
import type { Logger, LogSink } from './logging.js';
import { failedCreateMarker } from './physical-id.js';
import { Redactor, safeUrl } from './redaction.js';
import { createRegistry } from './registry.js';
import type { Registry, RegistryEntry } from './registry.js';
import { buildResponseBody } from './response.js';
import { resumeStep } from './resume.js';
import { inRequestScope } from './scope.js';
import type { AwsCallRecord } from './scope.js';
import type { ContinuationPort } from './settle.js';
import { deliver, isAllowedResponseUrl } from './signal.js';
import type { Delivery } from './signal.js';
import { signalRecord } from './signal-record.js';
import type { SignalRecord } from './signal-record.js';
import type { StackPort } from './stacks.js';
import { writeTrail } from './trail.js';
import type { SignalForwarder } from './trail.js';

/** The part of Lambda's context crkit uses. */
type InvocationContext = { getRemainingTimeInMillis(): number };

/** What the handler returns: SQS partial batch failures, or nothing. */
type HandlerResult = { batchItemFailures: { itemIdentifier: string }[] } | undefined;

type HandlerOptions = {
  /** The resource types served. */
  readonly resources: readonly RegistryEntry[];
  /** DescribeStacks, for rollback detection and stack tags. @default none: every Update is an update */
  readonly stacks?: StackPort;
  /** Where long operations go when an invocation runs out of time. @default none */
  readonly continuation?: ContinuationPort;
  /** Called with a redacted copy of each signal record after the answer was sent (the audit topic); cut off at the deadline (at most 5 s). Failures are logged, never fatal. @default none */
  readonly onSignal?: SignalForwarder;
  /** Line writer. @default stdout */
  readonly logSink?: LogSink;
  /** @default from CRKIT_LOG_LEVEL, else 'info' */
  readonly logLevel?: LogLevel;
  /** Origins a ResponseURL may use besides https S3. @default from CRKIT_RESPONSE_ORIGINS */
  readonly responseOrigins?: readonly string[];
  /** Most time kept back for the answer's PUT. @default 3000 */
  readonly answerReserveMs?: number;
};

type Runtime = {
  readonly registry: Registry;
  readonly options: HandlerOptions;
  readonly log: Logger;
  readonly origins: readonly string[];
  readonly memory: AnswerMemory;
  /** Continuation steps served by this container (SQS delivers at least once). */
  readonly steps: SeenSteps;
  /** EMF namespace of the answer metrics; undefined writes none. */
  readonly metricsNamespace: string | undefined;
};

/** Identifiers longer than this cannot come from CloudFormation and would not fit an answer. */
const maxIdLength = 1024;

function unanswerable(target: AnswerTarget, origins: readonly string[]): string | undefined {
  if (!isAllowedResponseUrl(target.responseUrl, origins)) return `the ResponseURL ${safeUrl(target.responseUrl)} is not an allowed origin`;
  const ids = [target.stackId, target.requestId, target.logicalResourceId, target.physicalResourceId ?? ''];
  if (ids.some((id) => id.length > maxIdLength)) return 'the request identifiers are too long to answer within 4096 bytes';
  return undefined;
}

type Answer = { readonly target: AnswerTarget; readonly via: Via; readonly decision: Decision; readonly awsCalls: readonly AwsCallRecord[] };

async function answer(runtime: Runtime, log: Logger, deadline: Deadline, startedAt: number, item: Answer, memoryKey?: string): Promise<Delivery> {
  const { target, decision } = item;
  // Secret-like NoEcho values (8+ characters) stay masked for the container's life: a later request
  // (an update reading the key back) may log them. Short ones (create, 0, false) are not masked:
  // crkit never logs Data, and masking them would corrupt ids, hashes and counts in the trail.
  if (decision.noEcho) runtime.log.redactor.add(Object.values(decision.data).map(String).filter((value) => value.length >= 8));
  const reason = decision.reason === undefined ? undefined : log.redactor.text(decision.reason);
  const body = buildResponseBody(target, { ...decision, reason });
  const delivery = await deliver(target.responseUrl, body.bytes, { endsAt: deadline.answerEndsAt });
  if (memoryKey !== undefined && delivery.delivered) {
    runtime.memory.remember(memoryKey, { bytes: body.bytes, status: body.document.Status, physicalId: body.document.PhysicalResourceId, action: decision.action });
  }
  const record = signalRecord({ target, via: item.via, action: decision.action, body, delivery, startedAt, duplicate: false, awsCalls: item.awsCalls });
  await writeSignal(runtime, log, record, deadline);
  return delivery;
}

function writeSignal(runtime: Runtime, log: Logger, record: SignalRecord, deadline: Deadline): Promise<void> {
  return writeTrail(log, record, { onSignal: runtime.options.onSignal, metricsNamespace: runtime.metricsNamespace, endsAt: deadline.answerEndsAt });
}

async function repeat(runtime: Runtime, log: Logger, deadline: Deadline, startedAt: number, target: AnswerTarget, via: Via, key: string): Promise<boolean> {
  const remembered = runtime.memory.recall(key);
  if (remembered === undefined) return false;
  log.record('crkit.received', { duplicate: true, physicalResourceId: target.physicalResourceId });
  log.info('duplicate delivery of an answered request: repeating the answer without doing the work again');
  const body = { bytes: remembered.bytes, document: JSON.parse(remembered.bytes.toString()) as ReturnType<typeof buildResponseBody>['document'] };
  const delivery = await deliver(target.responseUrl, body.bytes, { endsAt: deadline.answerEndsAt });
  await writeSignal(runtime, log, signalRecord({ target, via, action: remembered.action, body, delivery, startedAt, duplicate: true, awsCalls: [] }), deadline);
  return true;
}

function requestLogger(runtime: Runtime, target: AnswerTarget, via: Via): Logger {
  const { requestId, stackId, logicalResourceId, resourceType, requestType } = target;
  return runtime.log.child({ requestId, stackId, logicalResourceId, resourceType, requestType, via }, new Redactor(runtime.log.redactor));
}

async function serveRequest(runtime: Runtime, request: CloudFormationCustomResourceEvent, via: Via, context: InvocationContext): Promise<void> {
  const startedAt = Date.now();
  const target = targetOf(request as unknown as Record<string, unknown>);
  const why = unanswerable(target, runtime.origins);
  if (why !== undefined) return runtime.log.record('crkit.rejected', { via, why, requestId: target.requestId, stackId: target.stackId });
  const log = requestLogger(runtime, target, via);
  const budget = operationBudget(request.ResourceProperties, startedAt);
  const deadline = createDeadline({ remainingMs: invocationMs(context.getRemainingTimeInMillis(), budget), answerReserveMs: runtime.options.answerReserveMs });
  try {
    const key = requestKey(request);
    if (await repeat(runtime, log, deadline, startedAt, target, via, key)) return;
    const { result: decision, awsCalls } = await inRequestScope(() =>
      dispatch(request, { registry: runtime.registry, stacks: runtime.options.stacks, continuation: runtime.options.continuation, log, deadline, budget }),
    );
    if (decision.deferred === true) return log.record('crkit.deferred', { action: decision.action, awsCalls });
    await answer(runtime, log, deadline, startedAt, { target, via, decision, awsCalls }, key);
  } finally {
    deadline.dispose();
  }
}

async function serveMalformed(runtime: Runtime, item: Extract<IntakeItem, { kind: 'malformed' }>, context: InvocationContext): Promise<void> {
  const { target, via } = item;
  const why = unanswerable(target, runtime.origins);
  if (why !== undefined) return runtime.log.record('crkit.rejected', { via, why: `${item.why}; ${why}` });
  const log = requestLogger(runtime, target, via);
  log.record('crkit.received', { malformed: item.why });
  const deadline = createDeadline({ remainingMs: context.getRemainingTimeInMillis(), answerReserveMs: runtime.options.answerReserveMs });
  try {
    const physicalId = target.physicalResourceId ?? failedCreateMarker(target.requestId || 'unknown-request');
    const decision: Decision = { status: 'FAILED', reason: `Malformed request: ${item.why}`, physicalId, data: {}, noEcho: false, action: undefined };
    await answer(runtime, log, deadline, Date.now(), { target, via, decision, awsCalls: [] });
  } finally {
    deadline.dispose();
  }
}

/**
 * Serves one continuation step. Returns the message id when the message is worth retrying (the
 * answer could not be delivered for a transient reason while the budget lasts); a redelivered
 * step, or one whose request this container already answered, changes nothing.
 */
async function serveContinuation(runtime: Runtime, item: Extract<IntakeItem, { kind: 'continuation' }>, context: InvocationContext): Promise<string | undefined> {
  const { messageId } = item;
  const parsed = parseContinuation(item.body);
  if (!parsed.ok) return void runtime.log.record('crkit.rejected', { via: 'sqs', why: parsed.why, messageId });
  const { message } = parsed;
  const target = targetOf(message.request as unknown as Record<string, unknown>);
  const why = unanswerable(target, runtime.origins);
  if (why !== undefined) return void runtime.log.record('crkit.rejected', { via: 'sqs', why, messageId, requestId: target.requestId, stackId: target.stackId });
  const log = requestLogger(runtime, target, 'sqs');
  const key = requestKey(message.request);
  const step = stepKey(message.request, message.step);
  if (runtime.memory.recall(key) !== undefined || !runtime.steps.claim(step)) {
    return void log.record('crkit.duplicate', { messageId, step: message.step, why: 'this step, or the whole request, was already served by this container' });
  }
  const budget = operationBudget(message.request.ResourceProperties, message.startedAt);
  const deadline = createDeadline({ remainingMs: invocationMs(context.getRemainingTimeInMillis(), budget), answerReserveMs: runtime.options.answerReserveMs });
  try {
    const { registry, options } = runtime;
    const { result: decision, awsCalls } = await inRequestScope(() =>
      resumeStep(message, { registry, stacks: options.stacks, continuation: options.continuation, log, deadline, budget }),
    );
    if (decision.deferred === true) return void log.record('crkit.deferred', { action: decision.action, step: message.step, awsCalls });
    const delivery = await answer(runtime, log, deadline, message.startedAt, { target, via: 'sqs', decision, awsCalls }, key);
    const transient = !delivery.delivered && (delivery.httpStatus ?? 500) >= 500 && Date.now() < budget.endsAt;
    if (transient) runtime.steps.release(step);
    return transient ? messageId : undefined;
  } catch (error) {
    runtime.steps.release(step);
    throw error;
  } finally {
    deadline.dispose();
  }
}

async function serveItem(runtime: Runtime, item: IntakeItem, context: InvocationContext): Promise<string | undefined> {
  switch (item.kind) {
    case 'request':
      await serveRequest(runtime, item.request, item.via, context);
      return undefined;
    case 'malformed':
      await serveMalformed(runtime, item, context);
      return undefined;
    case 'rejected':
      runtime.log.record('crkit.rejected', { via: item.via, why: item.why });
      return undefined;
    case 'continuation':
      return serveContinuation(runtime, item, context);
  }
}

/**
 * Creates the Lambda handler for a set of resource types.
 * @example
 * export const handler = createHandler({ resources: [placementGroup], stacks: cloudFormationStacks() });
 */
function createHandler(options: HandlerOptions): (event: unknown, context: InvocationContext) => Promise<HandlerResult> {
  const config = readConfig();
  const log = createLogger({ level: options.logLevel ?? config.logLevel, sink: options.logSink });
  const runtime: Runtime = {
    registry: createRegistry(options.resources),
    options,
    log,
    origins: options.responseOrigins ?? config.responseOrigins,
    memory: new AnswerMemory(),
    steps: new SeenSteps(),
    metricsNamespace: config.metricsNamespace,
  };
  return async (event, context) => {
    const items = unwrapEvent(event);
    const failures: string[] = [];
    await Promise.all(
      items.map(async (item) => {
        try {
          const retry = await serveItem(runtime, item, context);
          if (retry !== undefined) failures.push(retry);
        } catch (error) {
          log.error('unexpected failure while serving an event item', { error: describeError(error), kind: item.kind });
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
