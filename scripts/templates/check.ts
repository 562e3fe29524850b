/**
 * `tsx scripts/templates/check.ts [files…]` — checks CloudFormation templates offline and exits 1 when
 * there are findings. Without arguments it checks every template under templates/. The crkit stacks are
 * always loaded as context, so examples resolve `!ImportValue crkit-ServiceToken` to the real handler.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRegistryCatalog } from './registry-catalog.js';
import { checkTemplates, formatFinding } from './run.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The crkit stacks, loaded as context for every run. */
const CrkitStacks = ['templates/crkit-state.yaml', 'templates/crkit-handler.yaml'].map((file) => join(root, file));

/** Every `.yaml`/`.yml`/`.json` file below a directory. */
function templatesUnder(directory: string): string[] {
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ya?ml|json)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/**
 * Checks the given files (or all of templates/) and returns the exit code.
 * @example
 * process.exitCode = await main(['templates/examples/cluster-fleet.yaml']);
 */
async function main(argv: readonly string[]): Promise<number> {
  const files = argv.length > 0 ? argv.map((file) => join(process.cwd(), file)) : templatesUnder(join(root, 'templates'));
  const findings = checkTemplates(files, { catalog: await loadRegistryCatalog(), context: CrkitStacks });
  for (const finding of findings) console.log(formatFinding({ ...finding, file: relative(process.cwd(), finding.file) }));
  console.log(`${files.length} template(s), ${findings.length} finding(s)`);
  return findings.length === 0 ? 0 : 1;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main(process.argv.slice(2));
}

export { main };
