/**
 * A Lambda-like child process running a built bundle (test/e2e/fixtures/runner.mjs), and the
 * parent's side of it: send an event, get back how the handler's promise settled plus every
 * stdout and stderr line the invocation wrote.
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const runnerPath = fileURLToPath(new URL('../fixtures/runner.mjs', import.meta.url));

/** Outgoing traffic the runner saw the bundle start. */
type Outgoing = { readonly kind: 'http' | 'socket'; readonly host: string; readonly port?: number; readonly method?: string; readonly path?: string };

/** What the runner reports about one invocation. */
type InvocationReport = {
  readonly settled: 'resolved' | 'rejected';
  readonly value: unknown;
  readonly ms: number;
  /** Active resources (by type) present once the promise settled that were not there before. */
  readonly leftAtSettle: Readonly<Record<string, number>>;
  readonly leftAfterGrace: Readonly<Record<string, number>>;
  readonly unhandled: readonly string[];
  readonly uncaught: readonly string[];
  readonly outgoing: readonly Outgoing[];
};

/** One invocation: the report and the lines written meanwhile. */
type Invocation = InvocationReport & { readonly stdout: readonly string[]; readonly stderr: readonly string[] };

type InvokeOptions = {
  /** What `getRemainingTimeInMillis()` starts from. @default 15000 */
  readonly remainingMs?: number;
  /** How long to keep watching for late rejections and handles after the promise settles. @default 0 */
  readonly graceMs?: number;
  /** The event as JSON text, parsed by the runner: for an event nested too deep to pass as an object. @default none */
  readonly eventJson?: string;
};

type Lambda = {
  readonly loadMs: number;
  invoke(event: unknown, options?: InvokeOptions): Promise<Invocation>;
  stop(): Promise<void>;
};

type Pending = { readonly id: number; report?: InvocationReport; out: boolean; err: boolean; readonly done: (value: Invocation) => void };

/** Splits a stream into lines, routing each to `onLine`. */
function lines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop() ?? '';
    parts.forEach(onLine);
  });
}

/** Lambda-like environment: only what the runtime sets, plus the test's own variables. */
function lambdaEnv(extra: Readonly<Record<string, string>>): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    TZ: ':UTC',
    LANG: 'en_US.UTF-8',
    AWS_LAMBDA_FUNCTION_NAME: 'crkit-e2e',
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extra,
  };
}

function waitReady(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the runner exited (${String(code)}) before it was ready`)));
    child.once('message', (message: { ready?: boolean; loadError?: string | null; loadMs?: number }) => {
      if (message.loadError) reject(new Error(`the bundle failed to load: ${message.loadError}`));
      else resolve(message.loadMs ?? 0);
    });
  });
}

/**
 * Starts a runner on a bundle.
 * @example
 * const lambda = await startLambda({ bundle: paths.fixture, env: { ...standin.env } });
 * const run = await lambda.invoke(request, { remainingMs: 5000 });
 */
async function startLambda(options: { readonly bundle: string; readonly env: Readonly<Record<string, string>>; readonly overrunMs?: number }): Promise<Lambda> {
  const child = fork(runnerPath, [options.bundle], { env: lambdaEnv(options.env), stdio: ['ignore', 'pipe', 'pipe', 'ipc'], execArgv: [] });
  let stdout: string[] = [];
  let stderr: string[] = [];
  let pending: Pending | undefined;
  let nextId = 1;
  const finish = (): void => {
    if (pending?.report === undefined || !pending.out || !pending.err) return;
    const current = pending;
    pending = undefined;
    current.done({ ...(current.report as InvocationReport), stdout, stderr });
    stdout = [];
    stderr = [];
  };
  const sentinel = (line: string): number | undefined => (line.startsWith('{"type":"e2e.sentinel"') ? (JSON.parse(line) as { id: number }).id : undefined);
  lines(child.stdout as NodeJS.ReadableStream, (line) => {
    if (sentinel(line) === undefined) stdout.push(line);
    else if (pending !== undefined) (pending.out = true), finish();
  });
  lines(child.stderr as NodeJS.ReadableStream, (line) => {
    if (sentinel(line) === undefined) stderr.push(line);
    else if (pending !== undefined) (pending.err = true), finish();
  });
  const loadMs = await waitReady(child);
  child.on('message', (message: InvocationReport & { id: number }) => {
    if (pending !== undefined && message.id === pending.id) (pending.report = message), finish();
  });
  const invoke = (event: unknown, invokeOptions: InvokeOptions = {}): Promise<Invocation> => {
    if (pending !== undefined) return Promise.reject(new Error('one invocation at a time, as in Lambda'));
    const remainingMs = invokeOptions.remainingMs ?? 15_000;
    const id = nextId++;
    const limitMs = remainingMs + (invokeOptions.graceMs ?? 0) + (options.overrunMs ?? 10_000);
    return new Promise<Invocation>((resolve, reject) => {
      const limit = setTimeout(() => reject(new Error(`invocation ${id} did not settle within ${limitMs} ms (deadline ${remainingMs} ms)`)), limitMs);
      pending = { id, out: false, err: false, done: (value) => (clearTimeout(limit), resolve(value)) };
      child.send(invokeOptions.eventJson === undefined ? { id, event, remainingMs, graceMs: invokeOptions.graceMs ?? 0 } : { id, eventJson: invokeOptions.eventJson, remainingMs, graceMs: invokeOptions.graceMs ?? 0 });
    });
  };
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
  };
  return { loadMs, invoke, stop };
}

export { startLambda };
export type { Invocation, InvocationReport, InvokeOptions, Lambda, Outgoing };
