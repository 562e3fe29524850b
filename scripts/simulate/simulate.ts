/**
 * One simulation run: load the template, start the stand-in, the ResponseURL endpoint and the
 * simulated Lambda function running the real bundle, play the scenario as CloudFormation, and
 * report the steps, the checks and a summary line.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import type { RegistryEntry } from '../../framework/index.js';
import type { StackEventView } from '../standin/index.js';
import { loadTemplate } from '../templates/template.js';
import type { LoadedTemplate } from '../templates/template.js';
import { startAwsSide } from './aws.js';
import type { AwsTarget } from './aws.js';
import { ensureBundle, servedResources, shown } from './bundle.js';
import type { Check } from './checks.js';
import { commonChecks } from './checks.js';
import { startContinuationRelay } from './continuations.js';
import { customResources, downstreamOf } from './graph.js';
import { createLambdaPool } from './lambda-pool.js';
import { resolveParameters, shownParameter, stackParameters } from './parameters.js';
import { planUpdates } from './plan.js';
import type { UpdatePlan } from './plan.js';
import { conditionHolds } from './resolve.js';
import { startResponseServer } from '../../framework/testing/index.js';
import { consistentAnswers } from './consistent-answers.js';
import { Scenarios } from './scenarios.js';
import type { ScenarioName } from './scenarios.js';
import type { Session, Step } from './session.js';
import { lagSummary } from './readiness-lag.js';
import { createTimeline, summaryLine } from './timeline.js';

/** How to run a simulation. */
type SimulateOptions = {
  /** Template file. */
  readonly template: string;
  /** @default 'lifecycle' */
  readonly scenario?: ScenarioName;
  /** Parameter values over the defaults. @default {} */
  readonly sets?: Readonly<Record<string, string>>;
  /** Run EC2 against this AWS profile instead of the stand-in. @default offline */
  readonly profile?: string;
  /** Region for `profile`. @default AWS_REGION, else 'us-east-1' */
  readonly region?: string;
  /** A built bundle to run. @default `entry` bundled into the run's folder */
  readonly bundle?: string;
  /**
   * The Lambda entry to bundle (exports `handler` and `resources`). @default crkit's own entry, the
   * built-in types
   */
  readonly entry?: string;
  /**
   * The function's timeout in seconds. @default 8 offline (time-lapse: waits go through the
   * continuation queue), else 120 (the handler stack's default)
   */
  readonly lambdaTimeoutSeconds?: number;
  /** Multiplies continuation delays. @default 0.05 offline (time-lapse), else 1 */
  readonly delayScale?: number;
  /**
   * Offline: seconds after registration at which an image becomes ready (real time). @default the
   * stand-in's: at the second Describe
   */
  readonly imageReadyAfterSeconds?: number;
  /** A timeline line per resource a request waited on. @default false (one summary line) */
  readonly showWaits?: boolean;
  /**
   * Folder for the bundle, signals.jsonl and lambda.log. @default .crkit/simulate/<time>-<scenario>
   * under the working directory
   */
  readonly outDir?: string;
  /** Line writer for the timeline. @default stdout */
  readonly write?: (line: string) => void;
};

/** What a run produced. */
type SimulationReport = {
  readonly scenario: ScenarioName;
  readonly ok: boolean;
  readonly steps: readonly Step[];
  readonly checks: readonly Check[];
  readonly status: string;
  readonly plan: UpdatePlan;
  readonly parameters: Readonly<Record<string, string>>;
  readonly signalsFile: string;
  readonly ms: number;
  readonly summary: string;
  /** CloudFormation's events of the simulated stack (its own and its resources'), oldest first. */
  readonly cloudFormationEvents: readonly StackEventView[];
};

function describePlan(template: LoadedTemplate, plan: UpdatePlan): string {
  const show = (change: UpdatePlan['inPlace']) =>
    change === undefined
      ? 'none'
      : `${shownParameter(template, change.parameter, change.value)} (${change.why})`;
  return `updates: in place ${show(plan.inPlace)}; replacing ${show(plan.replacing)}`;
}

/**
 * The resource types the bundle's entry serves. With the caller's own entry, a template type it
 * does not serve is a usage error that names the types it does serve.
 */
