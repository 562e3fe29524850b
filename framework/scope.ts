/**
 * The request scope: per-request facts that code far from the dispatcher needs, such as the
 * list of AWS calls made for the request (filled by an SDK middleware at the edge, so
 * resources do nothing special).
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** One AWS call made while serving a request. */
type AwsCallRecord = {
  readonly service: string;
  readonly operation: string;
  readonly awsRequestId: string | undefined;
  readonly httpStatus: number | undefined;
  /** Attempts the SDK made, retries included. */
  readonly attempts: number;
  readonly errorCode: string | undefined;
  readonly ms: number;
};

type RequestScope = { readonly awsCalls: AwsCallRecord[] };

const storage = new AsyncLocalStorage<RequestScope>();

/**
 * Runs `work` with a fresh request scope and returns its result with the AWS calls it made.
 * @internal
 */
async function inRequestScope<T>(
  work: () => Promise<T>,
): Promise<{ result: T; awsCalls: AwsCallRecord[] }> {
  const scope: RequestScope = { awsCalls: [] };
  const result = await storage.run(scope, work);
  return { result, awsCalls: scope.awsCalls };
}

/**
 * Adds an AWS call to the current request's record; outside a request it is dropped.
 * @example
 * recordAwsCall({
 *   service: 'EC2', operation: 'CreatePlacementGroup', awsRequestId,
 *   httpStatus: 200, attempts: 1, errorCode: undefined, ms: 41,
 * });
 */
function recordAwsCall(call: AwsCallRecord): void {
  storage.getStore()?.awsCalls.push(call);
}

/**
 * The AWS calls recorded so far in the current request scope.
 * @internal
 */
function currentAwsCalls(): readonly AwsCallRecord[] {
  return storage.getStore()?.awsCalls ?? [];
}

export { currentAwsCalls, inRequestScope, recordAwsCall };
export type { AwsCallRecord };
