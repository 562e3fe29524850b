/**
 * One measured process: spawned with Lambda's environment, timed from outside from spawn to
 * exit, its stdout (the handler's logs) read and thrown away as Lambda's log capture would, and
 * its result line read from fd 3.
 */
import { spawn } from 'node:child_process';
import type { RunnerConfig, RunnerResult } from './runner.js';

/** How one process went. */
type ProcessRun = {
  readonly wallMs: number;
  /** The runner's report; undefined for a bare `node -e ''`. */
  readonly result: RunnerResult | undefined;
  /** Bytes the process wrote to stdout (its logs). */
  readonly stdoutBytes: number;
};

/**
 * Spawns `node <args>` and waits for it to exit; rejects if it fails.
 * @example
 * const run = await runNode(['-e', ''], env);
 */
function runNode(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  node: string = process.execPath,
  timeoutMs = 120_000,
): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(node, args, { env, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    let wallMs = 0;
    let stdoutBytes = 0;
    let stderr = '';
    let report = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', () => (wallMs = Number(process.hrtime.bigint() - started) / 1e6));
    child.stdout?.on('data', (chunk: Buffer) => (stdoutBytes += chunk.length));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    (child.stdio[3] as NodeJS.ReadableStream | null)?.on(
      'data',
      (chunk: Buffer) => (report += chunk.toString()),
    );
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const result =
        report.trim() === ''
          ? undefined
          : (JSON.parse(report.trim().split('\n').at(-1) ?? '{}') as RunnerResult);
      if (code !== 0 || result?.error !== undefined) {
        reject(
          new Error(
            (
              `node ${args[0] ?? ''} ${signal ?? `exited ${code}`}: ${result?.error ?? ''} ` +
              `${stderr.trim().slice(-2000)}`
            ).trim(),
          ),
        );
      } else resolve({ wallMs, result, stdoutBytes });
    });
  });
}

/**
 * Runs the bench runner with one configuration.
 * @example
 * const run = await runRunner('.crkit/bench/tools/runner.mjs', config, env);
 */
function runRunner(
  runnerPath: string,
  config: RunnerConfig,
  env: NodeJS.ProcessEnv,
  node: string = process.execPath,
): Promise<ProcessRun> {
  return runNode([runnerPath, JSON.stringify(config)], env, node);
}

export { runNode, runRunner };
export type { ProcessRun };
