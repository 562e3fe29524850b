/**
 * `crkit drift (--stack NAME … | --all) [--profile P] [--region R] [--json] [--standin URL]`:
 * checks crkit's custom resources for drift. Against AWS it reads with the profile and region;
 * against a local stand-in (`--standin`, or CRKIT_STANDIN_URL as the stand-in's env sets it)
 * every client goes to the stand-in with fake credentials. Reads only. Exits 0 when all is in
 * sync, 1 when something drifted, 2 on a usage error, 3 when the check could not run.
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { ResourceDrift } from '../../framework/index.js';
import { awsErrorCode, createLogger, createRegistry } from '../../framework/index.js';
import { cloudFormationDriftPorts } from '../../handlers/aws/drift-ports.js';
import { checkStackDrift, listCrkitStacks } from '../../handlers/drift/check-stack.js';
import { builtInResources } from '../../handlers/resources/index.js';
import { DriftUsage, DriftUsageError, parseDriftArgs } from './args.js';
import type { DriftOptions } from './args.js';
import { toStackResourceDrift } from './cloudformation-shape.js';
import { formatStackDrift, hasDrifted, summaryLine } from './report.js';

/** What the command does with the world; tests give their own. */
type DriftDeps = {
  /** The verdicts for one stack. */
  check(stackName: string, signal: AbortSignal): Promise<readonly ResourceDrift[]>;
  /** The stacks that hold a crkit resource (for `--all`). */
  listStacks(signal: AbortSignal): Promise<readonly string[]>;
  /** Standard output, one line at a time. */
  out(line: string): void;
  /** Standard error, one line at a time. */
  err(line: string): void;
};

/** Fake credentials for the stand-in: real ones never go to it. */
const StandinCredentials = {
  AWS_ACCESS_KEY_ID: 'AKIASTANDINFAKEKEY00',
  AWS_SECRET_ACCESS_KEY: 'standin-fake-secret-not-a-real-credential',
  AWS_SESSION_TOKEN: 'standin-fake-session-token',
};

/**
 * Points every SDK client of this process (the CloudFormation client here, the EC2 client the
 * resources' `read` uses) at the target, and returns one line saying where that is.
 */
function aimClients(options: DriftOptions, env: NodeJS.ProcessEnv): string {
  if (options.region !== undefined) env.AWS_REGION = options.region;
  if (options.standin !== undefined) {
    for (const name of [
      'AWS_ENDPOINT_URL',
      'AWS_ENDPOINT_URL_EC2',
      'AWS_ENDPOINT_URL_CLOUDFORMATION',
    ])
      env[name] = options.standin;
    Object.assign(env, StandinCredentials);
    env.AWS_REGION ??= 'us-east-1';
    env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    delete env.AWS_PROFILE;
    const ignored =
      options.profile === undefined
        ? ''
        : ` (profile ${options.profile} not used: its credentials never go to the stand-in)`;
    return (
      `crkit drift: AWS is a LOCAL STAND-IN on ${options.standin}, region ` +
      `${env.AWS_REGION}${ignored}; nothing reaches Amazon Web Services`
    );
  }
  if (options.profile !== undefined) env.AWS_PROFILE = options.profile;
  const credentials =
    options.profile === undefined ? ' (default credentials)' : ` with profile ${options.profile}`;
  return (
    `crkit drift: reading ` +
    `AWS${credentials} ` +
    `in ${env.AWS_REGION ?? 'the default region'}; read calls only`
  );
}

/** The real dependencies: CloudFormation and the resources' `read` through the SDK. */
function defaultDeps(options: DriftOptions): DriftDeps {
  const client = new CloudFormationClient(
    options.standin === undefined && options.profile !== undefined
      ? { profile: options.profile }
      : {},
  );
  const ports = cloudFormationDriftPorts(client);
  const registry = createRegistry(builtInResources);
  const err = (line: string) => void process.stderr.write(`${line}\n`);
  const log = createLogger({ level: 'warn', sink: err, fields: { tool: 'crkit drift' } });
  return {
    check: (stackName, signal) => checkStackDrift({ stackName, ports, registry, signal, log }),
    listStacks: (signal) => listCrkitStacks({ ports, signal, registry }),
    out: (line) => void process.stdout.write(`${line}\n`),
    err,
  };
}

