/**
 * `crkit check [files…] [--entry FILE]` — checks CloudFormation templates offline and exits 1 when
 * there are findings. Without files it checks every template under ./templates. Custom types are
 * checked against the types an entry serves (its `resources` export; default: the built-in types).
 * Paths are relative to the working directory. crkit's own stacks are always loaded as context, so
 * a template resolves `!ImportValue crkit-ServiceToken` to the real handler. The schema check reads
 * the AWS resource model from `@aws-cdk/aws-service-spec`, an optional peer dependency: without it,
 * exit 2 says so.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ResourceDefinition } from '../../framework/index.js';
import { ownFile } from '../package-root.js';
import { servedDefinitions } from '../served-definitions.js';
import { ensureBundle } from '../simulate/bundle.js';
import { loadRegistryCatalog } from './registry-catalog.js';

/** The crkit stacks, loaded as context for every run. */
const CrkitStacks = ['templates/crkit-state.yaml', 'templates/crkit-handler.yaml'].map(ownFile);

const CheckUsage = `usage: crkit check [template …] [--entry FILE]
Checks CloudFormation templates offline (schema, references, IAM scope, crkit wiring, custom
resource properties against the types the entry FILE serves, default crkit's built-in types); exit 1
when there are findings. Without templates: every .yaml/.yml/.json file under ./templates. Needs
@aws-cdk/aws-service-spec (npm install -D @aws-cdk/aws-service-spec).`;

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
    return (
      'the schema check needs the optional peer dependency @aws-cdk/aws-service-spec: npm ' +
      'install -D @aws-cdk/aws-service-spec@^0.1.216'
    );
  }
}

/**
 * The definitions an entry serves (bundled under ./.crkit/check); rejects when it exports no
 * `resources`.
 */
async function entryDefinitions(entry: string): Promise<readonly ResourceDefinition[]> {
  const bundle = await ensureBundle({ entry, outdir: join('.crkit', 'check', 'bundle') });
  return servedDefinitions(bundle.path);
}

/**
 * Checks the given files (or all of ./templates) and returns the exit code.
 * @example
 * process.exitCode = await main(['templates/examples/cluster-fleet.yaml']);
 */
async function main(argv: readonly string[]): Promise<number> {
  let files: string[];
  let entry: string | undefined;
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { entry: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help === true) {
      console.log(CheckUsage);
      return 0;
    }
    files =
      positionals.length > 0
        ? positionals.map((file) => resolve(file))
        : existsSync('templates')
          ? templatesUnder('templates')
          : [];
    entry = values.entry;
    const problem =
      files.length === 0
        ? 'no template given, and no ./templates folder'
        : [...files, entry ?? ''].find((file) => file !== '' && !existsSync(file));
    if (problem !== undefined)
      throw new Error(files.length === 0 ? problem : `no file at ${problem}`);
    const spec = await missingSpec();
    if (spec !== undefined) throw new Error(spec);
  } catch (error) {
    console.error(
      `crkit check: ${error instanceof Error ? error.message : String(error)}\n${CheckUsage}`,
    );
    return 2;
  }
  let definitions: readonly ResourceDefinition[] | undefined;
  try {
    definitions = entry === undefined ? undefined : await entryDefinitions(entry);
  } catch (error) {
    console.error(
      `crkit check: ${error instanceof Error ? error.message : String(error)}\n${CheckUsage}`,
    );
    return 2;
  }
  const { checkTemplates, formatFinding } = await import('./run.js');
  const findings = checkTemplates(files, {
    catalog: await loadRegistryCatalog(definitions),
    context: CrkitStacks,
  });
  for (const finding of findings)
    console.log(formatFinding({ ...finding, file: relative(process.cwd(), finding.file) }));
  console.log(`${files.length} template(s), ${findings.length} finding(s)`);
  return findings.length === 0 ? 0 : 1;
}

export { CheckUsage, main };
