/**
 * Continuation messages: how a long operation travels from one invocation to the next through
 * the SQS delay queue. The message carries the original request (its ResponseURL is a bearer
 * credential, so the message body is never logged), the action already decided (a rollback stays
 * a rollback even when the stack's status has moved on), when the operation began and by when
 * it must be over, a step number, and the resource's small, secret-free state. It travels in a
 * signed envelope (continuation-envelope.ts): only a message crkit signed is ever acted on, and
 * only before it expires.
 *
 * SQS delivers at least once. A step is identified by the request's content and its step
 * number; a container serves each step once (`SeenSteps`) and never answers a request it has
 * already answered. Across containers, resume functions must be idempotent (look, then act).
 */
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { requestKey } from '../answer/answered.js';
import { envelopeOf, sealEnvelope, verifiesWith } from './continuation-envelope.js';
import type { Envelope } from './continuation-envelope.js';
import { unwrapEvent } from '../events.js';
import { isObject } from '../events.js';
import type { ContinuationState } from '../outcome.js';
import { Actions } from '../resource.js';
import { TtlCache } from '../ttl-cache.js';
import type { Action } from '../resource.js';

/** Marks a payload as one of crkit's continuations, and its version. */
const ContinuationFormat = 'crkit.continuation.v2';

/**
 * How long past the operation's ServiceTimeout a message stays good: CloudFormation has given up by
 * then.
 */
const ExpirySlackMs = 60_000;

/** Largest state a resource may carry between steps, JSON-encoded. */
const MaxStateBytes = 2048;

/** SQS's largest message body. */
const MaxMessageBytes = 262_144;

/** One step of a long operation, as it travels through the queue. */
type ContinuationMessage = {
  readonly format: typeof ContinuationFormat;
  readonly request: CloudFormationCustomResourceEvent;
  readonly action: Action;
  /** True when an Update is being served as a replacement (`create` with `replacing`). */
  readonly replacing: boolean;
  /** Epoch ms of the operation's first invocation. */
  readonly startedAt: number;
  /** Epoch ms after which the message is refused: no answer sent then could still matter. */
  readonly expiresAt: number;
  /** 1 for the first continuation, then one more per hand-over. */
  readonly step: number;
  /** Names one chain of hand-overs: a duplicate delivery that hands over again starts another. */
  readonly chain: string;
  readonly waitingFor: string;
  readonly state: ContinuationState;
  readonly physicalId: string | undefined;
};

type Parsed =
  | { readonly ok: true; readonly message: ContinuationMessage }
  | { readonly ok: false; readonly why: string };