const failureText = (error: unknown): string => {
  const code = awsErrorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  return code === undefined ? message : `${code}: ${message}`;
};

/** One stack's verdicts, or why it could not be checked. */
type StackResult =
  | { readonly stackName: string; readonly drifts: readonly ResourceDrift[] }
  | { readonly stackName: string; readonly failure: unknown };

/**
 * Checks the stacks asked for, one after the other; a stack that cannot be checked does not stop
 * the others.
 */
async function checkAll(
  options: DriftOptions,
  deps: DriftDeps,
  signal: AbortSignal,
): Promise<StackResult[]> {
  const names = options.all ? await deps.listStacks(signal) : options.stacks;
  const results: StackResult[] = [];
  for (const stackName of names) {
    try {
      results.push({ stackName, drifts: await deps.check(stackName, signal) });
    } catch (failure) {
      if (signal.aborted) throw failure;
      results.push({ stackName, failure });
    }
  }
  return results;
}

/**
 * A stack named with --stack that CloudFormation does not know (with --all, a stack deleted
 * meanwhile is a failure).
 */
const isUnknownStack = (options: DriftOptions, failure: unknown): boolean =>
  !options.all && awsErrorCode(failure) === 'ValidationError';

/**
 * The exit status: 1 when anything drifted (even if another stack could not be checked), else 2
 * when a named stack does not exist, else 3 when a stack could not be checked, else 0.
 */
function exitStatus(options: DriftOptions, results: readonly StackResult[]): number {
  const failures = results.flatMap((result) => ('failure' in result ? [result.failure] : []));
  if (results.some((result) => 'drifts' in result && hasDrifted(result.drifts))) return 1;
  if (failures.some((failure) => isUnknownStack(options, failure))) return 2;
  return failures.length > 0 ? 3 : 0;
}

/** Prints the verdicts (lines or CloudFormation's JSON) on stdout and each failure on stderr. */
function report(options: DriftOptions, deps: DriftDeps, results: readonly StackResult[]): void {
  const drifts = results.flatMap((result) => ('drifts' in result ? result.drifts : []));
  for (const result of results) {
    if (!('failure' in result)) continue;
    const hint = isUnknownStack(options, result.failure)
      ? ` (is the stack name right, and the region?)\n${DriftUsage}`
      : '';
    deps.err(
      `crkit drift: stack ${result.stackName}: the check could not run: ` +
        `${failureText(result.failure)}${hint}`,
    );
  }
  if (options.json) {
    deps.out(JSON.stringify(drifts.map(toStackResourceDrift), null, 2));
    return;
  }
  if (results.length === 0) deps.out('no stack in this region holds a crkit resource');
  for (const result of results)
    if ('drifts' in result)
      for (const line of formatStackDrift(result.stackName, result.drifts)) deps.out(line);
  deps.out(summaryLine(drifts));
}

/**
 * Runs the drift command and returns its exit code.
 * @example
 * process.exitCode = await runDrift(['--stack', 'fleet', '--json']);
 */
async function runDrift(
  argv: readonly string[],
  makeDeps: (options: DriftOptions) => DriftDeps = defaultDeps,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${DriftUsage}\n`);
    return 0;
  }
  let options: DriftOptions;
  try {
    options = parseDriftArgs(argv, env);
  } catch (error) {
    if (!(error instanceof DriftUsageError)) throw error;
    process.stderr.write(`crkit drift: ${error.message}\n`);
    return 2;
  }
  const banner = aimClients(options, env);
  const deps = makeDeps(options);
  deps.err(banner);
  const controller = new AbortController();
  const stop = () => controller.abort(new Error('interrupted'));
  process.once('SIGINT', stop);
  try {
    const results = await checkAll(options, deps, controller.signal);
    report(options, deps, results);
    return exitStatus(options, results);
  } catch (error) {
    deps.err(`crkit drift: the check could not run: ${failureText(error)}`);
    return 3;
  } finally {
    process.off('SIGINT', stop);
  }
}

export { aimClients, defaultDeps, runDrift };
export type { DriftDeps };
