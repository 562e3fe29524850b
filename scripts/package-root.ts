/**
 * crkit's own files, wherever the command runs from: the repository (TypeScript sources run
 * with tsx) or an installed package (JavaScript compiled under `lib/`). Everything the caller
 * names (templates, entries, output) is resolved against the working directory instead.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error('crkit cannot find its own package.json');
    folder = parent;
  }
  return folder;
}

/** The folder holding crkit's package.json: the repository, or `node_modules/crkit`. */
const packageRoot = findPackageRoot();

/**
 * One of crkit's own modules, by its source path: the TypeScript source when present (this
 * repository), else its compiled JavaScript under `lib/` (an installed package).
 * @example
 * ownModule('handlers/entry.ts'); // …/node_modules/crkit/lib/handlers/entry.js once installed
 */
function ownModule(source: string): string {
  const sourcePath = join(packageRoot, source);
  return existsSync(sourcePath)
    ? sourcePath
    : join(packageRoot, 'lib', source.replace(/\.ts$/, '.js'));
}

/**
 * One of crkit's own data files (a template), by its path in the package.
 * @example
 * ownFile('templates/crkit-handler.yaml');
 */
function ownFile(path: string): string {
  return join(packageRoot, path);
}

export { ownFile, ownModule, packageRoot };
