/**
 * The scenario harness: a scenario plays one or more invocations against a running bundle;
 * every invocation is checked against the whole promise (invariants.ts), and each answer
 * against what the scenario expects. The outcome of each scenario is a row of the summary table.
 */
import { asCustomResourceRequest } from '../../../scripts/standin/index.js';
import { playAnswerReceived, playEventSent } from './cloudformation.js';
import type { CloudFormationView } from './cloudformation.js';
import type {
  LambdaProcess,
  ProcessInvocation,
  ReceivedPut,
  ResponseServer,
} from '../../../framework/testing/index.js';
import { requestKeyOf } from '../../../framework/testing/index.js';
import {
  answerProblems,
  leakProblems,
  parse,
  processProblems,
  signalRecords,
  unanswerableProblems,
} from './invariants.js';
import type { Canaries, Json } from './invariants.js';
import { asEvent, buildRequest } from './requests.js';
import type { RawRequest, RequestSpec, ResponseMode, Via } from './requests.js';

/** What one answer should be; `none` means no PUT at all (no usable ResponseURL). */
type Expect = {
  /**
   * `deferred`: handed to the continuation queue, so no PUT now, a crkit.deferred record instead.
   */
  readonly status: 'SUCCESS' | 'FAILED' | 'none' | 'deferred';
  readonly reason?: RegExp;
  /** PUT attempts expected. @default 1 */
  readonly attempts?: number | { readonly min: number; readonly max: number };
  /** The answer is accepted by the endpoint. @default true unless status is none */
  readonly delivered?: boolean;
  /**
   * The ResponseURL is allowed but leads nowhere (no PUT can arrive): only the signal record tells.
   * @default true
   */
  readonly reachable?: boolean;
};

/** One invocation and what came of it. */
type Step = {
  readonly run: ProcessInvocation;
  readonly puts: readonly ReceivedPut[];
  /** The parsed body of the answer, when one was PUT. */
  readonly body: Json | undefined;
  readonly signal: Json | undefined;
};

type SendOptions = {
  readonly remainingMs?: number;
  readonly graceMs?: number;
  readonly via?: Via;
  /** Send `request` as the whole LambdaProcess event, unwrapped. @default false */
  readonly raw?: boolean;
  /** The request the checks are about, when `request` is a raw event. @default request */
  readonly about?: RawRequest;
  /**
   * Another container to invoke (a concurrent or later LambdaProcess instance). @default the
   * world's
   */
  readonly lambda?: LambdaProcess;
  /**
   * `sent`: CloudFormation sent the request, so the stand-in's view of its resource moves as
   * CloudFormation's does (not for a raw event: that is a delivery, not a send) and takes the
   * answer the endpoint accepted. `untouched`: CloudFormation never sent it (a forged request, a
   * replay), so its view stays as it is. @default 'sent'
   */
  readonly cloudFormation?: 'sent' | 'untouched';
};

/** What a scenario can do. */
type Play = {
  readonly via: Via;
  readonly endpoint: ResponseServer;
  readonly canaries: Canaries;
  /** A request answered at the endpoint under `mode`. */
  request(spec: RequestSpec, mode?: ResponseMode): RawRequest;
  /**
   * Sends a request (or raw SNS message text), checks every invariant and `expect`, returns the
   * step.
   */
  send(request: RawRequest | string, expect: Expect, options?: SendOptions): Promise<Step>;
  /** Adds a value that may appear only in a NoEcho answer's Data; returns it. */
  plantNoEcho(value: string): string;
  /** Records a scenario-specific problem when `ok` is false. */
  check(ok: boolean, problem: string): void;
};

type Scenario = {
  readonly name: string;
  readonly vias?: readonly Via[];
  play(play: Play): Promise<void>;
};

/** One row of the summary table. */
type Row = {
  readonly scenario: string;
  readonly expected: string;
  readonly observed: string;
  readonly problems: readonly string[];
};

function describeExpect(expect: Expect): string {
  const reason = expect.reason === undefined ? '' : ` ${String(expect.reason)}`;
  if (expect.status === 'deferred') return 'no PUT yet, crkit.deferred';
  return expect.status === 'none' ? 'no PUT, rejected/duplicate' : `${expect.status}${reason}`;
}

function describeStep(step: Step): string {
  if (step.body === undefined && step.signal !== undefined) {
    return (
      `${String(step.signal.status)} unsent: ${String(step.signal.errorCode)} ` +
      `[${String(step.signal.attempts)} attempt(s), ${Math.round(step.run.ms)} ms]`
    );
  }
  if (step.body === undefined) return `no PUT (${Math.round(step.run.ms)} ms)`;
  const reason = typeof step.body.Reason === 'string' ? ` "${step.body.Reason.slice(0, 70)}"` : '';
  const delivered = step.signal?.delivered === true ? '' : ', undelivered';
  return (
    `${String(step.body.Status)}${reason} [${step.puts.length} attempt(s)${delivered}, ` +
    `${Math.round(step.run.ms)} ms]`
  );
}

function attemptsProblem(expect: Expect, count: number): string[] {
  const want = expect.attempts ?? 1;
  const [min, max] = typeof want === 'number' ? [want, want] : [want.min, want.max];
  return count < min || count > max
    ? [`${count} PUT attempts, expected ${min === max ? min : `${min}–${max}`}`]
    : [];
}

