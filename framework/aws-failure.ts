/**
 * AWS SDK failures in words. The SDK reports three different things through one error shape:
 * AWS answered with an error code; AWS answered but the answer could not be read; or no answer
 * came at all (a reset connection, a timeout, an aborted call). A Reason must say which.
 */
import { AwsCallError } from './errors.js';

type SdkError = Error & {
  $metadata: { httpStatusCode?: number; attempts?: number };
  code?: unknown;
};

/**
 * True for an error thrown by an AWS SDK v3 client.
 * @example
 * if (isAwsSdkError(error)) log.warn('AWS call failed', { code: error.name });
 */
function isAwsSdkError(error: unknown): error is SdkError {
  return (
    error instanceof Error &&
    typeof (error as Partial<SdkError>).$metadata === 'object' &&
    (error as Partial<SdkError>).$metadata !== null
  );
}

/**
 * The AWS error code of a failed call (the SDK's error name, or an AwsCallError's code), or
 * undefined when the value is no AWS failure.
 * @example
 * if (awsErrorCode(error) === 'InvalidPlacementGroup.Unknown') return succeeded(physicalId);
 */
function awsErrorCode(error: unknown): string | undefined {
  if (error instanceof AwsCallError) return error.awsCode;
  return isAwsSdkError(error) ? error.name : undefined;
}

/** Error codes with which AWS turns a call away before doing anything. */
const ThrottlingCodes = new Set([
  'RequestLimitExceeded',
  'Throttling',
  'ThrottlingException',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'SlowDown',
]);

/**
 * True when AWS answered a call with an error that means it did nothing: a client error (HTTP
 * 4xx) or throttling. False for anything else (no answer, a reset, an abort, a server error),
 * whose outcome is unknown. Looks through `cause`, so a wrapped SDK error counts.
 * @example
 * if (isRefusal(error)) forgetTheMark();
 */
function isRefusal(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    if (isAwsSdkError(current)) {
      const status = current.$metadata.httpStatusCode;
      return (
        (status !== undefined && status >= 400 && status < 500) || ThrottlingCodes.has(current.name)
      );
    }
    current = current.cause;
  }
  return false;
}

/**
 * A Reason for a failed AWS call; `call` names it ("ec2:CreatePlacementGroup" or "create of …").
 * @example
 * awsFailureReason(error, 'ec2:DeletePlacementGroup')
 * // 'ec2:DeletePlacementGroup failed: AWS returned InvalidPlacementGroup.InUse (HTTP 400): …'
 */
function awsFailureReason(error: SdkError, call: string): string {
  const status = error.$metadata.httpStatusCode;
  const attempts = error.$metadata.attempts ?? 1;
  const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
  // The message is kept whole: it may quote a secret, which must be masked whole before the
  // Reason is tidied and cut to fit the answer (both happen when the answer is built).
  const message = error.message ? `: ${error.message}` : '';
  if (error.name === 'AbortError')
    return `${call} was cut short: the time for this request ran out`;
  if (status === undefined) {
    const code = typeof error.code === 'string' ? error.code : error.name;
    return (
      `${call} got no answer from AWS${tries} (${code}${message}); the network path to the ` +
      `AWS endpoint failed, and retrying the stack operation may succeed`
    );
  }
  if (status < 300)
    return (
      `${call}: AWS answered HTTP ${status}, but the answer could not be ` +
      `read${tries}${message}`
    );
  return `${call} failed${tries}: AWS returned ${error.name} (HTTP ${status})${message}`;
}

/**
 * Wraps an AWS SDK failure as an AwsCallError with a Reason a person understands; anything
 * else is returned unchanged.
 * @example
 * catch (error) { throw awsCallError(error, 'ec2:RegisterImage', { physicalId: imageId }); }
 */
function awsCallError(
  error: unknown,
  call: string,
  options: { readonly physicalId?: string | undefined } = {},
): unknown {
  if (!isAwsSdkError(error)) return error;
  return new AwsCallError(awsFailureReason(error, call), error.name, {
    cause: error,
    physicalId: options.physicalId,
  });
}

export { ThrottlingCodes, awsCallError, awsErrorCode, awsFailureReason, isAwsSdkError, isRefusal };
