/**
 * Builds everything the benchmark runs: the Lambda bundle (dist/, as `npm run build` does), the
 * no-op bench entry and the floors (each with the same `bundleHandler` options, into its own
 * folder), and the bench tools (runner, response server, stand-in) as plain node scripts.
 */
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { bundleHandler } from '../build.js';

/** Sizes of one bundle folder. */
type BundleSize = {
  /** handler.mjs alone. */
  readonly entryBytes: number;
  /** Every .mjs file: the entry and its lazily loaded chunks. */
  readonly allBytes: number;
  readonly files: number;
  readonly zipBytes: number | undefined;
};

/** A built bundle. */
type Bundle = { readonly handlerPath: string; readonly size: BundleSize };

/** The bundles of the selected scenarios and the tools' folder. */
type BenchBuild = { readonly bundles: Readonly<Record<string, Bundle>>; readonly tools: string };

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** Bundle entries by name; `handler` is the Lambda bundle itself, built into dist/. */
const entries: Readonly<Record<string, string>> = {
  handler: 'handlers/entry.ts',
  noop: 'scripts/bench/noop-entry.ts',
  floor: 'scripts/bench/floors/plain.ts',
  'floor-sdk': 'scripts/bench/floors/sdk.ts',
};

async function bundle(name: string, outdir: string): Promise<Bundle> {
  const entry = entries[name];
  if (entry === undefined) throw new Error(`no bench bundle named ${name}`);
  const result = await bundleHandler({ entry, outdir });
  const scripts = result.files.filter((file) => file.endsWith('.mjs'));
  const sizes = await Promise.all(scripts.map(async (file) => (await stat(file)).size));
  const size = {
    entryBytes: (await readFile(result.handlerPath)).length,
    allBytes: sizes.reduce((sum, bytes) => sum + bytes, 0),
    files: scripts.length,
    zipBytes: result.zipBytes,
  };
  return { handlerPath: result.handlerPath, size };
}

async function buildTools(outdir: string): Promise<void> {
  await build({
    entryPoints: ['runner', 'response-server', 'standin-server'].map((name) =>
      join(root, 'scripts/bench', `${name}.ts`),
    ),
    outdir,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outExtension: { '.js': '.mjs' },
    logLevel: 'warning',
  });
}

/**
 * Builds the named bundles (in turn: esbuild is already parallel) and the tools.
 * @example
 * const { bundles, tools } = await buildBench(['noop', 'floor'], '.crkit/bench');
 */
async function buildBench(names: readonly string[], outdir: string): Promise<BenchBuild> {
  const bundles: Record<string, Bundle> = {};
  for (const name of names)
    bundles[name] = await bundle(
      name,
      name === 'handler' ? join(root, 'dist') : join(outdir, name),
    );
  const tools = join(outdir, 'tools');
  await buildTools(tools);
  return { bundles, tools };
}

export { buildBench };
export type { BenchBuild, Bundle, BundleSize };
