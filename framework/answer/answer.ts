/**
 * Answering: what every served request shares once it has an answer. Budget the body, PUT it,
 * remember it for duplicate deliveries, and write the trail; or repeat a remembered answer for a
 * request this container already answered.
 */
import type { Deadline } from '../deadline.js';
import type { Answer } from '../decision.js';
import type { AnswerTarget, Via } from '../events.js';
import type { Runtime } from '../handler-runtime.js';
import type { Logger } from '../logging.js';
import { MinSecretLength, collapseWhitespace } from '../redaction.js';
import type { Redactor } from '../redaction.js';
import { buildResponseBody } from './body.js';
import type { ResponseDocument } from './body.js';
import type { AwsCallRecord } from '../scope.js';
import { deliver } from './put.js';
import type { Delivery } from './put.js';
import { signalRecord } from './signal-record.js';
import type { SignalRecord } from './signal-record.js';
import { writeTrail } from './trail.js';

/**
 * One request being served: its logger, its secrets registry (on top of the container's) and its
 * deadline.
 */
type Serving = { readonly log: Logger; readonly secrets: Redactor; readonly deadline: Deadline };

function writeSignal(
  runtime: Runtime,
  log: Logger,
  record: SignalRecord,
  deadline: Deadline,
): Promise<void> {
  return writeTrail(log, record, {
    onSignal: runtime.onSignal,
    metricsNamespace: runtime.metricsNamespace,
    endsAt: deadline.answerEndsAt,
  });
}

/**
 * A Data value that carries a sensitive property's value (or a URL's query) must not travel
 * unmasked.
 */
function guardedNoEcho(decision: Answer, { log, secrets }: Serving): boolean {
  if (decision.noEcho) return true;
  const values = Object.values(decision.data).map(String);
  if (!values.some((value) => secrets.field(value) !== value)) return false;
  log.warn(
    'an attribute carries a sensitive value or a URL query: answering with NoEcho so ' +
      'CloudFormation masks it',
    { dataKeys: Object.keys(decision.data) },
  );
  return true;
}

type Answering = {
  readonly target: AnswerTarget;
  readonly via: Via;
  readonly decision: Answer;
  readonly awsCalls: readonly AwsCallRecord[];
  readonly startedAt: number;
};

/**
 * Sends one answer and writes its trail.
 * @internal
 */
async function answer(
  runtime: Runtime,
  serving: Serving,
  item: Answering,
  memoryKey?: string,
): Promise<Delivery> {
  const { log, secrets, deadline } = serving;
  const { target, decision } = item;
  const noEcho = guardedNoEcho(decision, serving);
  // NoEcho values stay masked for the container's life: a later request (an update reading the
  // key back) may log them. Short ones (0, false) are not: they would be masked wherever a field
  // holds them, in every later request's trail, and protect nothing.
  if (noEcho)
    runtime.secrets.add(
      Object.values(decision.data)
        .map(String)
        .filter((value) => value.length >= MinSecretLength),
    );
  // Redacted first, then tidied into one line, then cut to fit the body: a secret is masked whole
  // before anything shortens it.
  const reason =
    decision.reason === undefined ? undefined : collapseWhitespace(secrets.text(decision.reason));
  const body = buildResponseBody(target, { ...decision, noEcho, reason });
  const delivery = await deliver(target.responseUrl, body.bytes, { endsAt: deadline.answerEndsAt });
  if (memoryKey !== undefined && delivery.delivered) {
    runtime.memory.set(memoryKey, {
      bytes: body.bytes,
      status: body.document.Status,
      physicalId: body.document.PhysicalResourceId,
      action: decision.action,
      provenance: decision.provenance,
    });
  }
  const record = signalRecord({
    target,
    via: item.via,
    action: decision.action,
    provenance: decision.provenance,
    body,
    delivery,
    startedAt: item.startedAt,
    duplicate: false,
    awsCalls: item.awsCalls,
  });
  await writeSignal(runtime, log, record, deadline);
  return delivery;
}

/**
 * Repeats the answer this container gave to the same request, if it gave one.
 * @internal
 */
async function repeat(
  runtime: Runtime,
  { log, deadline }: Serving,
  item: Omit<Answering, 'decision' | 'awsCalls'>,
  key: string,
): Promise<boolean> {
  const remembered = runtime.memory.get(key);
  if (remembered === undefined) return false;
  const { target, via, startedAt } = item;
  log.record('crkit.received', { duplicate: true, physicalResourceId: target.physicalResourceId });
  log.info(
    'duplicate delivery of an answered request: repeating the answer without doing the work again',
  );
  const body = {
    bytes: remembered.bytes,
    document: JSON.parse(remembered.bytes.toString()) as ResponseDocument,
  };
  const delivery = await deliver(target.responseUrl, body.bytes, { endsAt: deadline.answerEndsAt });
  await writeSignal(
    runtime,
    log,
    signalRecord({
      target,
      via,
      action: remembered.action,
      provenance: remembered.provenance,
      body,
      delivery,
      startedAt,
      duplicate: true,
      awsCalls: [],
    }),
    deadline,
  );
  return true;
}

export { answer, repeat };
export type { Answering, Serving };
