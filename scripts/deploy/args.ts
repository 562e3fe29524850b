/**
 * Command-line options of `crkit deploy`.
 */
import { parseArgs } from 'node:util';

/** What the operator asked for. */
type DeployOptions = {
  /**
   * Named profile from the shared config files; omitted = the SDK's standard chain (env, SSO,
   * instance role).
   */
  readonly profile: string | undefined;
  readonly region: string;
  /** S3 bucket in `region` that receives the bundle. */
  readonly bucket: string;
  /** Export and stack-name prefix. @default 'crkit' */
  readonly prefix: string;
  /** Create the audit topic and wire it to the function. @default false */
  readonly audit: boolean;
  /**
   * AWS Organization ID whose accounts may also publish requests. @default undefined (this account
   * only)
   */
  readonly organizationId: string | undefined;
  /** Print the plan and stop: no build, no AWS call. @default false */
  readonly dryRun: boolean;
  /**
   * The Lambda entry to build, relative to the working directory. @default crkit's own entry (the
   * built-in types)
   */
  readonly entry?: string | undefined;
};

/** The command line is unusable; the message says why. */
class UsageError extends Error {
  override readonly name = 'UsageError';
}

const Usage =
  'usage: crkit deploy --region R --bucket B [--entry FILE] [--profile NAME] [--prefix ' +
  'crkit] [--audit] [--org-id o-…] [--dry-run]';

/** The parsed flags; a usage error when they do not parse. */
function deployValues(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      strict: true,
      options: {
        profile: { type: 'string' },
        region: { type: 'string' },
        bucket: { type: 'string' },
        prefix: { type: 'string', default: 'crkit' },
        audit: { type: 'boolean', default: false },
        'org-id': { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        entry: { type: 'string' },
      },
    }).values;
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n${Usage}`);
  }
}

/**
 * Parses `process.argv.slice(2)`.
 * @example
 * parseDeployArgs(['--region', 'eu-west-1', '--bucket', 'artifacts', '--profile', 'ops']);
 */
function parseDeployArgs(argv: readonly string[]): DeployOptions {
  const values = deployValues(argv);
  const region = values.region ?? process.env.AWS_REGION;
  if (region === undefined || region === '')
    throw new UsageError(`--region is required (or AWS_REGION)\n${Usage}`);
  if (values.bucket === undefined) throw new UsageError(`--bucket is required\n${Usage}`);
  if (!/^[a-z][a-z0-9-]{0,30}$/.test(values.prefix))
    throw new UsageError('--prefix must match ^[a-z][a-z0-9-]{0,30}$');
  const organizationId = values['org-id'];
  if (organizationId !== undefined && !/^o-[a-z0-9]{10,32}$/.test(organizationId))
    throw new UsageError('--org-id must look like o-abcdefghij');
  return {
    profile: values.profile,
    region,
    bucket: values.bucket,
    prefix: values.prefix,
    audit: values.audit,
    organizationId,
    dryRun: values['dry-run'],
    entry: values.entry,
  };
}

export { Usage as DeployUsage, UsageError, parseDeployArgs };
export type { DeployOptions };
