/**
 * The code the simulator runs: the real Lambda bundle of an entry (the caller's, or crkit's own
 * built-in types), and the resource types that entry serves. Paths are the caller's, relative to
 * the working directory.
 */
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RegistryEntry } from '../../framework/index.js';
import { bundleHandler } from '../build.js';
import { ownModule } from '../package-root.js';

/** What `ensureBundle` did. */
type BundleState = { readonly path: string; readonly built: boolean; readonly ms: number };

/**
 * Returns the bundle to run. An explicit `bundle` path is used as it is; otherwise `entry`
 * (default: crkit's own entry) is bundled into `outdir` with the production build.
 * @example
 * const { path } = await ensureBundle({
 *   entry: 'src/handler.ts', outdir: '.crkit/simulate/run-1/bundle' });
 */
async function ensureBundle(options: {
  readonly bundle?: string | undefined;
  readonly entry?: string | undefined;
  readonly outdir: string;
}): Promise<BundleState> {
  const started = Date.now();
  if (options.bundle !== undefined) return { path: resolve(options.bundle), built: false, ms: 0 };
  const built = await bundleHandler({
    entry: options.entry ?? ownModule('handlers/entry.ts'),
    outdir: options.outdir,
    zip: false,
  });
  return { path: built.handlerPath, built: true, ms: Date.now() - started };
}

/**
 * The resource types a bundle serves: its entry's `resources` export (see docs/cli.md),
 * or undefined when the entry exports none.
 * @example
 * const resources = await servedResources('.crkit/simulate/run-1/bundle/handler.mjs');
 */
async function servedResources(bundle: string): Promise<readonly RegistryEntry[] | undefined> {
  const module = (await import(pathToFileURL(resolve(bundle)).href)) as { resources?: unknown };
  return Array.isArray(module.resources)
    ? (module.resources as readonly RegistryEntry[])
    : undefined;
}

/** A path relative to the working directory, for display. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}

export { ensureBundle, servedResources, shown };
export type { BundleState };
