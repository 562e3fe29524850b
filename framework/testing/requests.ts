/**
 * CloudFormation custom resource requests for tests: Create, Update and Delete as CloudFormation
 * sends them, with fresh ids and a ResponseURL of your choosing.
 */
import { randomUUID } from 'node:crypto';
import { s3ResponseUrl } from './presigned-url.js';
import type { ResponseTarget } from './presigned-url.js';

/** The three request types. */
type RequestType = 'Create' | 'Update' | 'Delete';

/** A request as CloudFormation sends it (kept loose, so a test can also send malformed ones). */
type CloudFormationRequest = Record<string, unknown> & {
  RequestType: string;
  RequestId: string;
  ResponseURL: string;
  StackId: string;
  LogicalResourceId: string;
  ResourceType: string;
  ResourceProperties: Record<string, unknown>;
};

/** What a request is made of; anything left out gets a sane value. */
type RequestSpec = {
  readonly resourceType: string;
  /** @default 'Create' */
  readonly requestType?: RequestType;
  /** As CloudFormation sends them: scalars are strings. `ServiceToken` is added. */
  readonly properties?: Readonly<Record<string, unknown>>;
  /** Update only. @default {} */
  readonly oldProperties?: Readonly<Record<string, unknown>>;
  /** Update and Delete. @default 'physical-id' */
  readonly physicalResourceId?: string;
  /** @default a fresh stack id */
  readonly stackId?: string;
  /** @default 'Resource' */
  readonly logicalResourceId?: string;
  /** @default a fresh UUID */
  readonly requestId?: string;
  /** @default an SNS topic ARN */
  readonly serviceToken?: string;
  /**
   * Where the answer goes: a URL, or a function of the request (e.g. `server.urlFor`).
   * @default a pre-signed-style URL on S3's real host, never reachable from a test
   */
  readonly responseUrl?: string | ((target: Required<ResponseTarget>) => string);
};

/** The ServiceToken requests carry unless told otherwise. */
const defaultServiceToken = 'arn:aws:sns:us-east-1:123456789012:crkit-requests';

/**
 * A fresh stack id, so tests never share state through their stack.
 * @example
 * newStackId('web') // arn:aws:cloudformation:us-east-1:123456789012:stack/web/<uuid>
 */
function newStackId(name = 'crkit-test'): string {
  return `arn:aws:cloudformation:us-east-1:123456789012:stack/${name}/${randomUUID()}`;
}

/**
 * A well-formed request.
 * @example
 * const create = cloudFormationRequest({
 *   resourceType: 'Custom::Echo',
 *   properties: { Value: 'a' },
 *   responseUrl: server.urlFor,
 * });
 */
function cloudFormationRequest(spec: RequestSpec): CloudFormationRequest {
  const requestType = spec.requestType ?? 'Create';
  const target = {
    requestId: spec.requestId ?? randomUUID(),
    stackId: spec.stackId ?? newStackId(),
    logicalResourceId: spec.logicalResourceId ?? 'Resource',
  };
  const serviceToken = spec.serviceToken ?? defaultServiceToken;
  const given = spec.responseUrl;
  const responseUrl =
    typeof given === 'function' ? given(target) : (given ?? s3ResponseUrl(target));
  const request: CloudFormationRequest = {
    RequestType: requestType,
    ServiceToken: serviceToken,
    ResponseURL: responseUrl,
    StackId: target.stackId,
    RequestId: target.requestId,
    LogicalResourceId: target.logicalResourceId,
    ResourceType: spec.resourceType,
    ResourceProperties: { ServiceToken: serviceToken, ...spec.properties },
  };
  if (requestType !== 'Create')
    request.PhysicalResourceId = spec.physicalResourceId ?? 'physical-id';
  if (requestType === 'Update')
    request.OldResourceProperties = { ServiceToken: serviceToken, ...spec.oldProperties };
  return request;
}

export { cloudFormationRequest, defaultServiceToken, newStackId };
export type { CloudFormationRequest, RequestSpec, RequestType };
