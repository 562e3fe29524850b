/**
 * CloudFormation requests for the e2e suite, direct or wrapped the way SNS delivers them, each
 * with its own RequestId and a ResponseURL on the loopback endpoint.
 */
import { randomUUID } from 'node:crypto';

/** How a request reaches the handler. */
type Via = 'direct' | 'sns';

type RawRequest = Record<string, unknown>;

type RequestSpec = {
  readonly type: string;
  readonly requestType?: 'Create' | 'Update' | 'Delete';
  readonly properties?: Record<string, unknown>;
  readonly oldProperties?: Record<string, unknown>;
  readonly physicalId?: string;
  readonly stackId?: string;
  readonly logicalId?: string;
  readonly requestId?: string;
};

const serviceToken = 'arn:aws:sns:us-east-1:123456789012:crkit-e2e';

/** A fresh stack id, so scenarios never share state through their stack. */
function newStackId(name = 'e2e-stack'): string {
  return `arn:aws:cloudformation:us-east-1:123456789012:stack/${name}/${randomUUID()}`;
}

/**
 * A well-formed request; `responseUrl` receives the RequestId and returns the URL to answer to.
 * @example
 * const request = buildRequest({ type: 'Custom::E2eEcho', properties: { Value: 'a' } }, (id) => endpoint.url('ok', id));
 */
function buildRequest(spec: RequestSpec, responseUrl: (requestId: string) => string): RawRequest {
  const requestType = spec.requestType ?? 'Create';
  const requestId = spec.requestId ?? randomUUID();
  const request: RawRequest = {
    RequestType: requestType,
    ServiceToken: serviceToken,
    ResponseURL: responseUrl(requestId),
    StackId: spec.stackId ?? newStackId(),
    RequestId: requestId,
    LogicalResourceId: spec.logicalId ?? 'Thing',
    ResourceType: spec.type,
    ResourceProperties: { ServiceToken: serviceToken, ...(spec.properties ?? {}) },
  };
  if (requestType !== 'Create') request.PhysicalResourceId = spec.physicalId ?? 'physical-id';
  if (requestType === 'Update') request.OldResourceProperties = { ServiceToken: serviceToken, ...(spec.oldProperties ?? {}) };
  return request;
}

/**
 * The Lambda event for a request: itself (direct), or an SNS record whose Message is the
 * request as JSON — or the given text verbatim, to send JSON that does not parse.
 * @example
 * await lambda.invoke(asEvent(request, 'sns'));
 */
function asEvent(request: RawRequest | string, via: Via): unknown {
  if (via === 'direct') return typeof request === 'string' ? JSON.parse(request) : request;
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: `${serviceToken}:0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0`,
        Sns: {
          Type: 'Notification',
          MessageId: randomUUID(),
          TopicArn: serviceToken,
          Subject: 'AWS CloudFormation custom resource request',
          Message: typeof request === 'string' ? request : JSON.stringify(request),
          Timestamp: new Date().toISOString(),
          SignatureVersion: '1',
          Signature: 'EXAMPLE',
          MessageAttributes: {},
        },
      },
    ],
  };
}

export { asEvent, buildRequest, newStackId, serviceToken };
export type { RawRequest, RequestSpec, Via };
