/**
 * The request pipeline: serve → decide → answer. A request CloudFormation sent and a step a
 * continuation carried take the same path: the ResponseURL and ids are checked answerable, a
 * request this container already answered gets the same answer again, the rest is decided by
 * dispatch and answered; a decision handed to a continuation is recorded, not answered.
 */
import { answer, repeat } from './answer/answer.js';
import type { Serving } from './answer/answer.js';
import { requestKey } from './answer/answered.js';
import { invocationMs, limitOf } from './long-operations/budget.js';
import type { OperationBudget } from './long-operations/budget.js';
import { createDeadline } from './deadline.js';
import { failedDecision } from './decision.js';
import type { Answer } from './decision.js';
import { dispatch } from './dispatch.js';
import type { Entry } from './dispatch.js';
import { targetOf } from './events.js';
import type { AnswerTarget, IntakeItem, Via } from './events.js';
import type { Runtime } from './handler-runtime.js';
import type { Logger } from './logging.js';
import { MaxPhysicalIdBytes, failedCreateMarker } from './physical-id.js';
import { Redactor, safeUrl } from './redaction.js';
import { inRequestScope } from './scope.js';
import type { Delivery } from './answer/put.js';
import { isAllowedResponseUrl } from './answer/put.js';

/** What the invocation tells about itself. */
type Invocation = {
  /** Lambda's remaining time when the item was taken up. */
  readonly remainingMs: number;
  /** The handler's own account, when the context names it. */
  readonly ownAccount: string | undefined;
};

/** One way into the pipeline: the entry, how it came, and the operation's budget. */
type Arrival = {
  readonly entry: Entry;
  readonly via: Via;
  /**
   * Counted from the first invocation of the operation: now for a request, earlier for a
   * continuation.
   */
  readonly budget: OperationBudget;
  /** The SQS message id of a continuation, named in its records. */
  readonly messageId?: string | undefined;
  /**
   * Takes the request on once its logger exists; false when it must not be served (a step already
   * served here).
   */
  readonly admit?: ((log: Logger) => boolean) | undefined;
};

/**
 * Longest ResponseURL answered (CloudFormation's pre-signed URLs are a fraction of it); a longer
 * one is not even parsed.
 */
const MaxResponseUrlLength = 8192;

/**
 * Why a request cannot be answered at all, or undefined.
 * @internal
 */
function unanswerable(target: AnswerTarget, origins: readonly string[]): string | undefined {
  if (target.responseUrl.length > MaxResponseUrlLength)
    return `the ResponseURL is longer than ${MaxResponseUrlLength} characters`;
  if (!isAllowedResponseUrl(target.responseUrl, origins))
    return `the ResponseURL ${safeUrl(target.responseUrl)} is not an allowed origin`;
  const ids = [
    target.stackId,
    target.requestId,
    target.logicalResourceId,
    target.physicalResourceId ?? '',
  ];
  if (ids.some((id) => id.length > MaxPhysicalIdBytes))
    return 'the request identifiers are too long to answer within 4096 bytes';
  return undefined;
}

/**
 * The request's secrets registry, on top of the container's, and a logger bound to the request that
 * asks it.
 */
function requestTools(runtime: Runtime, target: AnswerTarget, via: Via): Omit<Serving, 'deadline'> {
  const { requestId, stackId, logicalResourceId, resourceType, requestType } = target;
  const secrets = new Redactor(runtime.secrets);
  return {
    log: runtime.log.child(
      { requestId, stackId, logicalResourceId, resourceType, requestType, via },
      secrets,
    ),
    secrets,
  };
}

/**
 * Serves one request or continuation step: refused, repeated, or decided and answered.
 * Returns the delivery of the answer decided here; undefined when none was (refused, not
 * admitted, repeated, answered for a misconfigured handler, or deferred).
 * @internal
 */
async function serve(
  runtime: Runtime,
  arrival: Arrival,
  invocation: Invocation,
): Promise<Delivery | undefined> {
  const { entry, via, budget, messageId } = arrival;
  const { request } = entry;
  const target = targetOf(request as unknown as Record<string, unknown>);
  const why = unanswerable(target, runtime.origins);
  if (why !== undefined)
    return void runtime.log.record('crkit.rejected', {
      via,
      why,
      messageId,
      requestId: target.requestId,
      stackId: target.stackId,
    });
  const { log, secrets } = requestTools(runtime, target, via);
  if (arrival.admit?.(log) === false) return undefined;
  const { remainingMs, ownAccount } = invocation;
  const limit = limitOf(remainingMs, budget);
  const deadline = createDeadline({
    remainingMs: invocationMs(remainingMs, budget),
    limit,
    answerReserveMs: runtime.answerReserveMs,
  });
  const serving = { log, secrets, deadline };
  const { startedAt } = budget;
  const carried = entry.kind === 'continuation' ? entry.message : undefined;
  try {
    if (runtime.misconfiguration !== undefined) {
      const decision = failedDecision(request, carried?.action, runtime.misconfiguration);
      return void (await answer(runtime, serving, {
        target,
        via,
        decision,
        awsCalls: [],
        startedAt,
      }));
    }
    const key = requestKey(request);
    if (await repeat(runtime, serving, { target, via, startedAt }, key)) return undefined;
    const { registry, stacks, continuation } = runtime;
    const context = { registry, stacks, continuation, log, secrets, deadline, budget, ownAccount };
    const { result: decision, awsCalls } = await inRequestScope(() => dispatch(entry, context));
    if (decision.status === 'DEFERRED')
      return void log.record('crkit.deferred', {
        action: decision.action,
        step: carried?.step,
        awsCalls,
      });
    return await answer(runtime, serving, { target, via, decision, awsCalls, startedAt }, key);
  } finally {
    deadline.dispose();
  }
}

/**
 * Answers a request too malformed to serve FAILED, when its ResponseURL can be answered at all.
 * @internal
 */
async function answerMalformed(
  runtime: Runtime,
  item: Extract<IntakeItem, { kind: 'malformed' }>,
  remainingMs: number,
): Promise<void> {
  const { target, via } = item;
  const why = unanswerable(target, runtime.origins);
  if (why !== undefined)
    return runtime.log.record('crkit.rejected', { via, why: `${item.why}; ${why}` });
  const { log, secrets } = requestTools(runtime, target, via);
  log.record('crkit.received', { malformed: item.why });
  const deadline = createDeadline({ remainingMs, answerReserveMs: runtime.answerReserveMs });
  try {
    const physicalId =
      target.physicalResourceId ?? failedCreateMarker(target.requestId || 'unknown-request');
    const decision: Answer = {
      status: 'FAILED',
      reason: `Malformed request: ${item.why}`,
      physicalId,
      data: {},
      noEcho: false,
      action: undefined,
    };
    await answer(
      runtime,
      { log, secrets, deadline },
      { target, via, decision, awsCalls: [], startedAt: Date.now() },
    );
  } finally {
    deadline.dispose();
  }
}

export { MaxResponseUrlLength, answerMalformed, serve };
export type { Arrival, Invocation };
