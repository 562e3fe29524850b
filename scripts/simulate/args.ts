/**
 * The command line of `crkit simulate <template> [--scenario NAME] [--set Param=Value …]
 * [--profile NAME] [--region R] [--bundle FILE] [--lambda-timeout S] [--delay-scale X]
 * [--image-ready-after S] [--waits] [--out DIR]`.
 */
import { parseArgs } from 'node:util';
import { ScenarioNames } from './scenarios.js';
import type { ScenarioName } from './scenarios.js';
import type { SimulateOptions } from './simulate.js';

/** The example `npm start` simulates when no template is given. */
const DefaultTemplate = 'templates/examples/cluster-fleet.yaml';

/** Usage text. */
const SimulateUsage = `usage: crkit simulate [template] [--scenario ${ScenarioNames.join('|')}] [--set Param=Value …]
                      [--profile NAME [--region R]] [--bundle FILE] [--lambda-timeout S] [--delay-scale X]
                      [--image-ready-after S] [--waits] [--out DIR]
Plays CloudFormation against the built handler (dist/handler.mjs). Offline by default: AWS is a local stand-in.
With --profile, EC2 calls go to that real AWS account; CloudFormation, SQS and signal records stay local.
Offline, a registered image is ready at the second Describe unless --image-ready-after gives seconds (real
time, not scaled by --delay-scale). Requests that waited on a resource are summed up in one line (lag =
answer − ready); --waits adds a line per wait: when it became ready, the answer, the Describe calls, hand-overs.`;

function isScenario(value: string): value is ScenarioName {
  return (ScenarioNames as readonly string[]).includes(value);
}

function positive(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new Error(`--${name} must be a positive number, got ${value}`);
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
      'lambda-timeout': { type: 'string' },
      'delay-scale': { type: 'string' },
      'image-ready-after': { type: 'string' },
      waits: { type: 'boolean', default: false },
      out: { type: 'string' },
    },
  });
  if (positionals.length > 1) throw new Error(`one template at a time, got ${positionals.join(', ')}`);
  const scenario = values.scenario ?? 'lifecycle';
  if (!isScenario(scenario)) throw new Error(`unknown scenario ${scenario}; one of ${ScenarioNames.join(', ')}`);
  if (scenario === 'drift' && values.profile !== undefined) throw new Error('the drift scenario changes resources in the local stand-in behind crkit\'s back: it runs offline only (drop --profile)');
  const sets: Record<string, string> = {};
  for (const pair of values.set ?? []) {
    const equals = pair.indexOf('=');
    if (equals <= 0) throw new Error(`--set needs Param=Value, got ${pair}`);
    sets[pair.slice(0, equals)] = pair.slice(equals + 1);
  }
  return {
    template: positionals[0] ?? DefaultTemplate,
    scenario,
    sets,
    profile: values.profile,
    region: values.region,
    bundle: values.bundle,
    lambdaTimeoutSeconds: positive('lambda-timeout', values['lambda-timeout']),
    delayScale: positive('delay-scale', values['delay-scale']),
    imageReadyAfterSeconds: positive('image-ready-after', values['image-ready-after']),
    showWaits: values.waits === true,
    outDir: values.out,
  };
}

export { DefaultTemplate, SimulateUsage, parseSimulateArgs };
