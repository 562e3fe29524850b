/**
 * `npm run build`: bundles the Lambda entry into dist/handler.mjs (ESM, SDK bundled from its
 * ES module build; lazily imported modules become chunks) and zips dist/ into dist/handler.zip
 * for Lambda (handler `handler.handler`). The SDK must be bundled from `module` first: its CJS
 * build, bundled into ESM, throws "Dynamic require of node:https" under a real ESM import.
 */
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Plugin } from 'esbuild';
import { zipSync } from 'fflate';

type BundleOptions = {
  /** The TypeScript entry exporting `handler`. */
  readonly entry: string;
  /** Output folder; emptied first. */
  readonly outdir: string;
  /** Also write handler.zip. @default true */
  readonly zip?: boolean;
  /** esbuild plugins (tests build variants with a protection removed). @default [] */
  readonly plugins?: readonly Plugin[];
};

type BundleResult = { readonly handlerPath: string; readonly zipPath: string | undefined; readonly files: readonly string[]; readonly zipBytes: number | undefined };

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/**
 * Bundles one entry for Lambda.
 * @example
 * await bundleHandler({ entry: 'handlers/entry.ts', outdir: 'dist' });
 */
async function bundleHandler(options: BundleOptions): Promise<BundleResult> {
  const outdir = resolve(root, options.outdir);
  await rm(outdir, { recursive: true, force: true });
  await build({
    entryPoints: { handler: resolve(root, options.entry) },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    mainFields: ['module', 'main'],
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [...(options.plugins ?? [])],
  });
  const files = await listFiles(outdir);
  if (options.zip === false) return { handlerPath: join(outdir, 'handler.mjs'), zipPath: undefined, files, zipBytes: undefined };
  const contents: Record<string, Uint8Array> = {};
  for (const file of files.sort()) contents[relative(outdir, file).split('\\').join('/')] = await readFile(file);
  const zipped = zipSync(contents, { level: 9, mtime: new Date('2026-01-01T00:00:00Z') });
  const zipPath = join(outdir, 'handler.zip');
  await writeFile(zipPath, zipped);
  return { handlerPath: join(outdir, 'handler.mjs'), zipPath, files, zipBytes: zipped.length };
}

async function main(): Promise<void> {
  const result = await bundleHandler({ entry: 'handlers/entry.ts', outdir: 'dist' });
  const bytes = (await readFile(result.handlerPath)).length;
  process.stdout.write(`built ${relative(root, result.handlerPath)} (${bytes} B, ${result.files.length} files) and ${relative(root, result.zipPath ?? '')} (${result.zipBytes} B)\n`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`build failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}

export { bundleHandler };
export type { BundleOptions, BundleResult };
