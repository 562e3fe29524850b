/**
 * A lockfile for a fresh project that depends on the packed crkit: the versions and integrity
 * hashes come from this repository's own lockfile, so `npm ci --offline` installs it from the
 * npm cache that installing this repository filled, with no registry in reach.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

type LockEntry = {
  version?: string;
  resolved?: string;
  integrity?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
  [key: string]: unknown;
};

type Lockfile = { packages: Record<string, LockEntry> };

/**
 * Where `name` resolves from the package at `from`, by Node's rule (nearest node_modules up the
 * tree).
 */
function locate(
  packages: Record<string, LockEntry>,
  from: string,
  name: string,
): string | undefined {
  for (
    let base = from;
    ;
    base = base.includes('/node_modules/') ? base.slice(0, base.lastIndexOf('/node_modules/')) : ''
  ) {
    const candidate = base === '' ? `node_modules/${name}` : `${base}/node_modules/${name}`;
    if (packages[candidate] !== undefined) return candidate;
    if (base === '') return undefined;
  }
}

/**
 * The lockfile of a project named `name` whose dependencies are `dependencies` (crkit as the
 * tarball at `tarballPath`, the rest at this repository's versions).
 */
function userLockfile(options: {
  readonly repositoryLock: string;
  readonly tarballPath: string;
  readonly tarballName: string;
  readonly dependencies: Record<string, string>;
}): string {
  const ours = JSON.parse(readFileSync(options.repositoryLock, 'utf8')) as Lockfile;
  const tarball = readFileSync(options.tarballPath);
  const crkitManifest = ours.packages[''] ?? {};
  const packages: Record<string, LockEntry> = {
    '': { name: 'my-resources', dependencies: options.dependencies },
    'node_modules/crkit': {
      version: String(crkitManifest.version),
      resolved: `file:${options.tarballName}`,
      integrity: `sha512-${createHash('sha512').update(tarball).digest('base64')}`,
      license: crkitManifest.license,
      bin: crkitManifest.bin,
      dependencies: crkitManifest.dependencies,
      peerDependencies: crkitManifest.peerDependencies,
      peerDependenciesMeta: crkitManifest.peerDependenciesMeta,
    },
  };
  // An optional peer dependency is the user's to install: it is left out, as npm leaves it out.
  const required = (entry: LockEntry) =>
    Object.keys(entry.peerDependencies ?? {}).filter(
      (dep) => entry.peerDependenciesMeta?.[dep]?.optional !== true,
    );
  const queue: [string, string][] = Object.keys(options.dependencies)
    .filter((dep) => dep !== 'crkit')
    .map((dep) => ['', dep]);
  for (const dep of [...Object.keys(crkitManifest.dependencies ?? {}), ...required(crkitManifest)])
    queue.push(['node_modules/crkit', dep]);
  while (queue.length > 0) {
    const [from, dep] = queue.shift() as [string, string];
    const at = locate(ours.packages, from, dep);
    if (at === undefined || packages[at] !== undefined) continue;
    const { dev: _dev, devOptional: _devOptional, ...entry } = ours.packages[at] as LockEntry;
    packages[at] = entry;
    for (const next of [
      ...Object.keys({ ...entry.dependencies, ...entry.optionalDependencies }),
      ...required(entry),
    ])
      queue.push([at, next]);
  }
  return JSON.stringify(
    { name: 'my-resources', lockfileVersion: 3, requires: true, packages },
    null,
    2,
  );
}

export { userLockfile };
