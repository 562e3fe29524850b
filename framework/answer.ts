/**
 * Answering: what every kind of served item shares once a decision exists. Budget the body,
 * PUT it, remember it for duplicate deliveries, and write the trail; or repeat a remembered
 * answer for a request this container already answered.
 */
import type { AnswerMemory } from './answered.js';
import type { SeenSteps } from './continuation.js';
import type { Deadline } from './deadline.js';
import type { Decision } from './decision.js';
import type { AnswerTarget, Via } from './events.js';
import type { Logger } from './logging.js';
import { MinSecretLength, Redactor, collapseWhitespace, safeUrl } from './redaction.js';
import type { Registry } from './registry.js';
import { buildResponseBody } from './response.js';
import type { ResponseDocument } from './response.js';
import type { AwsCallRecord } from './scope.js';
import type { ContinuationPort } from './settle.js';
import { deliver, isAllowedResponseUrl } from './signal.js';
import type { Delivery } from './signal.js';
import { signalRecord } from './signal-record.js';
import type { SignalRecord } from './signal-record.js';
import type { ScheduledTask } from './scheduled.js';
import type { StackPort } from './stacks.js';
import { writeTrail } from './trail.js';
import type { SignalForwarder } from './trail.js';

/** What a handler keeps for the life of its container. @internal */
type Runtime = {
  readonly registry: Registry;
  readonly stacks: StackPort | undefined;
  readonly continuation: ContinuationPort | undefined;
  readonly onSignal: SignalForwarder | undefined;
  /** The task a schedule starts (the drift check), and the schedule allowed to start it. */
  readonly scheduled: ScheduledTask | undefined;
  readonly answerReserveMs: number | undefined;
  readonly log: Logger;
  readonly origins: readonly string[];
  readonly memory: AnswerMemory;
  /** Continuation steps served by this container (SQS delivers at least once). */
  readonly steps: SeenSteps;
  /** EMF namespace of the answer metrics; undefined writes none. */
  readonly metricsNamespace: string | undefined;
  /** Why the settings are unusable, when they are: every request is then answered FAILED with it. */
  readonly misconfiguration: string | undefined;
};

/** Identifiers longer than this cannot come from CloudFormation and would not fit an answer. */
const maxIdLength = 1024;

/** Longest ResponseURL answered (CloudFormation's pre-signed URLs are a fraction of it); a longer one is not even parsed. */
const MaxResponseUrlLength = 8192;

/**
 * Why a request cannot be answered at all, or undefined.
 * @internal
 */
function unanswerable(target: AnswerTarget, origins: readonly string[]): string | undefined {
  if (target.responseUrl.length > MaxResponseUrlLength) return `the ResponseURL is longer than ${MaxResponseUrlLength} characters`;
  if (!isAllowedResponseUrl(target.responseUrl, origins)) return `the ResponseURL ${safeUrl(target.responseUrl)} is not an allowed origin`;
  const ids = [target.stackId, target.requestId, target.logicalResourceId, target.physicalResourceId ?? ''];
  if (ids.some((id) => id.length > maxIdLength)) return 'the request identifiers are too long to answer within 4096 bytes';
  return undefined;
}

/**
 * A logger bound to one request, with its own secrets on top of the container's.
 * @internal
 */
function requestLogger(runtime: Runtime, target: AnswerTarget, via: Via): Logger {
  const { requestId, stackId, logicalResourceId, resourceType, requestType } = target;
  return runtime.log.child({ requestId, stackId, logicalResourceId, resourceType, requestType, via }, new Redactor(runtime.log.redactor));
}

function writeSignal(runtime: Runtime, log: Logger, record: SignalRecord, deadline: Deadline): Promise<void> {
  return writeTrail(log, record, { onSignal: runtime.onSignal, metricsNamespace: runtime.metricsNamespace, endsAt: deadline.answerEndsAt });
}

/** A Data value that carries a sensitive property's value (or a URL's query) must not travel unmasked. */
function guardedNoEcho(decision: Decision, log: Logger): boolean {
  if (decision.noEcho) return true;
  const values = Object.values(decision.data).map(String);
  if (!values.some((value) => log.redactor.field(value) !== value)) return false;
  log.warn('an attribute carries a sensitive value or a URL query: answering with NoEcho so CloudFormation masks it', { dataKeys: Object.keys(decision.data) });
  return true;
}

type Answer = { readonly target: AnswerTarget; readonly via: Via; readonly decision: Decision; readonly awsCalls: readonly AwsCallRecord[]; readonly startedAt: number };

/**
 * Sends one decision as the answer and writes its trail.
 * @internal
 */
async function answer(runtime: Runtime, log: Logger, deadline: Deadline, item: Answer, memoryKey?: string): Promise<Delivery> {
  const { target, decision } = item;
  const noEcho = guardedNoEcho(decision, log);
  // NoEcho values stay masked for the container's life: a later request (an update reading the
  // key back) may log them. Short ones (0, false) are not: they would be masked wherever a field
  // holds them, in every later request's trail, and protect nothing.
  if (noEcho) runtime.log.redactor.add(Object.values(decision.data).map(String).filter((value) => value.length >= MinSecretLength));
  // Redacted first, then tidied into one line, then cut to fit the body: a secret is masked whole before anything shortens it.
  const reason = decision.reason === undefined ? undefined : collapseWhitespace(log.redactor.text(decision.reason));
  const body = buildResponseBody(target, { ...decision, noEcho, reason });
  const delivery = await deliver(target.responseUrl, body.bytes, { endsAt: deadline.answerEndsAt });
  if (memoryKey !== undefined && delivery.delivered) {
    runtime.memory.set(memoryKey, { bytes: body.bytes, status: body.document.Status, physicalId: body.document.PhysicalResourceId, action: decision.action, provenance: decision.provenance });
  }
  const record = signalRecord({ target, via: item.via, action: decision.action, provenance: decision.provenance, body, delivery, startedAt: item.startedAt, duplicate: false, awsCalls: item.awsCalls });
  await writeSignal(runtime, log, record, deadline);
  return delivery;
}

/**
 * Repeats the answer this container gave to the same request, if it gave one.
 * @internal
 */
async function repeat(runtime: Runtime, log: Logger, deadline: Deadline, item: Omit<Answer, 'decision' | 'awsCalls'>, key: string): Promise<boolean> {
  const remembered = runtime.memory.get(key);
  if (remembered === undefined) return false;
  const { target, via, startedAt } = item;
  log.record('crkit.received', { duplicate: true, physicalResourceId: target.physicalResourceId });
  log.info('duplicate delivery of an answered request: repeating the answer without doing the work again');
  const body = { bytes: remembered.bytes, document: JSON.parse(remembered.bytes.toString()) as ResponseDocument };
  const delivery = await deliver(target.responseUrl, body.bytes, { endsAt: deadline.answerEndsAt });
  await writeSignal(runtime, log, signalRecord({ target, via, action: remembered.action, provenance: remembered.provenance, body, delivery, startedAt, duplicate: true, awsCalls: [] }), deadline);
  return true;
}

export { MaxResponseUrlLength, answer, repeat, requestLogger, unanswerable };
export type { Answer, Runtime };