async function resourcesServed(
  bundle: string,
  templateTypes: readonly string[],
  ownEntry: boolean,
): Promise<readonly RegistryEntry[]> {
  const resources = await servedResources(bundle);
  if (resources === undefined) {
    if (ownEntry)
      throw new Error(
        'the entry exports no `resources` (export const resources = [...]; see docs/cli.md)',
      );
    return [];
  }
  const served = resources.map((entry) => entry.type);
  const missing = [...new Set(templateTypes.filter((type) => !served.includes(type)))];
  if (ownEntry && missing.length > 0)
    throw new Error(
      `the template uses ${missing.join(', ')}, which the entry does not serve; it ` +
        `serves ${served.join(', ') || 'no type'}`,
    );
  return resources;
}

/** How long the simulator keeps listening for stray answers after the last step. */
const straggleMs = 750;

/**
 * Counts every answer each request received, late ones included: a second PUT may come after the
 * invocation returned (a stray continuation), and CloudFormation would have acted on the first.
 */
async function recountAnswers(session: Session): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, straggleMs));
  session.steps.forEach((step, index) => {
    const accepted = session.endpoint
      .receivedFor(step.requestId)
      .filter((item) => item.refused === undefined);
    session.steps[index] = {
      ...step,
      answers: accepted.length,
      consistentAnswers: consistentAnswers(accepted),
    };
  });
}

/**
 * Runs one scenario of a template.
 * @example
 * const report = await simulate({
 *   template: 'templates/examples/cluster-fleet.yaml', scenario: 'lifecycle' });
 */
