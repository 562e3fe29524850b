/**
 * Errors crkit raises. Each carries a `reason` that is safe to send to CloudFormation
 * (no stack trace, no raw property value) and a stable `code`.
 */

/** Stable codes of crkit's errors. */
const ErrorCodes = {
  properties: 'CRKIT_PROPERTIES',
  unknownType: 'CRKIT_UNKNOWN_TYPE',
  definition: 'CRKIT_DEFINITION',
  deadline: 'CRKIT_DEADLINE',
  aws: 'CRKIT_AWS',
  resource: 'CRKIT_RESOURCE',
  response: 'CRKIT_RESPONSE',
} as const;
type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

type CrkitErrorOptions = {
  /** The underlying error, kept for logs, never for the Reason. */
  readonly cause?: unknown;
  /** The physical id to answer with, when something already exists (a partial create). */
  readonly physicalId?: string | undefined;
};

/**
 * Base of every crkit error; `reason` is what CloudFormation shows.
 * @example
 * throw new CrkitError('CRKIT_RESOURCE', 'GroupName is taken by another stack');
 */
class CrkitError extends Error {
  override name = 'CrkitError';
  readonly code: ErrorCode;
  readonly reason: string;
  readonly physicalId: string | undefined;

  constructor(code: ErrorCode, reason: string, options: CrkitErrorOptions = {}) {
    super(reason, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.reason = reason;
    this.physicalId = options.physicalId;
  }
}

/**
 * The base of an error class whose code is fixed: its constructor takes the reason and options.
 * @example
 * class PropertiesError extends errorWithCode('PropertiesError', ErrorCodes.properties) {}
 */
function errorWithCode(name: string, code: ErrorCode) {
  return class extends CrkitError {
    override name = name;
    constructor(reason: string, options?: CrkitErrorOptions) {
      super(code, reason, options);
    }
  };
}

/**
 * Properties did not match the resource's schema.
 * @example
 * throw new PropertiesError('PartitionCount: must be at most 7');
 */
class PropertiesError extends errorWithCode('PropertiesError', ErrorCodes.properties) {}

/**
 * No resource type is registered under the request's ResourceType.
 * @example
 * throw new UnknownResourceTypeError('Custom::Nope', ['Custom::PlacementGroup']);
 */
class UnknownResourceTypeError extends CrkitError {
  override name = 'UnknownResourceTypeError';
  constructor(type: string, known: readonly string[]) {
    super(
      ErrorCodes.unknownType,
      `Unknown ResourceType ${type}; this handler serves ${known.join(', ') || 'no types'}`,
    );
  }
}

/**
 * A resource definition is unusable (failed to load, or is missing a function).
 * @example
 * throw new DefinitionError('Custom::X: the module failed to load (SyntaxError)');
 */
class DefinitionError extends errorWithCode('DefinitionError', ErrorCodes.definition) {}

/**
 * The invocation's time ran out before the resource finished.
 * @example
 * throw new DeadlineError('create of Custom::X did not finish within 12 s');
 */
class DeadlineError extends errorWithCode('DeadlineError', ErrorCodes.deadline) {}

/**
 * An AWS call failed; `awsCode` is the service's error code.
 * @example
 * throw new AwsCallError(
 *   'CreatePlacementGroup failed: InvalidPlacementGroup.Duplicate',
 *   'InvalidPlacementGroup.Duplicate',
 * );
 */
class AwsCallError extends CrkitError {
  override name = 'AwsCallError';
  readonly awsCode: string;
  constructor(reason: string, awsCode: string, options?: CrkitErrorOptions) {
    super(ErrorCodes.aws, reason, options);
    this.awsCode = awsCode;
  }
}

/**
 * A resource's own refusal, with a reason written for the template author.
 * @example
 * throw new ResourceError('DriverConfirmed must be true: install the ena driver first');
 */
class ResourceError extends errorWithCode('ResourceError', ErrorCodes.resource) {}

/**
 * True for any crkit error, also across bundle copies (checked by shape, not by class).
 * @example
 * if (isCrkitError(error)) reason = error.reason;
 */
function isCrkitError(value: unknown): value is CrkitError {
  if (!(value instanceof Error)) return false;
  const candidate = value as Partial<CrkitError>;
  return (
    typeof candidate.reason === 'string' &&
    typeof candidate.code === 'string' &&
    candidate.code.startsWith('CRKIT_')
  );
}

export {
  AwsCallError,
  CrkitError,
  DeadlineError,
  DefinitionError,
  ErrorCodes,
  PropertiesError,
  ResourceError,
  UnknownResourceTypeError,
  isCrkitError,
};
export type { CrkitErrorOptions, ErrorCode };
