/**
 * `crkit check [files…]` — checks CloudFormation templates offline and exits 1 when there are
 * findings. Without arguments it checks every template under ./templates. Paths are relative to
 * the working directory. crkit's own stacks are always loaded as context, so a template resolves
 * `!ImportValue crkit-ServiceToken` to the real handler. The schema check reads the AWS resource
 * model from `@aws-cdk/aws-service-spec`, an optional peer dependency: without it, exit 2 says so.
 */
import { existsSync, readdirSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { ownFile } from '../package-root.js';
import { loadRegistryCatalog } from './registry-catalog.js';

/** The crkit stacks, loaded as context for every run. */
const CrkitStacks = ['templates/crkit-state.yaml', 'templates/crkit-handler.yaml'].map(ownFile);

const CheckUsage = `usage: crkit check [template …]
Checks CloudFormation templates offline (schema, references, IAM scope, crkit wiring, custom resource
properties against crkit's built-in types); exit 1 when there are findings. Without arguments: every
.yaml/.yml/.json file under ./templates. Needs @aws-cdk/aws-service-spec (npm install -D @aws-cdk/aws-service-spec).`;

/** Every `.yaml`/`.yml`/`.json` file below a directory. */
function templatesUnder(directory: string): string[] {
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ya?ml|json)$/.test(entry.name))
    .map((entry) => resolve(entry.parentPath, entry.name))
    .sort();
}

/** Why the AWS spec cannot be loaded, or undefined when it can. */
async function missingSpec(): Promise<string | undefined> {
  try {
    await import('@aws-cdk/aws-service-spec');
    return undefined;
  } catch {
    return 'the schema check needs the optional peer dependency @aws-cdk/aws-service-spec: npm install -D @aws-cdk/aws-service-spec@^0.1.216';
  }
}

/**
 * Checks the given files (or all of ./templates) and returns the exit code.
 * @example
 * process.exitCode = await main(['templates/examples/cluster-fleet.yaml']);
 */
async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(CheckUsage);
    return 0;
  }
  const unknown = argv.find((arg) => arg.startsWith('-'));
  const files = argv.length > 0 ? argv.map((file) => resolve(file)) : existsSync('templates') ? templatesUnder('templates') : [];
  const problem = unknown !== undefined ? `unknown option ${unknown}` : files.length === 0 ? 'no template given, and no ./templates folder' : files.find((file) => !existsSync(file)) ?? (await missingSpec());
  if (problem !== undefined) {
    console.error(`crkit check: ${files.includes(problem) ? `no file at ${problem}` : problem}\n${CheckUsage}`);
    return 2;
  }
  const { checkTemplates, formatFinding } = await import('./run.js');
  const findings = checkTemplates(files, { catalog: await loadRegistryCatalog(), context: CrkitStacks });
  for (const finding of findings) console.log(formatFinding({ ...finding, file: relative(process.cwd(), finding.file) }));
  console.log(`${files.length} template(s), ${findings.length} finding(s)`);
  return findings.length === 0 ? 0 : 1;
}

export { CheckUsage, main };
