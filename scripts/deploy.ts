/**
 * `npm run deploy -- --region R --bucket B [--profile NAME] [--prefix crkit] [--audit] [--org-id o-…] [--dry-run]`
 *
 * Builds the bundle, uploads it under a content-addressed key, deploys crkit-state then crkit-handler
 * (its role's resource policy rendered from the served types' IAM statements) through change sets,
 * and prints the ServiceToken export. See docs/operators.md.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { UsageError, parseDeployArgs } from './deploy/args.js';
import { runBuild } from './deploy/artifact.js';
import { createClients } from './deploy/clients.js';
import { runDeploy, type DeployDeps } from './deploy/run.js';
import { loadBuiltInDefinitions } from './templates/built-in-definitions.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The real effects: terminal, file system, `npm run build`, AWS; the handler serves the built-in types. */
function defaultDeps(): DeployDeps {
  return {
    clients: createClients,
    build: runBuild,
    readFile: async (path) => readFile(join(root, path)).catch(() => undefined),
    servedDefinitions: loadBuiltInDefinitions,
    log: (line) => console.log(line),
    error: (line) => console.error(line),
    sleep: (ms) => sleep(ms),
    now: () => new Date(),
  };
}

/** Parses the command line and runs; returns the exit code (2 for usage errors). */
async function main(argv: readonly string[]): Promise<number> {
  try {
    return await runDeploy(parseDeployArgs(argv), defaultDeps());
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main(process.argv.slice(2));
}

export { defaultDeps, main };
