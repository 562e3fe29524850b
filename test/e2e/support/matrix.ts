/**
 * Runs a group of scenarios as vitest tests against one Lambda-like process running a built
 * bundle, with the AWS stand-in, the ResponseURL endpoint and a bystander origin on loopback;
 * prints the summary table (scenario, expected, observed) when the group is done.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandin } from '../../../scripts/standin/index.js';
import type { Standin, StandinOptions } from '../../../scripts/standin/index.js';
import { buildBundles } from './bundles.js';
import type { BundleKind, BundleSet } from './bundles.js';
import { playScenario } from './harness.js';
import type { Row, Scenario } from './harness.js';
import type { Canaries } from './invariants.js';
import {
  lambdaEnvironment,
  startBystander,
  startLambdaProcess,
  startResponseServer,
} from '../../../framework/testing/index.js';
import type { Bystander, LambdaProcess, ResponseServer } from '../../../framework/testing/index.js';

/**
 * The continuation queue for the Lambda process: its URL, and its ARN, which is the
 * `eventSourceARN` of the records the queue delivers.
 * @example
 * env: (standin) => continuationQueueEnv(standin, 'crkit-e2e-continuations')
 */
function continuationQueueEnv(standin: Standin, queue: string): Record<string, string> {
  return {
    CRKIT_CONTINUATION_QUEUE_URL: standin.queueUrl(queue),
    CRKIT_CONTINUATION_QUEUE_ARN: standin.queueArn(queue),
  };
}

/**
 * A fresh key for signing continuations (48 random bytes, base64) in the stand-in's Secrets
 * Manager, and its ARN for the Lambda process.
 */
function continuationSecretEnv(standin: Standin): Record<string, string> {
  return {
    CRKIT_CONTINUATION_SECRET_ARN: standin.putSecret(
      'crkit-e2e-continuation-key',
      randomBytes(48).toString('base64'),
    ),
  };
}

/** An origin that never resolves (RFC 2606 reserves .invalid). */
const unresolvableOrigin = 'http://crkit-nonexistent.invalid';

/** Everything one group of scenarios runs against. */
type World = {
  readonly lambda: LambdaProcess;
  readonly endpoint: ResponseServer;
  readonly bystander: Bystander;
  readonly standin: Standin;
  readonly canaries: Canaries;
  /** The bundle and environment, to start a second container on the same world. */
  readonly bundle: string;
  readonly env: Readonly<Record<string, string>>;
};

/** The access key id in every ResponseURL's X-Amz-Credential: a canary too. */
const e2eAccessKeyId = 'AKIAE2ECANARY';

/**
 * A Lambda-like process on `bundle` with Lambda's environment plus `env`; an invocation still
 * running `overrunMs` past its deadline (and grace) is killed.
 * @example
 * const other = await startE2eLambda(world().bundle, world().env);
 */
async function startE2eLambda(
  bundle: string,
  env: Readonly<Record<string, string>>,
  overrunMs = 10_000,
): Promise<LambdaProcess> {
  const lambda = await startLambdaProcess({ bundle, env: lambdaEnvironment(env, 'crkit-e2e') });
  return {
    ...lambda,
    invoke: (event, options = {}) =>
      lambda.invoke(event, {
        ...options,
        killAfterMs: (options.remainingMs ?? 15_000) + (options.graceMs ?? 0) + overrunMs,
      }),
  };
}

/** Fresh canaries: random, so a match can only be a leak. */
function plantCanaries(): Canaries & { readonly secret: string; readonly signature: string } {
  const secret = `e2e-secret-${randomBytes(6).toString('hex')}`;
  const signature = `e2esig${randomBytes(16).toString('hex')}`;
  return { secret, signature, secrets: [secret, signature, e2eAccessKeyId], noEcho: [] };
}

/** Starts the world around a bundle. */
type WorldOptions = {
  /** Extra environment of the Lambda-like process. @default none */
  readonly env?: (standin: Standin) => Record<string, string>;
  readonly standin?: StandinOptions;
  /**
   * How long past its deadline an invocation may run before the test gives up on it. @default 10000
   */
  readonly overrunMs?: number;
};