function unreachableProblems(step: Step, expect: Expect): string[] {
  const { signal } = step;
  if (signal === undefined)
    return ['no crkit.signal record for an answer that could not be delivered'];
  const problems =
    step.puts.length > 0 ? ['a PUT arrived at an endpoint the URL does not name'] : [];
  if (signal.delivered !== false) problems.push('the signal record says delivered');
  if (signal.status !== expect.status)
    problems.push(`the signal record says ${String(signal.status)}, expected ${expect.status}`);
  if (typeof signal.bodyBytes !== 'number' || signal.bodyBytes > 4096)
    problems.push('the signal record body size is missing or over 4096');
  return [...problems, ...attemptsProblem(expect, Number(signal.attempts))];
}

function deferredProblems(step: Step): string[] {
  const problems =
    step.puts.length > 0
      ? [`${step.puts.length} PUTs for a step handed to the continuation queue`]
      : [];
  if (step.signal !== undefined) problems.push('a crkit.signal record for a step handed over');
  if (!step.run.stdout.some((line) => line.includes('"type":"crkit.deferred"')))
    problems.push('no crkit.deferred record');
  return problems;
}

function expectProblems(step: Step, expect: Expect): string[] {
  if (expect.status === 'none') return [];
  if (expect.status === 'deferred') return deferredProblems(step);
  if (expect.reachable === false) return unreachableProblems(step, expect);
  const problems = attemptsProblem(expect, step.puts.length);
  if (step.body?.Status !== expect.status)
    problems.push(`answered ${String(step.body?.Status)}, expected ${expect.status}`);
  const reason = typeof step.body?.Reason === 'string' ? step.body.Reason : '';
  if (expect.reason !== undefined && !expect.reason.test(reason))
    problems.push(
      `Reason ${JSON.stringify(reason.slice(0, 200))} does not match ${String(expect.reason)}`,
    );
  const delivered = step.signal?.delivered === true;
  if (delivered !== (expect.delivered ?? true)) problems.push(`delivered is ${String(delivered)}`);
  return problems;
}

/** The request key a ResponseURL names, or '' when it names none. */
function keyOf(responseUrl: unknown): string {
  return typeof responseUrl === 'string' ? requestKeyOf(responseUrl) : '';
}

/** Which request a message is about, for matching PUTs and records. */
function identityOf(request: RawRequest | string): {
  requestId: unknown;
  stackId: unknown;
  logicalResourceId: unknown;
  key: string;
} {
  const raw = typeof request === 'string' ? parse(request) : request;
  return {
    requestId: raw?.RequestId,
    stackId: raw?.StackId,
    logicalResourceId: raw?.LogicalResourceId,
    key: keyOf(raw?.ResponseURL),
  };
}

/**
 * Plays one scenario over one route and returns its summary row.
 * @example
 * const row = await playScenario(scenario, 'sns', { lambda, endpoint, canaries });
 */
async function playScenario(
  scenario: Scenario,
  via: Via,
  world: {
    lambda: LambdaProcess;
    endpoint: ResponseServer;
    canaries: Canaries;
    standin: CloudFormationView;
  },
): Promise<Row> {
  const { lambda, endpoint } = world;
  const canaries = { secrets: world.canaries.secrets, noEcho: [...world.canaries.noEcho] };
  const problems: string[] = [];
  const expected: string[] = [];
  const observed: string[] = [];
  const play: Play = {
    via,
    endpoint,
    canaries,
    request: (spec, mode = 'ok') => buildRequest(spec, endpoint, mode),
    plantNoEcho: (value) => {
      canaries.noEcho.push(value);
      return value;
    },
    check: (ok, problem) => void (ok || problems.push(problem)),
    send: async (request, expect, options = {}) => {
      const identity = identityOf(options.about ?? request);
      const { key } = identity;
      const before = endpoint.receivedFor(key).length;
      const remainingMs = options.remainingMs ?? 15_000;
      const played = options.cloudFormation !== 'untouched';
      if (played) playEventSent(world.standin, request);
      const startedAt = Date.now();
      const route = options.via ?? via;
      // JSON text sent directly is parsed by the runner: it may nest too deep to pass as an object.
      const eventJson =
        options.raw !== true && route === 'direct' && typeof request === 'string'
          ? request
          : undefined;
      const event =
        options.raw === true || eventJson !== undefined ? request : asEvent(request, route);
      const run = await (options.lambda ?? lambda).invoke(event, {
        remainingMs,
        graceMs: options.graceMs,
        eventJson,
      });
      const puts = endpoint.receivedFor(key).slice(before);
      const answered = played ? asCustomResourceRequest(options.about ?? request) : undefined;
      if (answered !== undefined) playAnswerReceived(world.standin, answered, puts);
      const body = puts[0] === undefined ? undefined : parse(puts[0].body.toString('utf8'));
      const step: Step = { run, puts, body, signal: signalRecords(run, identity.requestId)[0] };
      problems.push(
        ...processProblems(run, remainingMs),
        ...leakProblems(run, puts, canaries),
        ...expectProblems(step, expect),
      );
      if (expect.status === 'none')
        problems.push(...unanswerableProblems(run, puts, identity.requestId));
      else if (expect.reachable !== false && expect.status !== 'deferred')
        problems.push(...answerProblems(run, puts, identity, startedAt + remainingMs));
      expected.push(describeExpect(expect));
      observed.push(describeStep(step));
      return step;
    },
  };
  try {
    await scenario.play(play);
  } catch (error) {
    problems.push(`the scenario threw: ${error instanceof Error ? error.message : String(error)}`);
  }
  return {
    scenario: `${scenario.name} (${via})`,
    expected: expected.join(' → '),
    observed: observed.join(' → '),
    problems,
  };
}

export { keyOf, playScenario };
export type { Expect, Play, Row, Scenario, SendOptions, Step };
