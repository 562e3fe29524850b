/**
 * A simulated Lambda container: one child process running the built bundle, invoked one event
 * at a time like Lambda does, killed (and reported) when an invocation outlives the function's
 * timeout. Every stdout line is kept; `crkit.signal` records are handed to `onSignal`.
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** How one invocation ended. */
type InvokeResult =
  | { readonly kind: 'returned'; readonly result: unknown; readonly ms: number }
  | { readonly kind: 'threw'; readonly error: string; readonly ms: number }
  | { readonly kind: 'timed-out'; readonly ms: number }
  | { readonly kind: 'crashed'; readonly error: string; readonly ms: number };

type ContainerOptions = {
  /** The compiled runtime (see lambda-runtime.ts). */
  readonly runtime: string;
  /** The bundle exporting `handler`. */
  readonly bundle: string;
  readonly env: Readonly<Record<string, string>>;
  /** Each stdout or stderr line. */
  readonly onLine: (line: string, stream: 'stdout' | 'stderr') => void;
};

/** A started container. */
type Container = {
  readonly id: number;
  /** Init time of the bundle (cold start), ms. */
  readonly initMs: number;
  busy: boolean;
  /** False once the process is gone (killed at a timeout, or crashed). */
  alive(): boolean;
  invoke(event: unknown, timeoutMs: number): Promise<InvokeResult>;
  stop(): void;
};

let counter = 0;

function waitReady(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the handler process exited during init (code ${String(code)})`)));
    child.on('message', (message: { kind?: string; initMs?: number; error?: string }) => {
      if (message.kind === 'ready') resolve(message.initMs ?? 0);
      if (message.kind === 'init-failed') reject(new Error(`the bundle failed to load: ${message.error ?? 'unknown error'}`));
    });
  });
}

/**
 * Starts a container and waits for its init phase.
 * @example
 * const container = await startContainer({ runtime, bundle: 'dist/handler.mjs', env, onLine: console.log });
 * const result = await container.invoke(request, 120_000);
 */
async function startContainer(options: ContainerOptions): Promise<Container> {
  counter += 1;
  const child = fork(options.runtime, [options.bundle], { env: { ...options.env }, stdio: ['ignore', 'pipe', 'pipe', 'ipc'], execArgv: [] });
  createInterface({ input: child.stdout! }).on('line', (line) => options.onLine(line, 'stdout'));
  createInterface({ input: child.stderr! }).on('line', (line) => options.onLine(line, 'stderr'));
  let next = 0;
  const initMs = await waitReady(child);
  const container: Container = {
    id: counter,
    initMs,
    busy: false,
    alive: () => child.exitCode === null && child.signalCode === null && !child.killed,
    invoke: (event, timeoutMs) =>
      new Promise<InvokeResult>((resolve) => {
        const id = (next += 1);
        const started = Date.now();
        container.busy = true;
        const finish = (result: InvokeResult) => {
          clearTimeout(timer);
          child.off('message', onMessage);
          child.off('exit', onExit);
          container.busy = false;
          resolve(result);
        };
        const onMessage = (message: { id?: number; kind?: string; result?: unknown; error?: string }) => {
          if (message.id !== id) return;
          const ms = Date.now() - started;
          finish(message.kind === 'returned' ? { kind: 'returned', result: message.result, ms } : { kind: 'threw', error: message.error ?? '', ms });
        };
        const onExit = (code: number | null) => finish({ kind: 'crashed', error: `the process exited (code ${String(code)})`, ms: Date.now() - started });
        // Lambda stops the invocation at its timeout and throws the container away.
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          finish({ kind: 'timed-out', ms: Date.now() - started });
        }, timeoutMs);
        child.on('message', onMessage);
        child.once('exit', onExit);
        child.send({ id, event, timeoutMs });
      }),
    stop: () => {
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
  return container;
}

export { startContainer };
export type { Container, ContainerOptions, InvokeResult };
