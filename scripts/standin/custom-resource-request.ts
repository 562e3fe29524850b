/**
 * The parts of a custom-resource request and of its answer that CloudFormation's own view of a
 * stack depends on, and the one test of whether something is such a request.
 */
import { nameFromArn } from './stacks.js';

/** The request types CloudFormation sends. */
type RequestType = 'Create' | 'Update' | 'Delete';

/** A custom-resource request as CloudFormation sends it (the fields its view depends on). */
type CustomResourceRequest = {
  readonly RequestType: RequestType;
  /** The stack ARN. */
  readonly StackId: string;
  readonly LogicalResourceId: string;
  readonly ResourceType: string;
  /** Present in Update and Delete. */
  readonly PhysicalResourceId?: string | undefined;
  /** CloudFormation never sends one RequestId twice: a repeat is a redelivery. */
  readonly RequestId?: string | undefined;
};

/** The answer document PUT to the ResponseURL (the fields CloudFormation's view depends on). */
type CustomResourceAnswer = {
  /** `SUCCESS` or `FAILED`. */
  readonly Status: string;
  readonly PhysicalResourceId?: string | undefined;
  /** Becomes the resource's status reason when the answer fails it. */
  readonly Reason?: string | undefined;
};

const REQUEST_TYPES: readonly string[] = ['Create', 'Update', 'Delete'];

const text = (value: unknown): value is string => typeof value === 'string' && value !== '';

/**
 * The request in `value` (an object, or its JSON text as SNS carries it), or `undefined` when
 * it is not a well-formed request CloudFormation could have sent.
 *
 * @example
 * ```ts
 * const request = asCustomResourceRequest(snsRecord.Sns.Message);
 * if (request !== undefined) standin.requestSent(request);
 * ```
 */
const asCustomResourceRequest = (value: unknown): CustomResourceRequest | undefined => {
  let candidate = value;
  if (typeof value === 'string') {
    try {
      candidate = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (typeof candidate !== 'object' || candidate === null || Array.isArray(candidate))
    return undefined;
  const fields = candidate as Record<string, unknown>;
  const { RequestType, StackId, LogicalResourceId, ResourceType, PhysicalResourceId, RequestId } =
    fields;
  if (typeof RequestType !== 'string' || !REQUEST_TYPES.includes(RequestType)) return undefined;
  if (
    !text(StackId) ||
    nameFromArn(StackId) === undefined ||
    !text(LogicalResourceId) ||
    !text(ResourceType)
  )
    return undefined;
  if (RequestType !== 'Create' && !text(PhysicalResourceId)) return undefined;
  if (RequestId !== undefined && !text(RequestId)) return undefined;
  return {
    RequestType: RequestType as RequestType,
    StackId,
    LogicalResourceId,
    ResourceType,
    ...(RequestType === 'Create' ? {} : { PhysicalResourceId: PhysicalResourceId as string }),
    ...(RequestId === undefined ? {} : { RequestId }),
  };
};

/** Like {@link asCustomResourceRequest}, but a value that is not a request is a TypeError. */
const requireCustomResourceRequest = (value: unknown): CustomResourceRequest => {
  const request = asCustomResourceRequest(value);
  if (request === undefined) {
    throw new TypeError(
      'Not a custom-resource request: it needs RequestType (Create, Update or Delete), a ' +
        'stack ARN as StackId, LogicalResourceId, ResourceType, and PhysicalResourceId ' +
        'unless it is a Create',
    );
  }
  return request;
};

export { asCustomResourceRequest, requireCustomResourceRequest };
export type { CustomResourceAnswer, CustomResourceRequest, RequestType };
