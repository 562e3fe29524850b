/**
 * Loading an author's module for `crkit conform`: bundled first with esbuild (so a TypeScript
 * module runs under plain Node), its packages left as imports resolved from the caller's
 * project, so the module shares the caller's crkit and zod with the command.
 */
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import type { ResourceDefinition } from '../../framework/index.js';

/**
 * Bundles `module` into `<outdir>` and imports it.
 * @example
 * const exported = await importModule('src/random-password.ts', '.crkit/conform');
 */
async function importModule(module: string, outdir: string): Promise<Record<string, unknown>> {
  const path = resolve(module);
  const outfile = join(
    resolve(outdir),
    `${createHash('sha256').update(path).digest('hex').slice(0, 16)}.mjs`,
  );
  await build({
    entryPoints: [path],
    outfile,
    bundle: true,
    packages: 'external',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'error',
  });
  return (await import(`${pathToFileURL(outfile).href}?t=${Date.now()}`)) as Record<
    string,
    unknown
  >;
}

/** Every resource definition among a module's exports (a `resources` list included), by type. */
function exportedDefinitions(module: Record<string, unknown>): Map<string, ResourceDefinition> {
  const found = new Map<string, ResourceDefinition>();
  const candidates = Object.values(module).flatMap((value) =>
    Array.isArray(value) ? (value as unknown[]) : [value],
  );
  for (const item of candidates) {
    const shape = item as { type?: unknown; create?: unknown } | null;
    if (
      typeof shape === 'object' &&
      shape !== null &&
      typeof shape.type === 'string' &&
      typeof shape.create === 'function' &&
      !found.has(shape.type)
    ) {
      found.set(shape.type, item as ResourceDefinition);
    }
  }
  return found;
}

export { exportedDefinitions, importModule };
