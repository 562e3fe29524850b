/**
 * The measured process. It loads a handler module the way Lambda's Node.js runtime loads an
 * `.mjs` file (`import()`), then either answers one Create and exits (`cold`) or answers N
 * requests in turn, Create/Update/Delete (`warm`). A request is done when the handler's promise
 * has settled and its answer has reached the response server. Every answer is checked: SUCCESS,
 * matching ids, and a physical id that Update and Delete keep. The result goes to fd 3 as one
 * JSON line, written at exit so that peak RSS covers the whole run.
 *
 * Run: `node runner.mjs '<RunnerConfig JSON>'` with Lambda's environment already set.
 */
import { writeSync } from 'node:fs';
import http from 'node:http';
import { pathToFileURL } from 'node:url';
import { Cycle, lambdaContext, requestOf, snsWrapped } from './events.js';
import type { WireProperties } from './events.js';
import type { AnswerRecord } from './response-server.js';

type RunnerConfig = {
  readonly module: string;
  readonly mode: 'cold' | 'warm';
  /** Requests in warm mode. */
  readonly events: number;
  readonly sns: boolean;
  readonly resourceType: string;
  readonly properties: WireProperties;
  /** The properties an Update changes to (an update in place, never a replacement). */
  readonly updateProperties: WireProperties;
  readonly responseOrigin: string;
  /** The response server's http origin, for its `/events` stream. */
  readonly serverOrigin: string;
  /**
   * The stand-in whose CloudFormation is told of each request before it is sent (as CloudFormation
   * would be), when AWS calls go to one.
   */
  readonly standinOrigin: string | undefined;
};

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

/** What one run reports. Times in ms unless named µs. */
type RunnerResult = {
  importMs?: number;
  firstEventMs?: number;
  meanUs?: number;
  p50Us?: number;
  p99Us?: number;
  cpuUsPerEvent?: number;
  events: number;
  maxRssKb?: number;
  lingeringMs?: number;
  error?: string;
};

const config = JSON.parse(process.argv[2] ?? '{}') as RunnerConfig;
const result: RunnerResult = { events: 0 };
const answers = new Map<string, AnswerRecord>();
const waiting = new Map<string, (record: AnswerRecord) => void>();

function watchAnswers(): Promise<http.ClientRequest> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${config.serverOrigin}/events`, (response) => {
      let buffered = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffered += chunk;
        let newline = buffered.indexOf('\n');
        while (newline >= 0) {
          const record = JSON.parse(buffered.slice(0, newline)) as AnswerRecord;
          buffered = buffered.slice(newline + 1);
          const wake = waiting.get(record.requestId);
          if (wake === undefined) answers.set(record.requestId, record);
          else wake(record);
          newline = buffered.indexOf('\n');
        }
      });
      response.on('error', () => undefined);
      resolve(request);
    });
    request.on('error', reject);
  });
}

function answerOf(requestId: string): Promise<AnswerRecord> {
  const early = answers.get(requestId);
  if (early !== undefined) return Promise.resolve(early);
  return new Promise((resolve) => waiting.set(requestId, resolve));
}

/**
 * Tells the stand-in's CloudFormation that it sent `request`, so the handler's confirmation finds
 * the resource in the state CloudFormation would show. Done before a request is timed, for the
 * subject and the floor alike.
 */
function playSent(request: Record<string, unknown>): Promise<void> {
  if (config.standinOrigin === undefined) return Promise.resolve();
  const body = JSON.stringify({ request });
  return new Promise((resolve, reject) => {
    const post = http.request(
      `${config.standinOrigin}/__standin/cloudformation/request-sent`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        response.resume();
        response.on('end', () =>
          (response.statusCode ?? 500) < 300
            ? resolve()
            : reject(
                new Error(`the stand-in refused request-sent (${String(response.statusCode)})`),
              ),
        );
      },
    );
    post.on('error', reject);
    post.end(body);
  });
}

/** Sends one request; resolves with the physical id answered, once the request is done. */
async function send(handler: Handler, request: Record<string, unknown>): Promise<string> {
  const event = config.sns ? snsWrapped(request) : request;
  const requestId = request.RequestId as string;
  const [record] = await Promise.all([answerOf(requestId), handler(event, lambdaContext(300_000))]);
  waiting.delete(requestId);
  if (!record.ok || record.physicalId === undefined)
    throw new Error(`${String(request.RequestType)}: ${record.problem ?? 'no physical id'}`);
  const expected = request.PhysicalResourceId;
  if (expected !== undefined && record.physicalId !== expected)
    throw new Error(`${String(request.RequestType)} changed the physical id`);
  return record.physicalId;
}

function nthRequest(index: number, physicalId: string | undefined): Record<string, unknown> {
  const kind = Cycle[index % 3] ?? 'Create';
  const logicalResourceId = `Bench${Math.floor(index / 3)}`;
  const base = {
    kind,
    resourceType: config.resourceType,
    logicalResourceId,
    responseOrigin: config.responseOrigin,
  };
  if (kind === 'Update')
    return requestOf({
      ...base,
      properties: config.updateProperties,
      oldProperties: config.properties,
      physicalId,
    });
  if (kind === 'Delete')
    return requestOf({ ...base, properties: config.updateProperties, physicalId });
  return requestOf({ ...base, properties: config.properties });
}

async function loadHandler(): Promise<Handler> {
  const started = process.hrtime.bigint();
  const module = (await import(pathToFileURL(config.module).href)) as { handler?: Handler };
  result.importMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (typeof module.handler !== 'function') throw new Error(`${config.module} exports no handler`);
  return module.handler;
}

async function runWarm(handler: Handler): Promise<void> {
  const durations: number[] = [];
  const cpuBefore = process.cpuUsage();
  let physicalId: string | undefined;
  for (let index = 0; index < config.events; index += 1) {
    const request = nthRequest(index, physicalId);
    await playSent(request);
    const started = process.hrtime.bigint();
    physicalId = await send(handler, request);
    durations.push(Number(process.hrtime.bigint() - started) / 1e3);
    result.events = index + 1;
  }
  const cpu = process.cpuUsage(cpuBefore);
  const sorted = [...durations].sort((a, b) => a - b);
  result.meanUs = durations.reduce((sum, value) => sum + value, 0) / durations.length;
  result.p50Us = sorted[Math.floor((sorted.length - 1) / 2)];
  result.p99Us = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))];
  result.cpuUsPerEvent = (cpu.user + cpu.system) / durations.length;
  result.firstEventMs = (durations[0] ?? 0) / 1e3;
}

async function main(): Promise<void> {
  const stream = await watchAnswers();
  const handler = await loadHandler();
  if (config.mode === 'warm') await runWarm(handler);
  else {
    const first = nthRequest(0, undefined);
    await playSent(first);
    const started = process.hrtime.bigint();
    await send(handler, first);
    result.firstEventMs = Number(process.hrtime.bigint() - started) / 1e6;
    result.events = 1;
  }
  stream.destroy();
  // The process should now exit by itself; a handle the handler left open would keep it alive.
  const doneAt = Date.now();
  setTimeout(() => {
    result.lingeringMs = Date.now() - doneAt;
    process.exit(0);
  }, 2000).unref();
}

process.on('exit', () => {
  result.maxRssKb = process.resourceUsage().maxRSS;
  writeSync(3, `${JSON.stringify(result)}\n`);
});

main().catch((error: unknown) => {
  result.error = error instanceof Error ? error.message : String(error);
  process.exit(1);
});

export type { RunnerConfig, RunnerResult };
