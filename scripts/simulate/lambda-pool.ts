/**
 * The simulated Lambda function: a pool of containers (a busy container makes Lambda start
 * another, cold), the function's timeout, and the log stream. Signal records are appended to
 * `signals.jsonl` and every other line to `lambda.log` in the run folder.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { startContainer } from './lambda-container.js';
import type { Container, InvokeResult } from './lambda-container.js';

/** The fields of a `crkit.signal` record the simulator reads. */
type SignalLine = {
  readonly requestId: string;
  readonly logicalResourceId: string;
  readonly requestType: string;
  readonly action: string | undefined;
  readonly status: string;
  readonly physicalResourceId: string;
  readonly duplicate: boolean;
  readonly awsCalls: readonly { readonly operation: string; readonly httpStatus?: number; readonly errorCode?: string }[];
  readonly [key: string]: unknown;
};

/** An invocation's end, with the container that ran it. */
type Invocation = InvokeResult & { readonly containerId: number; readonly cold: boolean; readonly initMs: number };

type PoolOptions = {
  readonly runtime: string;
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
  invoke(event: unknown, options?: { readonly fresh?: boolean; readonly timeoutMs?: number }): Promise<Invocation>;
  /** Invocations still running. */
  inFlight(): number;
  readonly signals: SignalLine[];
  stop(): void;
};

/**
 * Starts an empty pool; containers start on first use.
 * @example
 * const lambda = createLambdaPool({ runtime, bundle, env, timeoutMs: 120_000, runDir });
 */
function createLambdaPool(options: PoolOptions): LambdaPool {
  const containers: Container[] = [];
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
    appendFileSync(join(options.runDir, 'lambda.log'), `${stream === 'stderr' ? '[stderr] ' : ''}${line}\n`);
  };
  const acquire = async (fresh: boolean): Promise<{ container: Container; cold: boolean }> => {
    const idle = fresh ? undefined : containers.find((container) => !container.busy && container.alive());
    if (idle !== undefined) return { container: idle, cold: false };
    const container = await startContainer({ runtime: options.runtime, bundle: options.bundle, env: options.env, onLine });
    containers.push(container);
    return { container, cold: true };
  };
  return {
    invoke: async (event, invokeOptions = {}) => {
      running += 1;
      try {
        const { container, cold } = await acquire(invokeOptions.fresh === true);
        container.busy = true;
        const result = await container.invoke(event, invokeOptions.timeoutMs ?? options.timeoutMs);
        return { ...result, containerId: container.id, cold, initMs: cold ? container.initMs : 0 };
      } finally {
        running -= 1;
      }
    },
    inFlight: () => running,
    signals,
    stop: () => containers.forEach((container) => container.stop()),
  };
}

export { createLambdaPool };
export type { Invocation, LambdaPool, SignalLine };
