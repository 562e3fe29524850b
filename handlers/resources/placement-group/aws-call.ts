/**
 * Every EC2 call of this resource goes through `callEc2`: it passes the request's AbortSignal,
 * keeps retrying throttled calls with backoff while the invocation has time (the SDK's own
 * retries come first), and turns failures into crkit errors whose Reason a person understands.
 */
import type { BaseInput } from '../../../framework/index.js';
import { ThrottlingCodes, awsCallError, awsErrorCode, ResourceError, sleep } from '../../../framework/index.js';
import { ec2 } from '../../aws/ec2.js';
import type { Ec2 } from '../../aws/ec2.js';

/** How this resource waits between attempts (throttling, a group in use, a group pending). */
type Pacing = {
  /** First wait. @default 500 */
  readonly firstDelayMs: number;
  /** Longest single wait; waits double up to it. @default 8000 */
  readonly maxDelayMs: number;
  /** Time kept back after a wait, for the next call and the answer. @default 4000 */
  readonly reserveMs: number;
};

/**
 * Production waits: 0.5 s doubling to 8 s, keeping 4 s back for the next call and the answer.
 * @example
 * placementGroupDefinition(defaultPacing)
 */
const defaultPacing: Pacing = { firstDelayMs: 500, maxDelayMs: 8000, reserveMs: 4000 };

/** What a step of this resource needs from the request. @internal */
type StepContext = Pick<BaseInput, 'request' | 'log' | 'signal' | 'remainingMs' | 'action'> & { readonly pacing: Pacing };

const PermissionCodes = new Set(['UnauthorizedOperation', 'AccessDenied', 'AccessDeniedException']);

/**
 * The wait after attempt `attempt` (from 0): doubling from `firstDelayMs`, capped at `maxDelayMs`.
 * @example
 * delayAfter(2, defaultPacing) // 2000
 * @internal
 */
function delayAfter(attempt: number, pacing: Pacing): number {
  return Math.min(pacing.firstDelayMs * 2 ** attempt, pacing.maxDelayMs);
}

/**
 * True when waiting `delayMs` still leaves the reserve.
 * @example
 * if (!hasTimeFor(delayMs, context)) return inProgress({ … });
 * @internal
 */
function hasTimeFor(delayMs: number, context: StepContext): boolean {
  return context.remainingMs() > delayMs + context.pacing.reserveMs;
}

/** Turns an SDK error into a crkit error with a Reason for a person. */
function explain(error: unknown, operation: string, attempts: number, leftBehind: string | undefined): unknown {
  const code = awsErrorCode(error);
  if (code === undefined || !(error instanceof Error)) return error;
  const options = { cause: error, physicalId: leftBehind };
  if (ThrottlingCodes.has(code)) {
    return new ResourceError(
      `EC2 throttled ec2:${operation} (${code}) on all ${attempts} attempts, so the account's EC2 API rate is used up right now ` +
        '(other deployments or scripts calling EC2). Nothing is wrong with the template; retry the stack operation in a few minutes',
      options,
    );
  }
  if (PermissionCodes.has(code)) {
    return new ResourceError(`The handler's IAM role may not call ec2:${operation} (${code}); grant it the statements Custom::PlacementGroup declares in iamStatements`, options);
  }
  return awsCallError(error, `ec2:${operation}`, { physicalId: leftBehind });
}

/**
 * Makes one EC2 call, retrying throttling while time allows; failures become AwsCallError
 * (`awsCode` set) or ResourceError. `leftBehind` names a group that already exists, so a
 * FAILED answer carries it and the rollback Delete removes it.
 * @example
 * const answer = await callEc2(context, 'DescribePlacementGroups', ({ client, sdk }) =>
 *   client.send(new sdk.DescribePlacementGroupsCommand({ GroupNames: [name] }), { abortSignal: context.signal }));
 */
async function callEc2<T>(context: StepContext, operation: string, run: (ec2: Ec2) => Promise<T>, leftBehind?: string): Promise<T> {
  const client = await ec2();
  let sdkAttempts = 0;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await run(client);
    } catch (error) {
      const code = awsErrorCode(error);
      sdkAttempts += (error as { $metadata?: { attempts?: number } }).$metadata?.attempts ?? 1;
      const delayMs = delayAfter(attempt, context.pacing);
      if (code === undefined || !ThrottlingCodes.has(code) || !hasTimeFor(delayMs, context)) throw explain(error, operation, sdkAttempts, leftBehind);
      context.log.warn(`ec2:${operation} was throttled (${code}); retrying`, { attempt: attempt + 1, delayMs });
      await sleep(delayMs, context.signal);
    }
  }
}

export { callEc2, defaultPacing, delayAfter, hasTimeFor };
export type { Pacing, StepContext };
