/**
 * `crkit conform <module> --type Custom::X --properties file.json [--update file.json]`:
 * bundles and imports the author's module (TypeScript or JavaScript, exporting the definition
 * under any name, or in an exported list such as the entry's `resources`), starts the local AWS
 * stand-in for its AWS calls, and prints each invariant's verdict. Paths are relative to the
 * working directory. Exits 1 when one fails, 2 on a usage error (naming the types the module
 * exports when --type names none of them).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ResourceDefinition } from '../../framework/index.js';
import { startStandin } from '../standin/index.js';
import { standinFaults } from './aws-faults.js';
import { formatReport, runConformance } from './conform.js';
import { exportedDefinitions, importModule } from './load-module.js';

const usage = `usage: crkit conform <module> --type Custom::X --properties file.json
                     [--update file.json]
Runs a resource type's create, update and delete (and its failure paths) against a local AWS
stand-in and checks each answer against the protocol's invariants. <module> exports the definition
(made with defineResource), directly or in an exported list; --properties and --update hold
ResourceProperties.`;

/**
 * The definition of `type` among the module's exports; a usage error names the types it does
 * export.
 */
function findDefinition(
  definitions: ReadonlyMap<string, ResourceDefinition>,
  type: string | undefined,
): ResourceDefinition {
  const definition = type === undefined ? undefined : definitions.get(type);
  if (definition !== undefined) return definition;
  const exported =
    definitions.size === 0
      ? 'it exports no resource definition (export the object defineResource returns)'
      : `it exports ${[...definitions.keys()].sort().join(', ')}`;
  const missing =
    type === undefined ? '--type is required' : `the module exports no definition of ${type}`;
  throw new Error(`${missing}; ${exported}`);
}

/** What the command line asks for. */
type ConformOptions = {
  readonly module: string;
  readonly type: string | undefined;
  readonly properties: Record<string, unknown>;
  readonly update: Record<string, unknown> | undefined;
};

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

/**
 * Runs the conform command and returns its exit code.
 * @example
 * process.exitCode = await runConform(
 *   ['my-type.ts', '--type', 'Custom::Thing', '--properties', 'props.json']);
 */
async function runConform(argv: readonly string[]): Promise<number> {
  const fail = (error: unknown): number => {
    process.stderr.write(
      `crkit conform: ${error instanceof Error ? error.message : String(error)}\n${usage}\n`,
    );
    return 2;
  };
  let options: ConformOptions;
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        type: { type: 'string' },
        properties: { type: 'string' },
        update: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help === true) {
      process.stdout.write(`${usage}\n`);
      return 0;
    }
    const [module] = positionals;
    if (positionals.length !== 1 || module === undefined || values.properties === undefined)
      throw new Error('a module, --type and --properties are required');
    if (!existsSync(module)) throw new Error(`no module at ${module}`);
    options = {
      module,
      type: values.type,
      properties: readJson(values.properties),
      update: values.update === undefined ? undefined : readJson(values.update),
    };
  } catch (error) {
    return fail(error);
  }
  const standin = await startStandin({ autoCreateStacks: true });
  // Set before the module loads: a module may create its AWS clients when it loads.
  Object.assign(process.env, standin.env, {
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
  try {
    let definition: ResourceDefinition;
    try {
      definition = findDefinition(
        exportedDefinitions(await importModule(options.module, join('.crkit', 'conform'))),
        options.type,
      );
    } catch (error) {
      return fail(error);
    }
    process.stdout.write(
      `AWS is a LOCAL STAND-IN on ${standin.url} (EC2, CloudFormation, SQS): nothing ` +
        `reaches Amazon Web Services\n`,
    );
    const creations = () =>
      standin
        .calls()
        .filter(
          (call) =>
            call.status === 200 &&
            /^(Create(?!Tags)|Register|Run|Allocate|Copy|Import)/.test(call.action),
        ).length;
    const report = await runConformance(definition, {
      properties: options.properties,
      update: options.update,
      creations,
      awsFaults: standinFaults(standin),
    });
    process.stdout.write(`${formatReport(report).join('\n')}\n`);
    return report.ok ? 0 : 1;
  } finally {
    await standin.stop();
  }
}

export { runConform };
