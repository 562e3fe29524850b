/**
 * `npm run bench`: builds, then measures (a) crkit's framework with a no-op resource type and
 * (b) the full Lambda bundle creating a placement group, each paired with its floor: cold
 * (process start → one Create answered → exit), warm (N Create/Update/Delete in one process),
 * peak RSS and bundle bytes; then what confirming requests with CloudFormation and signing
 * continuations cost; then the readiness lag of a wait on an image (scripts/bench/lag). Prints the
 * tables and writes them to <out>/latest.md and .json.
 *
 *   npm run bench -- [--cold-runs 20] [--warm-runs 5] [--events 1000] [--only a|b|lag] [--sns]
 *                    [--lag-runs 3] [--lag-scale 10] [--node FILE] [--out .crkit/bench]
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
import { lagTable, measureLag, scheduleTable } from './lag/rows.js';
import type { LagRow } from './lag/rows.js';
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
  /** One part only: a scenario, or the readiness lag. */
  readonly only: ScenarioId | 'lag' | undefined;
  readonly sns: boolean;
  readonly out: string;
  /** The node binary of the measured processes (Lambda runs nodejs24.x). @default this node */
  readonly node: string;
  /** Creates per readiness-lag row. */
  readonly lagRuns: number;
  /** How many times faster the time-lapsed readiness-lag rows run. */
  readonly lagScale: number;
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
      'lag-runs': { type: 'string', default: '3' },
      'lag-scale': { type: 'string', default: '10' },
    },
  });
  const count = (name: string, value: string): number => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`--${name} must be a whole number ≥ 1, got ${value}`);
    return parsed;
  };
  if (values.only !== undefined && values.only !== 'a' && values.only !== 'b' && values.only !== 'lag') throw new Error('--only must be a, b or lag');
  const lagScale = Number(values['lag-scale']);
  if (!Number.isFinite(lagScale) || lagScale < 1) throw new Error(`--lag-scale must be a number ≥ 1, got ${values['lag-scale']}`);
  return {
    coldRuns: count('cold-runs', values['cold-runs']),
    warmRuns: count('warm-runs', values['warm-runs']),
    events: count('events', values.events),
    only: values.only,
    sns: values.sns,
    out: resolve(root, values.out),
    node: values.node === undefined ? process.execPath : resolve(values.node),
    lagRuns: count('lag-runs', values['lag-runs']),
    lagScale,
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

/** Parts (a) and (b), and what the defences cost, as Markdown. */
async function measureScenarios(opts: BenchOptions, only: ScenarioId | undefined, progress: (line: string) => void): Promise<{ markdown: string; results: ScenarioResult[] }> {
  let ids: ScenarioId[] = only === undefined ? ['a', 'b'] : [only];
  if (ids.includes('b') && !placementGroupRegistered()) {
    process.stderr.write('(b) skipped: handlers/resources/index.ts does not list Custom::PlacementGroup yet\n');
    ids = ids.filter((id) => id !== 'b');
  }
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
  return { markdown: `${render(opts, results, built.bundles)}\n### What the defences against forged messages cost\n\n${security}`, results };
}

/** The readiness-lag rows, as Markdown. */
function renderLag(opts: BenchOptions, rows: readonly LagRow[]): string {
  return [
    '### Readiness lag: a Custom::SriovAmiRegistration Create waiting for its image\n',
    `Lag = the answer's arrival at the ResponseURL − the moment the stand-in made the image available; the Describe calls and continuation hand-overs of the wait. Function timeout 120 s, ServiceTimeout 3600 s, a warm container. ${opts.lagRuns} Creates per row; time-lapse: every clock and timer of the driver and the handler processes ×${opts.lagScale} (the handler's own processing time is stretched as much, so a time-lapsed lag reads about (k−1) × its per-look work longer). Cells: median (min–max).\n`,
    lagTable(rows),
    'The schedule in framework/poll-schedule.ts (`looksUntilReady`), in theory: counted from the first invocation, no time lost between looks.\n',
    scheduleTable(),
  ].join('\n');
}

async function main(): Promise<void> {
  const opts = options(process.argv.slice(2));
  const progress = (line: string): void => void process.stderr.write(`\r${line}      `);
  await mkdir(opts.out, { recursive: true });
  const started = new Date().toISOString();
  const scenariosMeasured = opts.only === 'lag' ? undefined : await measureScenarios(opts, opts.only, progress);
  const lag = opts.only === undefined || opts.only === 'lag' ? await measureLag({ node: opts.node, out: opts.out, runs: opts.lagRuns, scale: opts.lagScale, lambdaTimeoutMs: 120_000 }) : [];
  process.stderr.write('\r');
  const measured = scenariosMeasured ?? { markdown: `Machine: ${machine(opts)}. ${started}.\n`, results: [] };
  const markdown = lag.length === 0 ? measured.markdown : `${measured.markdown}\n${renderLag(opts, lag)}`;
  await writeFile(join(opts.out, 'latest.md'), markdown);
  await writeFile(join(opts.out, 'latest.json'), JSON.stringify({ machine: machine(opts), options: opts, results: measured.results, lag }, null, 2));
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
