/**
 * The command line of `crkit simulate <template> [--entry FILE | --bundle FILE] [--scenario NAME]
 * [--set Param=Value …] [--profile NAME] [--region R] [--lambda-timeout S] [--delay-scale X]
 * [--image-ready-after S] [--waits] [--out DIR]`. Paths are relative to the working directory.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ScenarioNames } from './scenarios.js';
import type { ScenarioName } from './scenarios.js';
import type { SimulateOptions } from './simulate.js';

/** The example `npm start` simulates when no template is given. */
const DefaultTemplate = 'templates/examples/cluster-fleet.yaml';

const ScenarioChoice = ScenarioNames.join('|');

/** Usage text. */
const SimulateUsage = `usage: crkit simulate [template] [--entry FILE | --bundle FILE]
                      [--scenario ${ScenarioChoice}]
                      [--set Param=Value …] [--profile NAME [--region R]] [--lambda-timeout S]
                      [--delay-scale X] [--image-ready-after S] [--waits] [--out DIR]
Plays CloudFormation against the handler bundled from --entry FILE (a module exporting \`handler\`
and \`resources\`; default: crkit's own entry, the built-in types), or against a built --bundle.
Output goes to --out DIR (default .crkit/simulate/<time>-<scenario>). Offline by default: AWS is a
local stand-in. With --profile, EC2 calls go to that real AWS account; CloudFormation, SQS and
signal records stay local. Offline, a registered image is ready at the second Describe unless
--image-ready-after gives seconds (real time, not scaled by --delay-scale). Requests that waited on
a resource are summed up in one line (lag = answer − ready); --waits adds a line per wait: when it
became ready, the answer, the Describe calls, hand-overs.`;

function isScenario(value: string): value is ScenarioName {
  return (ScenarioNames as readonly string[]).includes(value);
}

function positive(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0)
    throw new Error(`--${name} must be a positive number, got ${value}`);
  return number;
}

/**
 * Parses the arguments after `simulate`.
 * @example
 * parseSimulateArgs(['templates/examples/spread-group.yaml', '--set', 'GroupName=hpc']);
 */
function parseSimulateArgs(argv: readonly string[]): SimulateOptions {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      scenario: { type: 'string', default: 'lifecycle' },
      set: { type: 'string', multiple: true, default: [] },
      profile: { type: 'string' },
      region: { type: 'string' },
      bundle: { type: 'string' },
      entry: { type: 'string' },
      'lambda-timeout': { type: 'string' },
      'delay-scale': { type: 'string' },
      'image-ready-after': { type: 'string' },
      waits: { type: 'boolean', default: false },
      out: { type: 'string' },
    },
  });
  if (positionals.length > 1)
    throw new Error(`one template at a time, got ${positionals.join(', ')}`);
  if (values.entry !== undefined && values.bundle !== undefined)
    throw new Error(
      '--entry and --bundle exclude each other: one is built, the other is run as it is',
    );
  const template = positionals[0] ?? DefaultTemplate;
  if (!existsSync(template))
    throw new Error(
      positionals[0] === undefined ? 'name a template' : `no template at ${template}`,
    );
  const scenario = values.scenario ?? 'lifecycle';
  if (!isScenario(scenario))
    throw new Error(`unknown scenario ${scenario}; one of ${ScenarioNames.join(', ')}`);
  if (scenario === 'drift' && values.profile !== undefined)
    throw new Error(
      "the drift scenario changes resources in the local stand-in behind crkit's back: " +
        'it runs offline only (drop --profile)',
    );
  const sets: Record<string, string> = {};
  for (const pair of values.set ?? []) {
    const equals = pair.indexOf('=');
    if (equals <= 0) throw new Error(`--set needs Param=Value, got ${pair}`);
    sets[pair.slice(0, equals)] = pair.slice(equals + 1);
  }
  return {
    template,
    scenario,
    sets,
    profile: values.profile,
    region: values.region,
    bundle: values.bundle,
    entry: values.entry,
    lambdaTimeoutSeconds: positive('lambda-timeout', values['lambda-timeout']),
    delayScale: positive('delay-scale', values['delay-scale']),
    imageReadyAfterSeconds: positive('image-ready-after', values['image-ready-after']),
    showWaits: values.waits === true,
    outDir: values.out,
  };
}

export { DefaultTemplate, SimulateUsage, parseSimulateArgs };
