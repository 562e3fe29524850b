/**
 * The simulated Lambda function: a pool of containers (a busy container makes Lambda start
 * another, cold), the function's timeout, and the log stream. Signal records are appended to
 * `signals.jsonl` and every other line to `lambda.log` in the run folder.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLambdaProcess } from '../../framework/testing/index.js';
import type { LambdaProcess, ProcessInvocation } from '../../framework/testing/index.js';

/** The fields of a `crkit.signal` record the simulator reads. */
type SignalLine = {
  readonly requestId: string;
  readonly logicalResourceId: string;
  readonly requestType: string;
  readonly action: string | undefined;
  readonly status: string;
  readonly physicalResourceId: string;
  readonly duplicate: boolean;
  readonly awsCalls: readonly {
    readonly operation: string;
    readonly httpStatus?: number;
    readonly errorCode?: string;
  }[];
  readonly [key: string]: unknown;
};

/** How one invocation ended. */
type InvokeResult =
  | { readonly kind: 'returned'; readonly result: unknown; readonly ms: number }
  | { readonly kind: 'threw'; readonly error: string; readonly ms: number }
  | { readonly kind: 'timed-out'; readonly ms: number }
  | { readonly kind: 'crashed'; readonly error: string; readonly ms: number };

/** A started container: one Lambda-like process. */
type Container = { readonly id: number; readonly process: LambdaProcess };

/** An invocation's end, with the container that ran it. */
type Invocation = InvokeResult & {
  readonly containerId: number;
  readonly cold: boolean;
  readonly initMs: number;
};

type PoolOptions = {
  readonly bundle: string;
  readonly env: Readonly<Record<string, string>>;
  /** The function's timeout, ms. */
  readonly timeoutMs: number;
  /** Folder for signals.jsonl and lambda.log. */
  readonly runDir: string;
};

/** A running function. */
type LambdaPool = {
  /** Invokes on an idle warm container, or a new one (always new with `fresh`). */
  invoke(
    event: unknown,
    options?: { readonly fresh?: boolean; readonly timeoutMs?: number },
  ): Promise<Invocation>;
  /** Invocations still running. */
  inFlight(): number;
  readonly signals: SignalLine[];
  stop(): void;
};

function resultOf(run: ProcessInvocation): InvokeResult {
  if (run.settled === 'resolved') return { kind: 'returned', result: run.value, ms: run.ms };
  if (run.settled === 'timed-out') return { kind: 'timed-out', ms: run.ms };
  return {
    kind: run.settled === 'rejected' ? 'threw' : 'crashed',
    error: String(run.value),
    ms: run.ms,
  };
}

let counter = 0;

/**
 * Starts an empty pool; containers start on first use.
 * @example
 * const lambda = createLambdaPool({ bundle, env, timeoutMs: 120_000, runDir });
 */
function createLambdaPool(options: PoolOptions): LambdaPool {
  const containers: Container[] = [];
  const busy = new Set<number>();
  const signals: SignalLine[] = [];
  let running = 0;
  const onLine = (line: string, stream: 'stdout' | 'stderr') => {
    if (stream === 'stdout' && line.includes('"crkit.signal"')) {
      try {
        signals.push(JSON.parse(line) as SignalLine);
        appendFileSync(join(options.runDir, 'signals.jsonl'), `${line}\n`);
        return;
      } catch {
        // Not JSON after all: keep it with the other lines.
      }
    }
    appendFileSync(
      join(options.runDir, 'lambda.log'),
      `${stream === 'stderr' ? '[stderr] ' : ''}${line}\n`,
    );
  };
  const acquire = async (fresh: boolean): Promise<{ container: Container; cold: boolean }> => {
    const idle = fresh
      ? undefined
      : containers.find((container) => !busy.has(container.id) && container.process.alive());
    if (idle !== undefined) {
      busy.add(idle.id);
      return { container: idle, cold: false };
    }
    counter += 1;
    const container = {
      id: counter,
      process: await startLambdaProcess({ bundle: options.bundle, env: options.env, onLine }),
    };
    containers.push(container);
    busy.add(container.id);
    return { container, cold: true };
  };
  return {
    invoke: async (event, invokeOptions = {}) => {
      running += 1;
      try {
        const { container, cold } = await acquire(invokeOptions.fresh === true);
        try {
          // Lambda stops an invocation at the function's timeout and throws the container away.
          const run = await container.process.invoke(event, {
            remainingMs: invokeOptions.timeoutMs ?? options.timeoutMs,
          });
          return {
            ...resultOf(run),
            containerId: container.id,
            cold,
            initMs: cold ? container.process.loadMs : 0,
          };
        } finally {
          busy.delete(container.id);
        }
      } finally {
        running -= 1;
      }
    },
    inFlight: () => running,
    signals,
    stop: () => containers.forEach((container) => void container.process.stop()),
  };
}

export { createLambdaPool };
export type { Invocation, InvokeResult, LambdaPool, SignalLine };
