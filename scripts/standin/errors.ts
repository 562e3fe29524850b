/**
 * The one error type service handlers throw. Each protocol renderer turns it into the
 * wire shape its SDK expects (EC2 `<Response><Errors>`, Query `<ErrorResponse>`, SQS JSON).
 */

/** Who AWS blames for a failure; decides the Query `<Type>` and the SQS compat header. */
type Fault = 'Sender' | 'Receiver';

/**
 * An AWS API error with the real code, message and HTTP status.
 *
 * @example
 * ```ts
 * throw new ApiError('InvalidPlacementGroup.Unknown', "The Placement Group 'x' is unknown.");
 * ```
 */
class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: string;
  readonly status: number;
  readonly fault: Fault;

  constructor(code: string, message: string, status = 400) {
    super(message);
    this.code = code;
    this.status = status;
    this.fault = status >= 500 ? 'Receiver' : 'Sender';
  }
}

/** `MissingParameter`, phrased as EC2 phrases it. @internal */
const missingParameter = (name: string): ApiError =>
  new ApiError('MissingParameter', `The request must contain the parameter ${name}`);

/** `InvalidParameterValue` for one value. @internal */
const invalidValue = (name: string, value: string, detail = ''): ApiError =>
  new ApiError(
    'InvalidParameterValue',
    `Value (${value}) for parameter ${name} is invalid.${detail ? ` ${detail}` : ''}`,
  );

export { ApiError, missingParameter, invalidValue };
export type { Fault };