async function startWorld(
  bundle: string,
  canaries: ReturnType<typeof plantCanaries>,
  options: WorldOptions = {},
): Promise<World> {
  // Placement groups are available at once unless a scenario says otherwise: the suite tests
  // answers, not waiting.
  const standin = await startStandin({
    autoCreateStacks: true,
    placementGroupReadiness: { afterDescribes: 0 },
    ...options.standin,
  });
  const endpoint = await startResponseServer({
    signature: canaries.signature,
    accessKeyId: e2eAccessKeyId,
  });
  const bystander = await startBystander();
  const lambdaEnv = {
    ...standin.env,
    CRKIT_RESPONSE_ORIGINS: [endpoint.origin, bystander.origin, unresolvableOrigin].join(','),
    ...options.env?.(standin),
  };
  const lambda = await startE2eLambda(bundle, lambdaEnv, options.overrunMs);
  return { lambda, endpoint, bystander, standin, canaries, bundle, env: lambdaEnv };
}

async function stopWorld(world: World | undefined): Promise<void> {
  if (world === undefined) return;
  await world.lambda.stop();
  await Promise.all([world.endpoint.close(), world.bystander.close(), world.standin.stop()]);
}

const clip = (text: string, width: number): string =>
  text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);

/**
 * The summary table, one line per scenario and route.
 * @example
 * console.log(summaryTable('code', rows));
 */
function summaryTable(title: string, rows: readonly Row[]): string {
  const observed = clip('observed', 90);
  const head = `| ${clip('scenario', 52)} | ${clip('expected', 46)} | ${observed} | ok |`;
  const lines = rows.map(
    (row) =>
      `| ${clip(row.scenario, 52)} | ${clip(row.expected, 46)} | ` +
      `${clip(row.observed, 90)} | ${row.problems.length === 0 ? 'ok' : 'NO'} |`,
  );
  const failed = rows.filter((row) => row.problems.length > 0).length;
  return [
    `e2e matrix — ${title}: ${rows.length - failed} of ${rows.length} held`,
    head,
    `|${'-'.repeat(head.length - 2)}|`,
    ...lines,
  ].join('\n');
}

/**
 * Declares a vitest suite that plays each scenario over each of its routes. The production
 * bundle always gets a continuation key (see {@link continuationSecretEnv}).
 * @example
 * describeMatrix('code', codeScenarios, { bundle: 'fixture' });
 */
function describeMatrix(
  title: string,
  scenarios: (
    canaries: ReturnType<typeof plantCanaries>,
    world: () => World,
  ) => readonly Scenario[],
  options: {
    readonly bundle: BundleKind;
    readonly timeoutMs?: number;
    readonly env?: (standin: Standin) => Record<string, string>;
  },
): void {
  describe(`e2e matrix: ${title}`, () => {
    const canaries = plantCanaries();
    const rows: Row[] = [];
    let bundles: BundleSet | undefined;
    let world: World | undefined;
    beforeAll(async () => {
      bundles = await buildBundles({ kinds: [options.bundle] });
      const production = options.bundle === 'production';
      const env = (standin: Standin) => ({
        ...(production ? continuationSecretEnv(standin) : {}),
        ...options.env?.(standin),
      });
      world = await startWorld(bundles.paths[options.bundle] as string, canaries, { env });
    }, 60_000);
    afterAll(async () => {
      console.log(summaryTable(title, rows));
      await stopWorld(world);
      await bundles?.dispose();
    });
    for (const scenario of scenarios(canaries, () => world as World)) {
      for (const via of scenario.vias ?? (['direct', 'sns'] as const)) {
        it(
          `${scenario.name} (${via})`,
          async () => {
            const row = await playScenario(scenario, via, world as World);
            rows.push(row);
            expect(row.problems).toEqual([]);
          },
          options.timeoutMs ?? 30_000,
        );
      }
    }
  });
}

export {
  continuationQueueEnv,
  continuationSecretEnv,
  describeMatrix,
  plantCanaries,
  startE2eLambda,
  startWorld,
  stopWorld,
  summaryTable,
  unresolvableOrigin,
};
export type { World, WorldOptions };
