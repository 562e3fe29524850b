/**
 * The code the simulator runs: the real Lambda bundle (built with the production build when
 * missing or older than its sources).
 */
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleHandler } from '../build.js';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

async function newestSource(folders: readonly string[]): Promise<number> {
  let newest = 0;
  for (const folder of folders) {
    const entries = await readdir(join(root, folder), { withFileTypes: true, recursive: true });
    for (const entry of entries) {
      if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
      newest = Math.max(newest, (await stat(join(entry.parentPath, entry.name))).mtimeMs);
    }
  }
  return newest;
}

/** What `ensureBundle` did. */
type BundleState = { readonly path: string; readonly built: boolean; readonly ms: number };

/**
 * Returns the bundle to run: `dist/handler.mjs`, rebuilt first when missing or stale.
 * An explicit `bundle` path is used as it is.
 * @example
 * const { path } = await ensureBundle();
 */
async function ensureBundle(bundle?: string): Promise<BundleState> {
  const started = Date.now();
  if (bundle !== undefined) return { path: resolve(bundle), built: false, ms: 0 };
  const path = join(root, 'dist', 'handler.mjs');
  const fresh = existsSync(path) && (await stat(path)).mtimeMs >= (await newestSource(['framework', 'handlers']));
  if (fresh) return { path, built: false, ms: Date.now() - started };
  await bundleHandler({ entry: 'handlers/entry.ts', outdir: 'dist' });
  return { path, built: true, ms: Date.now() - started };
}

/** A path relative to the repository, for display. */
function shown(path: string): string {
  const rel = relative(root, path);
  return rel.startsWith('..') ? path : rel;
}

export { ensureBundle, root, shown };
export type { BundleState };
