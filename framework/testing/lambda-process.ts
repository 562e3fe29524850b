/**
 * A Lambda-like child process running a built bundle: the bundle is loaded once (the init phase),
 * then invoked one event at a time; an invocation that outlives its limit is killed with the
 * process, as Lambda does. Every stdout and stderr line is captured per invocation (and can be
 * streamed as it comes).
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { childScriptPath } from './child-script.js';

/** Outgoing traffic the child saw the bundle start. */
type Outgoing = {
  readonly kind: 'http' | 'socket';
  readonly host: string;
  readonly port?: number;
  readonly method?: string;
  readonly path?: string;
};

/** What one invocation did. */
type ProcessInvocation = {
  /**
   * How the handler's promise settled, or `timed-out` (killed at the limit) or `crashed` (the
   * process died).
   */
  readonly settled: 'resolved' | 'rejected' | 'timed-out' | 'crashed';
  /** The value returned, or the error as `Name: message`, or what happened to the process. */
  readonly value: unknown;
  readonly ms: number;
  /** Active resources (by type) present once the promise settled that were not there before. */
  readonly leftAtSettle: Readonly<Record<string, number>>;
  readonly leftAfterGrace: Readonly<Record<string, number>>;
  readonly unhandled: readonly string[];
  readonly uncaught: readonly string[];
  readonly outgoing: readonly Outgoing[];
  readonly stdout: readonly string[];
  readonly stderr: readonly string[];
};

/** How to invoke. */
type ProcessInvokeOptions = {
  /** What `getRemainingTimeInMillis()` starts from. @default 15000 */
  readonly remainingMs?: number;
  /**
   * How long to keep watching for late rejections and handles after the promise settles. @default 0
   */
  readonly graceMs?: number;
  /**
   * When the process is killed, after the invocation started. @default remainingMs + graceMs, as
   * Lambda does
   */
  readonly killAfterMs?: number;
  /** The event as JSON text, parsed by the child: for an event nested too deep for IPC. */
  readonly eventJson?: string;
};

/** How to start the process. */
type LambdaProcessOptions = {
  /** The bundle exporting `handler`. */
  readonly bundle: string;
  /** The whole environment of the process (see `lambdaEnvironment`). */
  readonly env: Readonly<Record<string, string>>;
  /** Each stdout or stderr line as it arrives. */
  readonly onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** The node binary to run, e.g. one of Lambda's major version. @default this process's */
  readonly execPath?: string;
};

/** A started process. */
type LambdaProcess = {
  /** Init time of the bundle (cold start), ms. */
  readonly loadMs: number;
  /** True while an invocation runs. */
  busy(): boolean;
  /** False once the process is gone (killed at a limit, or crashed). */
  alive(): boolean;
  invoke(event: unknown, options?: ProcessInvokeOptions): Promise<ProcessInvocation>;
  stop(): Promise<void>;
};

type Report = Omit<ProcessInvocation, 'stdout' | 'stderr'> & { readonly id: number };
type Pending = {
  readonly id: number;
  report?: Report;
  out: boolean;
  err: boolean;
  readonly done: (report: Report) => void;
};

const sentinelPrefix = '{"type":"crkit.testing.sentinel"';
const nothingLeft = {
  leftAtSettle: {},
  leftAfterGrace: {},
  unhandled: [],
  uncaught: [],
  outgoing: [],
};

function waitReady(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`the Lambda process exited (code ${String(code)}) before it was ready`)),
    );
    child.once('message', (message: { loadError?: string | null; loadMs?: number }) => {
      if (typeof message.loadError === 'string')
        reject(new Error(`the bundle failed to load: ${message.loadError}`));
      else resolve(message.loadMs ?? 0);
    });
  });
}

/**
 * Starts a process on a bundle and waits for its init phase.
 * @example
 * const lambda = await startLambdaProcess({
 *   bundle: 'dist/handler.mjs', env: lambdaEnvironment({}),
 * });
 * const run = await lambda.invoke(request, { remainingMs: 5000 });
 * await lambda.stop();
 */
async function startLambdaProcess(options: LambdaProcessOptions): Promise<LambdaProcess> {
  const child = fork(await childScriptPath(), [options.bundle], {
    env: { ...options.env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    execArgv: [],
    execPath: options.execPath ?? process.execPath,
  });
  let stdout: string[] = [];
  let stderr: string[] = [];
  let pending: Pending | undefined;
  let nextId = 0;
  const finish = (): void => {
    if (pending?.report === undefined || !pending.out || !pending.err) return;
    const current = pending;
    pending = undefined;
    current.done(current.report as Report);
  };
  const onLine = (stream: 'stdout' | 'stderr') => (line: string) => {
    if (!line.startsWith(sentinelPrefix)) {
      (stream === 'stdout' ? stdout : stderr).push(line);
      return options.onLine?.(line, stream);
    }
    if (pending === undefined) return;
    if (stream === 'stdout') pending.out = true;
    else pending.err = true;
    finish();
  };
  if (child.stdout === null || child.stderr === null) {
    child.kill();
    throw new Error('the Lambda process has no stdout or stderr pipe');
  }
  createInterface({ input: child.stdout }).on('line', onLine('stdout'));
  createInterface({ input: child.stderr }).on('line', onLine('stderr'));
  const loadMs = await waitReady(child);
  child.on('message', ({ kind: _kind, ...report }: Report & { kind?: string }) => {
    if (pending !== undefined && report.id === pending.id) {
      pending.report = report;
      finish();
    }
  });
  const alive = () => child.exitCode === null && child.signalCode === null && !child.killed;

  const invoke = (
    event: unknown,
    invokeOptions: ProcessInvokeOptions = {},
  ): Promise<ProcessInvocation> => {
    if (pending !== undefined)
      return Promise.reject(new Error('one invocation at a time, as in Lambda'));
    const remainingMs = invokeOptions.remainingMs ?? 15_000;
    const graceMs = invokeOptions.graceMs ?? 0;
    nextId += 1;
    const id = nextId;
    const started = Date.now();
    stdout = [];
    stderr = [];
    return new Promise<ProcessInvocation>((resolve) => {
      const settle = (report: Omit<Report, 'id'>) => {
        clearTimeout(limit);
        child.off('exit', onExit);
        pending = undefined;
        resolve({ ...report, stdout, stderr });
      };
      const ended = (settled: 'crashed' | 'timed-out', value: string) =>
        settle({ settled, value, ms: Date.now() - started, ...nothingLeft });
      const onExit = (code: number | null) =>
        ended('crashed', `the process exited (code ${String(code)})`);
      const limitMs = invokeOptions.killAfterMs ?? remainingMs + graceMs;
      const limit = setTimeout(() => {
        child.kill('SIGKILL');
        ended('timed-out', `killed after ${limitMs} ms (deadline ${remainingMs} ms)`);
      }, limitMs);
      child.once('exit', onExit);
      pending = { id, out: false, err: false, done: ({ id: _id, ...report }) => settle(report) };
      const { eventJson } = invokeOptions;
      child.send(
        eventJson === undefined
          ? { id, event, remainingMs, graceMs }
          : { id, eventJson, remainingMs, graceMs },
      );
    });
  };

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
  };
  return { loadMs, busy: () => pending !== undefined, alive, invoke, stop };
}

export { startLambdaProcess };
export type {
  LambdaProcess,
  LambdaProcessOptions,
  Outgoing,
  ProcessInvocation,
  ProcessInvokeOptions,
};