async function simulate(options: SimulateOptions): Promise<SimulationReport> {
  const started = Date.now();
  const write = options.write ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const scenarioName = options.scenario ?? 'lifecycle';
  const scenario = Scenarios[scenarioName];
  const template = loadTemplate(options.template);
  const runDir = resolve(
    options.outDir ??
      join(
        '.crkit',
        'simulate',
        `${new Date().toISOString().replace(/[:.]/g, '-')}-${scenarioName}`,
      ),
  );
  await mkdir(runDir, { recursive: true });
  const target: AwsTarget =
    options.profile === undefined
      ? { kind: 'offline' }
      : {
          kind: 'profile',
          profile: options.profile,
          region: options.region ?? process.env.AWS_REGION ?? 'us-east-1',
        };
  const [bundle, aws, endpoint] = await Promise.all([
    ensureBundle({ bundle: options.bundle, entry: options.entry, outdir: join(runDir, 'bundle') }),
    startAwsSide(target),
    startResponseServer({ checkSignature: true }),
  ]);
  const { standin } = aws;
  const offline = target.kind === 'offline';
  if (offline && options.imageReadyAfterSeconds !== undefined)
    standin.setImageOutcome({
      result: 'available',
      readiness: { afterMs: options.imageReadyAfterSeconds * 1000 },
    });
  const lambdaTimeoutMs =
    scenario.lambdaTimeoutMs ?? (options.lambdaTimeoutSeconds ?? (offline ? 8 : 120)) * 1000;
  const delayScale = options.delayScale ?? (offline ? 0.05 : 1);
  const lambda = createLambdaPool({
    bundle: bundle.path,
    env: aws.lambdaEnv(endpoint.origin),
    timeoutMs: lambdaTimeoutMs,
    runDir,
  });
  let emit: Session['emit'] = () => undefined;
  const onDelivery = (message: { readonly delaySeconds: number }) =>
    emit({
      kind: 'note',
      text:
        `continuation delivered from the SQS queue (DelaySeconds ` +
        `${message.delaySeconds}${delayScale === 1 ? '' : `, played ×${delayScale}`})`,
    });
  const relay = startContinuationRelay({
    standin,
    queue: aws.queueUrl,
    lambda,
    delayScale,
    onDelivery,
  });
  try {
    const parameters = resolveParameters(template, options.sets ?? {}, { offline, standin });
    const templateName = basename(options.template, extname(options.template));
    const stackName = `crkit-sim-${templateName.replace(/[^A-Za-z0-9-]/g, '-')}`.slice(0, 100);
    const { stackId } = standin.putStack({
      stackId:
        `arn:aws:cloudformation:${standin.region}:${standin.account}:` +
        `stack/${stackName}/${randomUUID()}`,
      status: 'REVIEW_IN_PROGRESS',
      tags: [{ Key: 'crkit:simulation', Value: scenarioName }],
      // What GetTemplate and DescribeStacks give a drift check: the text as deployed, the
      // parameters (NoEcho masked).
      templateBody: await readFile(options.template, 'utf8'),
      parameters: stackParameters(template, parameters.values),
    });
    const token =
      scenario.transport === 'sns'
        ? `arn:aws:sns:${standin.region}:${standin.account}:crkit-requests`
        : `arn:aws:lambda:${standin.region}:${standin.account}:function:crkit-handler`;
    const session: Session = {
      template,
      stackId,
      stackName,
      region: standin.region,
      account: standin.account,
      transport: scenario.transport,
      parameters: parameters.values,
      imports: { 'crkit-ServiceToken': token },
      resources: new Map(),
      endpoint,
      lambda,
      relay,
      standin,
      offline,
      steps: [],
      status: 'REVIEW_IN_PROGRESS',
      extraProperties: new Map(),
      redeliveries: scenario.redeliveries ?? [],
      lambdaTimeoutMs,
      emit: () => undefined,
    };
    const customs = customResources(template, (name) => conditionHolds(session, name));
    for (const logicalId of customs)
      session.resources.set(logicalId, {
        logicalId,
        type: String(template.resources[logicalId]?.Type),
        physicalId: undefined,
        properties: undefined,
        data: {},
      });
    const resources = await resourcesServed(
      bundle.path,
      customs.map((name) => String(template.resources[name]?.Type)),
      options.entry !== undefined,
    );
    const plan = await planUpdates(template, customs, parameters.values, {
      offline,
      standin,
      resources,
    });
    const timeline = createTimeline(write, Math.max(8, ...customs.map((name) => name.length)), {
      showWaits: options.showWaits === true,
    });
    session.emit = timeline.event;
    emit = timeline.event;
    write(
      `crkit simulate: ${shown(options.template)} · scenario ${scenarioName}: ${scenario.story}`,
    );
    write(aws.banner);
    write(
      `handler: ` +
        shown(bundle.path) +
        `${bundle.built ? ` (built now, ${(bundle.ms / 1000).toFixed(1)} s)` : ''} ` +
        `in a child process like Lambda (timeout ${lambdaTimeoutMs / 1000} s); ` +
        `ServiceToken ${token}`,
    );
    if (delayScale !== 1)
      write(
        `time-lapse: continuation delays play ×${delayScale}; for real time pass ` +
          `--lambda-timeout 120 --delay-scale 1`,
      );
    if (offline && options.imageReadyAfterSeconds !== undefined)
      write(
        `images: registered images become available ${options.imageReadyAfterSeconds} s ` +
          `after registration (real time)`,
      );
    write(
      `ResponseURLs: pre-signed-style on ${endpoint.origin}; stack ${stackName}; ` +
        `requests sent one at a time in dependency order ` +
        `(${customs.join(' → ') || 'no custom resources'})`,
    );
    write(
      `parameters: ${
        Object.entries(parameters.values)
          .map(([name, value]) => shownParameter(template, name, value))
          .join(', ') || 'none'
      }`,
    );
    for (const note of parameters.notes) write(`   note: ${note}`);
    write(describePlan(template, plan));
    await scenario.run({ session, plan, customs, downstream: downstreamOf(template, customs) });
    await recountAnswers(session);
    const cloudFormationEvents = standin.stackEvents(stackId).reverse();
    const checks = [
      ...commonChecks(session.steps),
      ...scenario.checks({ session, plan, customs, downstream: undefined }),
    ];
    timeline.checks(checks);
    const signalsFile = join(runDir, 'signals.jsonl');
    const ms = Date.now() - started;
    const summary = summaryLine({
      scenario: scenarioName,
      steps: session.steps,
      checks,
      status: session.status,
      ms,
      signals: shown(signalsFile),
      offline,
    });
    const lag = lagSummary(session.steps.flatMap((step) => step.waits));
    if (lag !== undefined)
      write(`${lag}${options.showWaits === true ? '' : ' (--waits shows each)'}`);
    write(summary);
    return {
      scenario: scenarioName,
      ok: checks.every((check) => check.ok),
      steps: session.steps,
      checks,
      status: session.status,
      plan,
      parameters: parameters.values,
      signalsFile,
      ms,
      summary,
      cloudFormationEvents,
    };
  } finally {
    relay.stop();
    lambda.stop();
    await Promise.all([endpoint.close(), standin.stop()]);
  }
}

export { simulate };
export type { SimulateOptions, SimulationReport };
