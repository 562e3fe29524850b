/**
 * `npm run bench`: builds, then measures (a) crkit's framework with a no-op resource type and
 * (b) the full Lambda bundle creating a placement group, each paired with its floor: cold
 * (process start → one Create answered → exit), warm (N Create/Update/Delete in one process),
 * peak RSS and bundle bytes; then what confirming requests with CloudFormation and signing
 * continuations cost. Prints the tables and writes them to <out>/latest.md and .json.
 *
 *   npm run bench -- [--cold-runs 20] [--warm-runs 5] [--events 1000] [--only a|b] [--sns] [--out .crkit/bench]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { execFileSync } from 'node:child_process';
import { buildBench } from './build.js';
import { ensureCert } from './certs.js';
import { lambdaEnv } from './lambda-env.js';
import { coldPairs, warmPairs } from './pairs.js';
import { coldTable, sizeTable, targetTable, warmTable } from './report.js';
import { placementGroupRegistered, scenarios } from './scenarios.js';
import type { ScenarioId } from './scenarios.js';
import { startResponseServer, startStandinServer } from './servers.js';
import type { ServerProcess } from './servers.js';
import { targetsOf } from './targets.js';
import type { ScenarioResult } from './targets.js';

type BenchOptions = {
  readonly coldRuns: number;
  readonly warmRuns: number;
  readonly events: number;
  readonly only: ScenarioId | undefined;
  readonly sns: boolean;
  readonly out: string;
  /** The node binary of the measured processes (Lambda runs nodejs24.x). @default this node */
  readonly node: string;
};

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

function options(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      'cold-runs': { type: 'string', default: '20' },
      'warm-runs': { type: 'string', default: '5' },
      events: { type: 'string', default: '1000' },
      only: { type: 'string' },
      sns: { type: 'boolean', default: false },
      out: { type: 'string', default: '.crkit/bench' },
      node: { type: 'string' },
    },
  });
  const count = (name: string, value: string): number => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`--${name} must be a whole number ≥ 1, got ${value}`);
    return parsed;
  };
  if (values.only !== undefined && values.only !== 'a' && values.only !== 'b') throw new Error('--only must be a or b');
  return {
    coldRuns: count('cold-runs', values['cold-runs']),
    warmRuns: count('warm-runs', values['warm-runs']),
    events: count('events', values.events),
    only: values.only,
    sns: values.sns,
    out: resolve(root, values.out),
    node: values.node === undefined ? process.execPath : resolve(values.node),
  };
}

/** The version of the node binary the measured processes run on. */
function measuredNode(opts: BenchOptions): string {
  return opts.node === process.execPath ? process.version : execFileSync(opts.node, ['--version'], { encoding: 'utf8' }).trim();
}

function machine(opts: BenchOptions): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const load = os.loadavg().map((value) => value.toFixed(1)).join(' ');
  return `${os.cpus().length} × ${cpu.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, measured on Node ${measuredNode(opts)}, ${os.platform()} ${os.release()}, load average ${load} at the end`;
}

async function main(): Promise<void> {
  const opts = options(process.argv.slice(2));
  const progress = (line: string): void => void process.stderr.write(`\r${line}      `);
  let ids: ScenarioId[] = opts.only === undefined ? ['a', 'b'] : [opts.only];
  if (ids.includes('b') && !placementGroupRegistered()) {
    process.stderr.write('(b) skipped: handlers/resources/index.ts does not list Custom::PlacementGroup yet\n');
    ids = ids.filter((id) => id !== 'b');
  }
  await mkdir(opts.out, { recursive: true });
  const cert = ensureCert(opts.out);
  const names = ids.flatMap((id) => [scenarios[id].subject, scenarios[id].floor]);
  progress('building…');
  const built = await buildBench(names, opts.out);
  const server = await startResponseServer(built.tools, cert);
  const standin: ServerProcess<{ readonly url: string }> | undefined = ids.includes('b') ? await startStandinServer(built.tools) : undefined;
  const results: ScenarioResult[] = [];
  try {
    for (const id of ids) {
      const scenario = scenarios[id];
      const awsEndpoint = scenario.usesStandin && standin !== undefined ? standin.info.url : server.info.httpOrigin;
      const modules = { subject: built.bundles[scenario.subject]?.handlerPath ?? '', floor: built.bundles[scenario.floor]?.handlerPath ?? '' };
      const env = lambdaEnv({ caCert: cert.cert, responseOrigin: server.info.httpsOrigin, awsEndpoint });
      const context = { runnerPath: join(built.tools, 'runner.mjs'), node: opts.node, modules, env, sns: opts.sns, server, standinOrigin: standin?.info.url, progress };
      const cold = await coldPairs(context, scenario, opts.coldRuns);
      const warm = await warmPairs(context, scenario, opts.warmRuns, opts.events);
      results.push({ scenario, cold, warm, sizes: { subject: built.bundles[scenario.subject]?.size, floor: built.bundles[scenario.floor]?.size } });
    }
  } finally {
    server.stop();
    standin?.stop();
  }
  process.stderr.write('\r');
  progress('measuring what the forged-message defences cost…');
  const security = execFileSync(opts.node, ['--import', 'tsx', join(root, 'scripts/bench/security-costs.ts')], { encoding: 'utf8', env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } });
  process.stderr.write('\r');
  const markdown = `${render(opts, results, built.bundles)}\n### What the defences against forged messages cost\n\n${security}`;
  await writeFile(join(opts.out, 'latest.md'), markdown);
  await writeFile(join(opts.out, 'latest.json'), JSON.stringify({ machine: machine(opts), options: opts, results }, null, 2));
  process.stdout.write(markdown);
}

function render(opts: BenchOptions, results: readonly ScenarioResult[], bundles: Awaited<ReturnType<typeof buildBench>>['bundles']): string {
  const parts = [
    `Machine: ${machine(opts)}. ${new Date().toISOString()}.`,
    `Cold: ${opts.coldRuns} runs of each process, paired; warm: ${opts.warmRuns} processes of each, ${opts.events} events each, paired${opts.sns ? '; every request SNS-wrapped' : ''}. Cells: median (min–max).\n`,
  ];
  for (const { scenario, cold, warm } of results) {
    const subject = scenario.id === 'a' ? 'crkit no-op' : 'crkit dist/handler.mjs';
    const floor = scenario.id === 'a' ? 'floor' : 'SDK floor';
    parts.push(`### ${scenario.title}\n`, `Cold: process start → one Create answered → exit\n`, coldTable(subject, floor, cold));
    parts.push(`Warm: ${opts.events} events per process, Create/Update/Delete in turn\n`, warmTable(subject, floor, warm));
    const runs = [...cold.flatMap((s) => [s.floor, s.subject]), ...warm.flatMap((s) => [s.floor, s.subject])];
    const lingering = runs.filter((run) => run.result?.lingeringMs !== undefined).length;
    if (lingering > 0) parts.push(`**${lingering} process(es) did not exit by themselves after the last answer** (an open handle); they were ended after 2 s, which their wall time includes.\n`);
  }
  const sizes = Object.fromEntries(Object.entries(bundles).map(([name, bundle]) => [name, bundle.size]));
  parts.push('### Size\n', sizeTable(sizes), '### Targets\n', targetTable(targetsOf(results, bundles.handler?.size)));
  return `${parts.join('\n')}`;
}

main().catch((error: unknown) => {
  process.stderr.write(`\nbench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
