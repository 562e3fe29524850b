/**
 * Bundles for the e2e suite, built the way `npm run build` builds dist/handler.mjs, each test
 * file into its own folder under .crkit/e2e (so parallel files never clobber each other or dist/).
 * A variant bundle is the same build with one protection cut out of the framework's source by an
 * esbuild plugin, so the suite can show that removing it makes scenarios fail; nothing of this
 * reaches product code.
 */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';
import { bundleHandler } from '../../../scripts/build.js';

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

/** The production entry and the test entry with misbehaving resource types. */
const Entries = { production: 'handlers/entry.ts', fixture: 'test/e2e/fixtures/entry.ts' } as const;
type BundleKind = keyof typeof Entries;

/** One text replacement in one framework source file; the build fails if the text is absent. */
type SourcePatch = { readonly file: string; readonly find: string; readonly replace: string };

/** A folder of built bundles, removed by `dispose`. */
type BundleSet = { readonly paths: Record<string, string>; dispose(): Promise<void> };

function patchPlugin(patches: readonly SourcePatch[]): Plugin {
  return {
    name: 'e2e-remove-protection',
    setup(context) {
      const applied = new Set<SourcePatch>();
      context.onLoad({ filter: /[\\/]framework[\\/].+\.ts$/ }, async (args) => {
        let text = await readFile(args.path, 'utf8');
        for (const patch of patches.filter((item) => args.path.endsWith(item.file))) {
          if (!text.includes(patch.find))
            throw new Error(`variant patch: "${patch.find}" is not in ${patch.file}`);
          text = text.split(patch.find).join(patch.replace);
          applied.add(patch);
        }
        return { contents: text, loader: 'ts' };
      });
      // A patch whose file the bundle never loaded would leave the protection in place, silently.
      context.onEnd(() => {
        const missed = patches.filter((patch) => !applied.has(patch)).map((patch) => patch.file);
        if (missed.length > 0) throw new Error(`variant patch: never loaded ${missed.join(', ')}`);
      });
    },
  };
}

/** Builds `entry` as scripts/build.ts does, with source patches applied. */
async function buildVariant(
  entry: string,
  outdir: string,
  patches: readonly SourcePatch[],
): Promise<string> {
  const built = await bundleHandler({ entry, outdir, zip: false, plugins: [patchPlugin(patches)] });
  return built.handlerPath;
}

/**
 * Builds the named bundles (and patched variants) into a fresh folder.
 * @example
 * const bundles = await buildBundles({ kinds: ['fixture'] });
 * const lambda = await startE2eLambda(bundles.paths.fixture, env);
 */
async function buildBundles(options: {
  kinds: readonly BundleKind[];
  variants?: Record<string, { kind: BundleKind; patches: readonly SourcePatch[] }>;
}): Promise<BundleSet> {
  await mkdir(join(root, '.crkit'), { recursive: true });
  const folder = await mkdtemp(join(root, '.crkit', 'e2e-'));
  const paths: Record<string, string> = {};
  for (const kind of options.kinds) {
    const built = await bundleHandler({
      entry: Entries[kind],
      outdir: join(folder, kind),
      zip: false,
    });
    paths[kind] = built.handlerPath;
  }
  for (const [name, variant] of Object.entries(options.variants ?? {})) {
    paths[name] = await buildVariant(Entries[variant.kind], join(folder, name), variant.patches);
  }
  return { paths, dispose: () => rm(folder, { recursive: true, force: true }) };
}

export { Entries, buildBundles };
export type { BundleKind, BundleSet, SourcePatch };
