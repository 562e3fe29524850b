/**
 * Paired measurement: each subject process runs next to its floor process, in alternating
 * order (A B, B A, …) so that drift in the machine's speed falls on both; ratios and
 * differences are taken within each pair.
 */
import { runNode, runRunner } from './measure.js';
import type { ProcessRun } from './measure.js';
import type { RunnerConfig } from './runner.js';
import type { Scenario } from './scenarios.js';
import type { ResponseServer } from './servers.js';

/** What a scenario's runs need. */
type PairContext = {
  readonly runnerPath: string;
  /** The node binary of the measured processes. */
  readonly node: string;
  readonly modules: { readonly subject: string; readonly floor: string };
  readonly env: NodeJS.ProcessEnv;
  /** Deliver every request SNS-wrapped. */
  readonly sns: boolean;
  readonly server: ResponseServer;
  /** The stand-in's origin, when a scenario's AWS calls go to one. */
  readonly standinOrigin: string | undefined;
  readonly progress: (line: string) => void;
};

/** A measured run plus the TLS connections the response server accepted during it. */
type Measured = ProcessRun & { readonly tlsConnections: number };

type ColdSample = {
  readonly bare: ProcessRun;
  readonly floor: Measured;
  readonly subject: Measured;
};
type WarmSample = { readonly floor: Measured; readonly subject: Measured };

type Role = 'subject' | 'floor';

function configFor(
  context: PairContext,
  scenario: Scenario,
  role: Role,
  mode: 'cold' | 'warm',
  events: number,
): RunnerConfig {
  return {
    module: context.modules[role],
    mode,
    events,
    sns: context.sns,
    resourceType: scenario.resourceType,
    properties: scenario.properties,
    updateProperties: scenario.updateProperties,
    responseOrigin: context.server.info.httpsOrigin,
    serverOrigin: context.server.info.httpOrigin,
    standinOrigin: scenario.usesStandin ? context.standinOrigin : undefined,
  };
}

async function measured(context: PairContext, config: RunnerConfig): Promise<Measured> {
  const before = await context.server.stats();
  const run = await runRunner(context.runnerPath, config, context.env, context.node);
  const after = await context.server.stats();
  const unexpected = after.unexpected.slice(before.unexpected.length);
  if (unexpected.length > 0)
    throw new Error(`unexpected AWS calls from ${config.module}: ${unexpected.join(', ')}`);
  return { ...run, tlsConnections: after.tlsConnections - before.tlsConnections };
}

/**
 * Cold pairs: `node -e ''`, floor and subject, each answering one Create in a fresh process.
 * @example
 * const samples = await coldPairs(context, scenarios.a, 20);
 */
async function coldPairs(
  context: PairContext,
  scenario: Scenario,
  runs: number,
): Promise<ColdSample[]> {
  const samples: ColdSample[] = [];
  for (let index = 0; index < runs; index += 1) {
    const order =
      index % 2 === 0
        ? (['bare', 'floor', 'subject'] as const)
        : (['subject', 'floor', 'bare'] as const);
    const sample: Partial<Record<'bare' | Role, Measured | ProcessRun>> = {};
    for (const which of order) {
      sample[which] =
        which === 'bare'
          ? await runNode(['-e', ''], context.env, context.node)
          : await measured(context, configFor(context, scenario, which, 'cold', 1));
    }
    samples.push(sample as ColdSample);
    context.progress(`cold ${scenario.id} ${index + 1}/${runs}`);
  }
  return samples;
}

/**
 * Warm pairs: floor and subject, each answering `events` requests in one process.
 * @example
 * const samples = await warmPairs(context, scenarios.a, 5, 1000);
 */
async function warmPairs(
  context: PairContext,
  scenario: Scenario,
  runs: number,
  events: number,
): Promise<WarmSample[]> {
  const samples: WarmSample[] = [];
  for (let index = 0; index < runs; index += 1) {
    const order: readonly Role[] = index % 2 === 0 ? ['floor', 'subject'] : ['subject', 'floor'];
    const sample: Partial<Record<Role, Measured>> = {};
    for (const role of order)
      sample[role] = await measured(context, configFor(context, scenario, role, 'warm', events));
    samples.push(sample as WarmSample);
    context.progress(`warm ${scenario.id} ${index + 1}/${runs}`);
  }
  return samples;
}

export { coldPairs, warmPairs };
export type { ColdSample, Measured, PairContext, WarmSample };
