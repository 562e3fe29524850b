/**
 * Long operations. A resource may answer `inProgress` (an image still pending). The framework
 * looks again on its polling schedule (`poll-schedule.ts`): while the invocation has time it
 * waits inline and calls `resume`; when it has not, it hands the step to a continuation port
 * (an SQS delay queue at the edge), delayed by the same schedule. The operation's budget (the
 * resource's ServiceTimeout, from the first invocation) bounds everything: when it cannot fit
 * another wait, or no port is configured, the answer is FAILED "still waiting for … after N s".
 */
import { randomUUID } from 'node:crypto';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import type { OperationBudget } from './budget.js';
import {
  ContinuationFormat,
  MaxMessageBytes,
  encodeContinuation,
  expiryOf,
  stateProblem,
} from './continuation.js';
import type { ContinuationMessage } from './continuation.js';
import type { Deadline } from '../deadline.js';
import { sleep, within } from '../deadline.js';
import { DefinitionError } from '../errors.js';
import { summariseFailure } from '../failure.js';
import { failed, isOutcome, outcomeSecrets } from '../outcome.js';
import { nextLookAfterMs } from './poll-schedule.js';
import type { InProgress, Outcome } from '../outcome.js';
import type { Redactor } from '../redaction.js';
import type { AnyResourceDefinition, BaseInput, ResourceDefinition } from '../resource.js';

/** Hands a step that must wait longer than this invocation has to a later invocation. */
type ContinuationPort = {
  /** Sends `body` so that it is delivered back to the handler after `delaySeconds` (0–900). */
  handOver(
    message: { readonly body: string; readonly delaySeconds: number },
    signal: AbortSignal,
  ): Promise<void>;
  /**
   * The ARN SQS events name as the `eventSourceARN` of that queue: records from any other source
   * are refused.
   */
  readonly queueArn: string;
  /**
   * The key continuation messages are signed and verified with; only the handler may hold it. Read
   * once per container.
   */
  key(signal: AbortSignal): Promise<Uint8Array>;
};

/** Where a long operation stands: its budget, and what the next step needs to carry. */
type OperationStep = OperationBudget & {
  /** True when an Update is being served as a replacement. */
  readonly replacing: boolean;
  /** 0 in the invocation CloudFormation started, then the continuation's step number. */
  readonly step: number;
  /** The chain of hand-overs this step belongs to; undefined before the first hand-over. */
  readonly chain: string | undefined;
};

type SettleInput = {
  readonly definition: AnyResourceDefinition;
  readonly base: BaseInput;
  readonly properties: Record<string, unknown> | undefined;
  /**
   * The request's secrets registry: what the resource answers is added to it, and state is checked
   * against it.
   */
  readonly secrets: Redactor;
  readonly deadline: Deadline;
  readonly continuation: ContinuationPort | undefined;
  readonly request: CloudFormationCustomResourceEvent;
  readonly operation: OperationStep;
  /**
   * True when the first step's wait is already over (a continuation, delivered after it): look at
   * once.
   */
  readonly lookNow?: boolean | undefined;
};

/** SQS's longest delivery delay, in seconds: a continuation port never delays a message longer. */
const MaxDelaySeconds = 900;

/** Time beyond the wait itself that one resume step is given before waiting inline is worth it. */
const stepAllowanceMs = 1000;

/** Time a continuation needs to arrive, load and answer, before the budget ends. */
const nextStepMs = 5000;

type Resume = NonNullable<ResourceDefinition['resume']>;

function stillWaiting(step: InProgress, operation: OperationStep): string {
  return (
    `still waiting for ${step.waitingFor} after ` +
    `${Math.round((Date.now() - operation.startedAt) / 1000)} s`
  );
}

function messageOf(step: InProgress, input: SettleInput): ContinuationMessage {
  const { request, base, operation } = input;
  const { startedAt, replacing } = operation;
  const chain = operation.chain ?? randomUUID();
  const expiresAt = expiryOf(startedAt, operation.serviceTimeoutSeconds);
  return {
    format: ContinuationFormat,
    request,
    action: base.action,
    replacing,
    startedAt,
    expiresAt,
    step: operation.step + 1,
    chain,
    waitingFor: step.waitingFor,
    state: step.state,
    physicalId: step.physicalId,
  };
}

/** Refuses state that is malformed, too large, or carries a sensitive value or a signed URL. */
function checkState(step: InProgress, input: SettleInput): void {
  const problem = stateProblem(step.state);
  const json = JSON.stringify(step.state ?? null);
  const secret =
    problem === undefined && JSON.stringify(input.secrets.value(step.state)) !== json
      ? 'the state carries a sensitive value or a signed URL'
      : undefined;
  const why = problem ?? secret;
  if (why !== undefined)
    throw new DefinitionError(
      `${input.definition.type} answered inProgress with unusable continuation state: ${why}`,
      { physicalId: step.physicalId },
    );
}

