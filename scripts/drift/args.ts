/**
 * The command line of `crkit drift (--stack NAME … | --all) [--profile P] [--region R] [--json]
 * [--standin URL]`.
 */
import { parseArgs } from 'node:util';

/** What the operator asked for. */
type DriftOptions = {
  /** Stacks to check by name or id; empty with `all`. */
  readonly stacks: readonly string[];
  /** Every stack in the region that holds a crkit resource. */
  readonly all: boolean;
  /** Named profile from the shared config files; omitted = the SDK's standard chain. */
  readonly profile: string | undefined;
  /** @default AWS_REGION */
  readonly region: string | undefined;
  /** CloudFormation's `StackResourceDrift` list on stdout instead of lines for people. */
  readonly json: boolean;
  /**
   * A local stand-in to check against instead of AWS (loopback only). @default CRKIT_STANDIN_URL
   */
  readonly standin: string | undefined;
};

/** The command line is unusable; the message says what is accepted. */
class DriftUsageError extends Error {
  override readonly name = 'DriftUsageError';
}

/** Usage text. */
const DriftUsage = `usage: crkit drift --stack NAME [--stack NAME …] | --all  [--profile P]
                   [--region R] [--json] [--standin URL]
Checks crkit's custom resources for drift: each one's live state against what its stack declares.
  --stack NAME    a stack name or id (repeatable)
  --all           every stack in the region with a crkit resource
  --profile P     AWS profile (shared config files)
  --region R      AWS region (default AWS_REGION)
  --json          CloudFormation's StackResourceDrift list (as DescribeStackResourceDrifts gives it)
  --standin URL   check a local stand-in (http://127.0.0.1:…) instead of AWS
                  (default CRKIT_STANDIN_URL)
Exit status: 0 all in sync, 1 something drifted (MODIFIED or DELETED), 2 usage error,
3 the check could not run.`;

const isLoopback = (url: string): boolean => {
  try {
    const { protocol, hostname } = new URL(url);
    return (
      protocol === 'http:' &&
      (hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]')
    );
  } catch {
    return false;
  }
};

/** The parsed flags; a usage error when they do not parse. */
function driftValues(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        stack: { type: 'string', multiple: true, default: [] },
        all: { type: 'boolean', default: false },
        profile: { type: 'string' },
        region: { type: 'string' },
        json: { type: 'boolean', default: false },
        standin: { type: 'string' },
      },
    }).values;
  } catch (error) {
    throw new DriftUsageError(
      `${error instanceof Error ? error.message : String(error)}\n${DriftUsage}`,
    );
  }
}

/**
 * Parses the arguments after `drift`.
 * @example
 * parseDriftArgs(['--stack', 'fleet', '--json']);
 * // { stacks: ['fleet'], all: false, json: true, … }
 */
function parseDriftArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
): DriftOptions {
  const values = driftValues(argv);
  const stacks = values.stack ?? [];
  if (stacks.some((stack) => stack.trim() === ''))
    throw new DriftUsageError(`--stack needs a stack name or id\n${DriftUsage}`);
  if (stacks.length === 0 && !values.all)
    throw new DriftUsageError(`name a stack (--stack NAME) or ask for --all\n${DriftUsage}`);
  if (stacks.length > 0 && values.all)
    throw new DriftUsageError(`--stack and --all exclude each other\n${DriftUsage}`);
  if (values.region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(values.region))
    throw new DriftUsageError(
      `--region must be a region name like eu-west-1, got ${values.region}\n${DriftUsage}`,
    );
  const standin = values.standin ?? (env.CRKIT_STANDIN_URL || undefined);
  if (standin !== undefined && !isLoopback(standin))
    throw new DriftUsageError(
      `--standin must be a loopback http URL (http://127.0.0.1:PORT), got ` +
        `${standin}\n${DriftUsage}`,
    );
  return {
    stacks,
    all: values.all ?? false,
    profile: values.profile,
    region: values.region ?? (env.AWS_REGION || undefined),
    json: values.json ?? false,
    standin,
  };
}

export { DriftUsage, DriftUsageError, parseDriftArgs };
export type { DriftOptions };
