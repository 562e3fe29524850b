/**
 * The readiness-lag rows of `npm run bench`: how long after an image becomes ready the
 * `Custom::SriovAmiRegistration` Create is answered, with the Describe calls and continuation
 * hand-overs the wait took, for images ready after 1 s, 30 s and 5 min. Short rows run in real
 * time and again time-lapsed (every clock of the driver and its handler processes k× faster), so
 * the two can be compared; the 5 min row runs time-lapsed only.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { looksUntilReady } from '../../../framework/long-operations/poll-schedule.js';
import { ensureBundle } from '../../simulate/bundle.js';
import { formatSummary, summarise } from '../stats.js';
import type { LagDriverConfig, LagSample } from './driver.js';

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

/** Runs a driver, its progress shown on stderr; resolves with its stdout. */
function run(node: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(node, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolvePromise(stdout)
        : reject(new Error(`the readiness-lag driver exited with ${String(code)}`)),
    );
  });
}

/** How to measure. */
type LagOptions = {
  /** The node binary of the driver and the handler processes. */
  readonly node: string;
  readonly out: string;
  /** Creates per row. */
  readonly runs: number;
  /** The time-lapse factor. */
  readonly scale: number;
  /** The function's timeout (the handler stack's default: 120 s). */
  readonly lambdaTimeoutMs: number;
};

/** One row: a readiness, a clock, its samples. */
type LagRow = {
  readonly readyAfterMs: number;
  readonly factor: number;
  readonly samples: readonly LagSample[];
};

/** Readiness of the rows measured in real time too, and of those measured time-lapsed only. */
const RealTimeReadiness = [1_000, 30_000] as const;
const TimeLapsedReadiness = [1_000, 30_000, 300_000] as const;

async function buildPreload(outdir: string): Promise<string> {
  const outfile = join(outdir, 'timelapse.mjs');
  await build({
    entryPoints: [join(root, 'scripts/bench/lag/timelapse.ts')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
  return outfile;
}

async function drive(
  options: LagOptions,
  config: LagDriverConfig,
  factor: number,
): Promise<LagRow[]> {
  const preload = factor === 1 ? [] : ['--import', pathToFileURL(config.preload).href];
  const env = {
    ...process.env,
    CRKIT_TIMELAPSE_FACTOR: String(factor),
    CRKIT_TIMELAPSE_ORIGIN: String(Date.now()),
  };
  const args = [
    '--import',
    'tsx',
    ...preload,
    join(root, 'scripts/bench/lag/driver.ts'),
    JSON.stringify(config),
  ];
  const stdout = await run(options.node, args, env);
  const samples = JSON.parse(stdout.trim().split('\n').at(-1) ?? '[]') as LagSample[];
  return config.readyAfterMs.map((readyAfterMs) => ({
    readyAfterMs,
    factor,
    samples: samples.filter((sample) => sample.readyAfterMs === readyAfterMs),
  }));
}

/**
 * Measures every row: real time first, then time-lapsed.
 * @example
 * const rows = await measureLag({ node: process.execPath, out: '.crkit/bench', runs: 3, scale: 10,
 *   lambdaTimeoutMs: 120_000 });
 */
async function measureLag(options: LagOptions): Promise<LagRow[]> {
  const runDir = join(options.out, 'lag');
  const bundle = await ensureBundle({ outdir: join(runDir, 'bundle') });
  const preload = await buildPreload(runDir);
  const config = (readyAfterMs: readonly number[]): LagDriverConfig => ({
    bundle: bundle.path,
    preload,
    readyAfterMs,
    runs: options.runs,
    lambdaTimeoutMs: options.lambdaTimeoutMs,
    runDir,
  });
  const real = await drive(options, config(RealTimeReadiness), 1);
  const lapsed = await drive(options, config(TimeLapsedReadiness), options.scale);
  return [...real, ...lapsed];
}

const cell = (values: readonly (number | undefined)[], scale = 1, decimals = 0): string =>
  formatSummary(
    summarise(values.flatMap((value) => (value === undefined ? [] : [value / scale]))),
    decimals,
  );

const readiness = (ms: number): string => (ms >= 60_000 ? `${ms / 60_000} min` : `${ms / 1000} s`);

/**
 * The rows as a Markdown table. Cells: median (min–max) over the runs.
 * @example
 * process.stdout.write(lagTable(rows));
 */
function lagTable(rows: readonly LagRow[]): string {
  const lines = [
    '| image ready after | clock | runs | lag: answer − ready, ms | Describe calls | ' +
      'hand-overs | answered after, s | not SUCCESS |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const row of rows) {
    const failed = row.samples.filter((sample) => sample.result !== 'SUCCESS').length;
    const pace = row.factor === 1 ? 'real time' : `time-lapse ×${row.factor}`;
    lines.push(
      `| ${readiness(row.readyAfterMs)} | ${pace} | ${row.samples.length} ` +
        `| ${cell(row.samples.map((s) => s.lagMs))} ` +
        `| ${cell(row.samples.map((s) => s.describes))} ` +
        `| ${cell(row.samples.map((s) => s.handOvers))} ` +
        `| ${cell(
          row.samples.map((s) => s.answerMs),
          1000,
          1,
        )} | ${failed} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * What the framework's polling schedule predicts, with no time lost between looks: the looks a
 * wait makes and the lag of its last look, for the rows' readiness and for 1, 10 and 60 min.
 * @example
 * process.stdout.write(scheduleTable());
 */
function scheduleTable(): string {
  const lines = [
    '| resource ready after | looks (Describe calls) | lag of the last look, s |',
    '|---|---:|---:|',
  ];
  for (const readyAfterMs of [...TimeLapsedReadiness, 60_000, 600_000, 3_600_000]) {
    const looks = looksUntilReady(readyAfterMs);
    lines.push(
      `| ${readiness(readyAfterMs)} | ${looks.length} | ` +
        `${(((looks.at(-1) ?? readyAfterMs) - readyAfterMs) / 1000).toFixed(1)} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export { lagTable, measureLag, scheduleTable };
export type { LagOptions, LagRow };