function isStateValue(value: unknown): boolean {
  if (Array.isArray(value)) return value.every((item) => typeof item === 'string');
  return (
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

/**
 * Why a state object cannot travel, or undefined: not flat JSON, or too large.
 * @internal
 */
function stateProblem(state: unknown): string | undefined {
  if (!isObject(state) || !Object.values(state).every(isStateValue))
    return 'the state must map names to strings, finite numbers, booleans or string lists';
  const bytes = Buffer.byteLength(JSON.stringify(state));
  return bytes > MaxStateBytes
    ? `the state is ${bytes} bytes; keep it under ${MaxStateBytes}`
    : undefined;
}

/**
 * The signed queue message body of a step.
 * @internal
 */
function encodeContinuation(message: ContinuationMessage, key: Uint8Array): string {
  return sealEnvelope(JSON.stringify(message), key);
}

/**
 * When a message of an operation that began at `startedAt` expires.
 * @internal
 */
function expiryOf(startedAt: number, serviceTimeoutSeconds: number): number {
  return startedAt + serviceTimeoutSeconds * 1000 + ExpirySlackMs;
}

function requestOf(raw: unknown, action: Action): CloudFormationCustomResourceEvent | string {
  const [item] = unwrapEvent(raw);
  if (item?.kind !== 'request' || item.via !== 'direct')
    return 'its request is not a well-formed CloudFormation request';
  const expected = {
    create: ['Create', 'Update'],
    update: ['Update'],
    rollback: ['Update'],
    delete: ['Delete'],
  }[action];
  return expected.includes(item.request.RequestType)
    ? item.request
    : `its action ${action} does not fit a ${item.request.RequestType} request`;
}

function fieldsProblem(raw: Record<string, unknown>): string | undefined {
  if (raw.format !== ContinuationFormat) return `it is not a ${ContinuationFormat} message`;
  if (!Actions.includes(raw.action as Action)) return 'its action is unknown';
  if (
    typeof raw.startedAt !== 'number' ||
    !Number.isFinite(raw.startedAt) ||
    raw.startedAt > Date.now() + 60_000
  )
    return 'its startedAt is not a past time';
  if (typeof raw.expiresAt !== 'number' || !Number.isFinite(raw.expiresAt))
    return 'its expiresAt is not a time';
  if (typeof raw.step !== 'number' || !Number.isInteger(raw.step) || raw.step < 1)
    return 'its step is not a positive whole number';
  if (typeof raw.replacing !== 'boolean') return 'its replacing flag is missing';
  if (typeof raw.chain !== 'string' || !/^[A-Za-z0-9-]{1,64}$/.test(raw.chain))
    return 'its chain id is missing';
  if (typeof raw.waitingFor !== 'string' || raw.waitingFor === '' || raw.waitingFor.length > 1024)
    return 'its waitingFor is not a short text';
  if (raw.physicalId !== undefined && (typeof raw.physicalId !== 'string' || raw.physicalId === ''))
    return 'its physicalId is not a non-empty string';
  return stateProblem(raw.state);
}

/** The payload, parsed and checked; the reason given never quotes it. */
function parsePayload(payload: string, now: number): Parsed {
  let raw: unknown;
  try {
    raw = JSON.parse(payload);
  } catch {
    return { ok: false, why: 'the continuation payload is not JSON' };
  }
  if (!isObject(raw)) return { ok: false, why: 'the continuation payload is not a JSON object' };
  const problem = fieldsProblem(raw);
  if (problem !== undefined)
    return { ok: false, why: `the continuation message is unusable: ${problem}` };
  if ((raw.expiresAt as number) < now)
    return {
      ok: false,
      why: `the continuation message expired at ${new Date(raw.expiresAt as number).toISOString()}`,
    };
  const request = requestOf(raw.request, raw.action as Action);
  if (typeof request === 'string')
    return { ok: false, why: `the continuation message is unusable: ${request}` };
  const message = {
    ...(raw as unknown as ContinuationMessage),
    request,
    physicalId: raw.physicalId as string | undefined,
  };
  return { ok: true, message };
}

/**
 * Verifies an envelope with the key and reads its payload; nothing in it is parsed before its
 * MAC verifies, and the reason given never quotes it.
 * @internal
 */
function openEnvelope(envelope: Envelope, key: Uint8Array, now: number = Date.now()): Parsed {
  if (!verifiesWith(envelope, key))
    return {
      ok: false,
      why:
        'the continuation message is refused: its signature does not match (not signed by ' +
        'this handler, or altered)',
    };
  return parsePayload(envelope.payload, now);
}

/**
 * Verifies a queue message body with the key and reads it.
 * @example
 * const parsed = openContinuation(record.body, key);
 * if (!parsed.ok) log.record('crkit.rejected', { why: parsed.why });
 */
function openContinuation(body: string, key: Uint8Array, now: number = Date.now()): Parsed {
  const envelope = envelopeOf(body);
  return typeof envelope === 'string'
    ? { ok: false, why: `the continuation message is refused: ${envelope}` }
    : openEnvelope(envelope, key, now);
}

/**
 * Identifies a step: the same request at the same step is the same work.
 * @internal
 */
function stepKey(request: CloudFormationCustomResourceEvent, step: number): string {
  return `${requestKey(request)}#${step}`;
}

/**
 * Steps this container has taken on, so a redelivered message does not run a step twice: at
 * most 512, each kept two hours.
 * @internal
 */
class SeenSteps {
  readonly #taken = new TtlCache<true>(512, 2 * 60 * 60 * 1000);

  /** True when the step is new here (and marks it taken); false for a repeat. */
  claim(key: string): boolean {
    if (this.#taken.get(key) !== undefined) return false;
    this.#taken.set(key, true);
    return true;
  }

  /** Forgets a step whose message is to be retried. */
  release(key: string): void {
    this.#taken.delete(key);
  }
}

export {
  ContinuationFormat,
  MaxMessageBytes,
  MaxStateBytes,
  SeenSteps,
  encodeContinuation,
  expiryOf,
  openContinuation,
  openEnvelope,
  stateProblem,
  stepKey,
};
export type { ContinuationMessage };
