/**
 * `crkit deploy --region R --bucket B [--entry FILE] [--profile NAME] [--prefix crkit] [--audit]
 * [--org-id o-…] [--dry-run]`
 *
 * Builds the bundle (of FILE, default crkit's own entry) into ./dist, uploads it under a
 * content-addressed key, deploys crkit-state then crkit-handler (crkit's own templates; the role's
 * resource policy rendered from the IAM statements of the types the bundle serves) through change
 * sets, and prints the ServiceToken export. See docs/operators.md.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DefaultOutDir } from './build-command.js';
import { bundleHandler } from './build.js';
import { DeployUsage, UsageError, parseDeployArgs } from './deploy/args.js';
import { createClients } from './deploy/clients.js';
import { runDeploy, type DeployDeps } from './deploy/run.js';
import { ownFile, ownModule } from './package-root.js';
import { servedDefinitions } from './served-definitions.js';

/**
 * The real effects: terminal, file system, the build of `entry`, AWS. The crkit stacks'
 * templates are crkit's own; the bundle is the caller's, under the working directory, and the
 * types it serves are read from it.
 */
function defaultDeps(entry: string = ownModule('handlers/entry.ts')): DeployDeps {
  return {
    clients: createClients,
    build: async () => void (await bundleHandler({ entry, outdir: DefaultOutDir })),
    readFile: async (path) =>
      readFile(path.startsWith('templates/') ? ownFile(path) : resolve(path)).catch(
        () => undefined,
      ),
    servedDefinitions: async () => servedDefinitions(join(DefaultOutDir, 'handler.mjs')),
    log: (line) => console.log(line),
    error: (line) => console.error(line),
    sleep: (ms) => sleep(ms),
    now: () => new Date(),
  };
}

/** Parses the command line and runs; returns the exit code (2 for usage errors). */
async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(DeployUsage);
    return 0;
  }
  try {
    const options = parseDeployArgs(argv);
    return await runDeploy(options, defaultDeps(options.entry));
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
}

export { defaultDeps, main };
