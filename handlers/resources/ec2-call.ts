/**
 * Every EC2 call of the built-in resource types goes through `callEc2`. Retries are the SDK
 * client's alone (`handlers/aws/retry-policy.ts`), bounded by the request's working time and
 * its AbortSignal, which each call passes; `callEc2` never calls again. A call the deadline cut
 * short fails with the deadline's reason; any other failure becomes a crkit error whose Reason a
 * person understands: throttling that outlasted the SDK's attempts (or the time for them), a
 * missing IAM permission, or what AWS answered (an AwsCallError keeping the EC2 code as
 * `awsCode`).
 */
import type { BaseInput } from '../../framework/index.js';
import { ResourceError, ThrottlingCodes } from '../../framework/index.js';
import { awsCallError, awsErrorCode } from '../../framework/index.js';
import { ec2 } from '../aws/ec2.js';
import { withCallBudget } from '../aws/retry-policy.js';
import type { Ec2 } from '../aws/ec2.js';

/**
 * What a call needs from the request: its identity (for Reasons), its AbortSignal and, when it
 * has one, its working time, which bounds the SDK's retries.
 */
type Ec2CallContext = Pick<BaseInput, 'request' | 'signal'> &
  Partial<Pick<BaseInput, 'remainingMs'>>;

const PermissionCodes = new Set(['UnauthorizedOperation', 'AccessDenied', 'AccessDeniedException']);

/** The attempts the SDK made before it gave up, as its error reports them, in words. */
function attemptsOf(error: Error): string {
  const attempts = (error as { $metadata?: { attempts?: unknown } }).$metadata?.attempts;
  if (typeof attempts === 'number' && attempts > 1) return `all ${attempts} attempts`;
  return 'its only attempt';
}

/**
 * Turns an SDK error into a crkit error with a Reason for a person; anything else is returned
 * unchanged.
 * @example
 * throw explainEc2Failure(error, 'CreatePlacementGroup', context, groupName);
 */
function explainEc2Failure(
  error: unknown,
  operation: string,
  context: Ec2CallContext,
  leftBehind?: string,
): unknown {
  const code = awsErrorCode(error);
  if (code === undefined || !(error instanceof Error)) return error;
  const options = { cause: error, physicalId: leftBehind };
  if (ThrottlingCodes.has(code)) {
    return new ResourceError(
      `EC2 throttled ec2:${operation} (${code}) on ${attemptsOf(error)}, ` +
        "so the account's EC2 API rate is used up right now (other deployments or scripts " +
        'calling EC2). Nothing is wrong with the template; ' +
        'retry the stack operation in a few minutes',
      options,
    );
  }
  if (PermissionCodes.has(code)) {
    return new ResourceError(
      `The handler's IAM role may not call ec2:${operation} (${code}); grant it the statements ` +
        `${context.request.resourceType} declares in iamStatements`,
      options,
    );
  }
  return awsCallError(error, `ec2:${operation}`, { physicalId: leftBehind });
}

/**
 * Makes one EC2 call (the SDK's retries inside it); a failure becomes an AwsCallError
 * (`awsCode` set) or a ResourceError. `leftBehind` names something that already exists, so a
 * FAILED answer carries it and the rollback's Delete removes it.
 * @example
 * const answer = await callEc2(context, 'DescribePlacementGroups', ({ client, sdk }) =>
 *   client.send(new sdk.DescribePlacementGroupsCommand({ GroupNames: [name] }), {
 *     abortSignal: context.signal,
 *   }));
 */
async function callEc2<T>(
  context: Ec2CallContext,
  operation: string,
  run: (ec2: Ec2) => Promise<T>,
  leftBehind?: string,
): Promise<T> {
  const client = await ec2();
  const { remainingMs } = context;
  try {
    if (remainingMs === undefined) return await run(client);
    return await withCallBudget({ remainingMs }, () => run(client));
  } catch (error) {
    // Cut short by the deadline (in an attempt or in a backoff): the deadline is the answer.
    if (context.signal.aborted) throw context.signal.reason;
    throw explainEc2Failure(error, operation, context, leftBehind);
  }
}

export { callEc2 };
export type { Ec2CallContext };
