/**
 * Bundling a Lambda entry (`crkit build`): the entry into handler.mjs (ESM, SDK bundled from its
 * ES module build; lazily imported modules become chunks), zipped into handler.zip for Lambda
 * (handler `handler.handler`). The SDK must be bundled from `module` first: its CJS build,
 * bundled into ESM, throws "Dynamic require of node:https" under a real ESM import.
 */
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { build } from 'esbuild';
import type { Plugin } from 'esbuild';
import { zipSync } from 'fflate';

type BundleOptions = {
  /**
   * The entry exporting `handler` (TypeScript or JavaScript), relative to the working directory.
   */
  readonly entry: string;
  /** Output folder, relative to the working directory; emptied first. */
  readonly outdir: string;
  /** Also write handler.zip. @default true */
  readonly zip?: boolean;
  /** esbuild plugins (tests build variants with a protection removed). @default [] */
  readonly plugins?: readonly Plugin[];
};

type BundleResult = {
  readonly handlerPath: string;
  readonly zipPath: string | undefined;
  readonly files: readonly string[];
  readonly zipBytes: number | undefined;
};

async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/**
 * Bundles one entry for Lambda.
 * @example
 * await bundleHandler({ entry: 'handlers/entry.ts', outdir: 'dist' });
 */
async function bundleHandler(options: BundleOptions): Promise<BundleResult> {
  const outdir = resolve(options.outdir);
  await rm(outdir, { recursive: true, force: true });
  await build({
    entryPoints: { handler: resolve(options.entry) },
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
  if (options.zip === false)
    return {
      handlerPath: join(outdir, 'handler.mjs'),
      zipPath: undefined,
      files,
      zipBytes: undefined,
    };
  const contents: Record<string, Uint8Array> = {};
  for (const file of files.sort())
    contents[relative(outdir, file).split('\\').join('/')] = await readFile(file);
  const zipped = zipSync(contents, { level: 9, mtime: new Date('2026-01-01T00:00:00Z') });
  const zipPath = join(outdir, 'handler.zip');
  await writeFile(zipPath, zipped);
  return { handlerPath: join(outdir, 'handler.mjs'), zipPath, files, zipBytes: zipped.length };
}

export { bundleHandler };
export type { BundleOptions, BundleResult };