/** Hands the step to a later invocation, or answers FAILED when that cannot help. */
async function postpone(
  step: InProgress,
  waitMs: number,
  input: SettleInput,
): Promise<Outcome | 'deferred'> {
  const { operation, deadline, base } = input;
  const roomSeconds = Math.floor((operation.endsAt - nextStepMs - Date.now()) / 1000);
  if (roomSeconds < 1) {
    return failed(
      `${stillWaiting(step, operation)}; the resource's ServiceTimeout ` +
        `(${operation.serviceTimeoutSeconds} s) leaves no time to wait longer`,
      step.physicalId,
    );
  }
  if (input.continuation === undefined)
    return failed(
      `${stillWaiting(step, operation)}, and no continuation queue is configured`,
      step.physicalId,
    );
  checkState(step, input);
  const message = messageOf(step, input);
  // Whole seconds, rounded down: an earlier look costs a call, a later one lags the answer.
  const delaySeconds = Math.max(
    1,
    Math.min(Math.floor(waitMs / 1000), MaxDelaySeconds, roomSeconds),
  );
  try {
    const signal = AbortSignal.timeout(Math.max(1, Math.floor(deadline.answerEndsAt - Date.now())));
    const body = encodeContinuation(message, await input.continuation.key(signal));
    if (Buffer.byteLength(body) > MaxMessageBytes)
      return failed(
        `${stillWaiting(step, operation)}, and the request is too large for a continuation message`,
        step.physicalId,
      );
    await input.continuation.handOver({ body, delaySeconds }, signal);
  } catch (error) {
    base.log.error('the continuation could not be handed over', { error });
    const { reason } = summariseFailure(error, 'sending the continuation message');
    return failed(
      `${stillWaiting(step, operation)}, and handing the wait to the continuation queue ` +
        `failed: ${reason}`,
      step.physicalId,
    );
  }
  base.log.record('crkit.handover', {
    step: message.step,
    waitingFor: step.waitingFor,
    delaySeconds,
    physicalId: step.physicalId,
    state: step.state,
  });
  return 'deferred';
}

/**
 * Waits, then resumes once; any failure becomes a FAILED outcome that keeps the step's physical id.
 */
async function resumeOnce(
  step: InProgress,
  waitMs: number,
  resume: Resume,
  input: SettleInput,
): Promise<Outcome> {
  const { base, deadline, definition } = input;
  try {
    await sleep(waitMs, deadline.signal);
    const next: unknown = await within(deadline.signal, () =>
      resume(
        Object.freeze({
          ...base,
          properties: input.properties,
          physicalId: step.physicalId,
          state: step.state,
        }),
      ),
    );
    if (!isOutcome(next))
      throw new DefinitionError(`resume of ${definition.type} returned no outcome`);
    input.secrets.add(outcomeSecrets(next));
    return next;
  } catch (error) {
    // Time ran out during the wait or the look (a slow or throttled call): the step is still
    // pending, so it goes back to the loop, which hands it over or says what it was waiting for.
    if (deadline.signal.aborted) {
      base.log.warn('the working time ran out while resuming; the step is still waiting', {
        waitingFor: step.waitingFor,
      });
      return step;
    }
    const doing = `${base.action} of ${definition.type}`;
    base.log.error(`${doing} failed while resuming`, { error, waitingFor: step.waitingFor });
    const summary = summariseFailure(error, doing);
    return failed(summary.reason, summary.physicalId ?? step.physicalId);
  }
}

/** How long to wait before looking again at `step`, by the schedule and what the resource asked. */
function waitBefore(step: InProgress, input: SettleInput): number {
  const { delaySeconds, physicalId } = step;
  if (delaySeconds !== undefined && !Number.isFinite(delaySeconds)) {
    // NaN would resume in a tight loop here and reach SQS as DelaySeconds "NaN".
    throw new DefinitionError(
      `${input.definition.type} answered inProgress with a delaySeconds that is not a ` +
        `finite number`,
      { physicalId },
    );
  }
  const askedMs = Math.min(MaxDelaySeconds, Math.max(0, delaySeconds ?? 0)) * 1000;
  return nextLookAfterMs(Date.now() - input.operation.startedAt, askedMs);
}

/**
 * Waits out `inProgress` outcomes inline while time allows, then hands over or fails.
 * @internal
 */
async function settle(first: Outcome, input: SettleInput): Promise<Outcome | 'deferred'> {
  let outcome = first;
  let lookNow = input.lookNow === true;
  while (outcome.kind === 'in-progress') {
    const resume = input.definition.resume;
    if (resume === undefined) {
      throw new DefinitionError(
        `${input.definition.type} answered inProgress but defines no resume function`,
        { physicalId: outcome.physicalId },
      );
    }
    const waitMs = lookNow ? 0 : waitBefore(outcome, input);
    lookNow = false;
    if (input.deadline.workRemainingMs() <= waitMs + stepAllowanceMs)
      return postpone(outcome, waitMs, input);
    outcome = await resumeOnce(outcome, waitMs, resume, input);
  }
  return outcome;
}

export { MaxDelaySeconds, settle };
export type { ContinuationPort, OperationStep, SettleInput };
