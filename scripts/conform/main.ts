/**
 * `crkit conform <module> --type Custom::X --properties file.json [--update file.json]`:
 * imports the author's module (exporting the definition as `definition`, `default`, or any
 * export whose `type` matches), starts the local AWS stand-in for its AWS calls, and prints
 * each invariant's verdict. Exits 1 when one fails, 2 on a usage error (a type the module does
 * not export is one: the message lists the types it does export).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { ResourceDefinition } from '../../framework/index.js';
import { startStandin } from '../standin/index.js';
import { standinFaults } from './aws-faults.js';
import { formatReport, runConformance } from './conform.js';

const usage = 'usage: crkit conform <module.ts> --type Custom::X --properties file.json [--update file.json]';

const isDefinition = (item: unknown): item is ResourceDefinition =>
  typeof item === 'object' && item !== null && typeof (item as { type?: unknown }).type === 'string' && typeof (item as { create?: unknown }).create === 'function';

/** The definition of `type`, or a usage error listing the types the module does export. */
function findDefinition(module: Record<string, unknown>, type: string): ResourceDefinition | string {
  const definitions = [module.definition, module.default, ...Object.values(module)].filter(isDefinition);
  const found = definitions.find((item) => item.type === type);
  if (found !== undefined) return found;
  const exported = [...new Set(definitions.map((item) => item.type))].sort();
  const listing = exported.length === 0 ? 'it exports no resource definition (export the object defineResource returns)' : `it exports ${exported.join(', ')}`;
  return `the module exports no definition of ${type}; ${listing}`;
}

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

/**
 * Runs the conform command and returns its exit code.
 * @example
 * process.exitCode = await runConform(['my-type.ts', '--type', 'Custom::Thing', '--properties', 'props.json']);
 */
async function runConform(argv: readonly string[]): Promise<number> {
  let options;
  try {
    const { values, positionals } = parseArgs({ args: [...argv], allowPositionals: true, options: { type: { type: 'string' }, properties: { type: 'string' }, update: { type: 'string' } } });
    if (positionals.length !== 1 || values.type === undefined || values.properties === undefined) throw new Error('a module, --type and --properties are required');
    options = { module: resolve(positionals[0]!), type: values.type, properties: readJson(values.properties), update: values.update === undefined ? undefined : readJson(values.update) };
  } catch (error) {
    process.stderr.write(`crkit conform: ${error instanceof Error ? error.message : String(error)}\n${usage}\n`);
    return 2;
  }
  const standin = await startStandin({ autoCreateStacks: true });
  Object.assign(process.env, standin.env, { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' });
  process.stdout.write(`AWS is a LOCAL STAND-IN on ${standin.url} (EC2, CloudFormation, SQS): nothing reaches Amazon Web Services\n`);
  try {
    const definition = findDefinition((await import(pathToFileURL(options.module).href)) as Record<string, unknown>, options.type);
    if (typeof definition === 'string') {
      process.stderr.write(`crkit conform: ${definition}\n${usage}\n`);
      return 2;
    }
    const creations = () => standin.calls().filter((call) => call.status === 200 && /^(Create(?!Tags)|Register|Run|Allocate|Copy|Import)/.test(call.action)).length;
    const report = await runConformance(definition, { properties: options.properties, update: options.update, creations, awsFaults: standinFaults(standin) });
    process.stdout.write(`${formatReport(report).join('\n')}\n`);
    return report.ok ? 0 : 1;
  } finally {
    await standin.stop();
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await runConform(process.argv.slice(2));
}

export { runConform };
