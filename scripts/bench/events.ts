/**
 * Real-shaped CloudFormation requests and a Lambda context for the benchmark runner. The
 * ResponseURL has the shape of CloudFormation's SigV4 pre-signed S3 URL (path style, key
 * `<StackId>|<LogicalResourceId>|<RequestId>`), pointed at the bench's response server.
 */
import { randomUUID } from 'node:crypto';

/** The three request types, in the order the warm loop cycles through them. */
const Cycle = ['Create', 'Update', 'Delete'] as const;
type RequestKind = (typeof Cycle)[number];

/** Properties as CloudFormation sends them: every scalar a string (lists and objects stay JSON). */
type WireProperties = Readonly<Record<string, unknown>>;

type RequestSpec = {
  readonly kind: RequestKind;
  readonly resourceType: string;
  readonly logicalResourceId: string;
  /** Origin of the response server, e.g. `https://127.0.0.1:43123`. */
  readonly responseOrigin: string;
  readonly properties: WireProperties;
  /** Update only: the properties before the change. */
  readonly oldProperties?: WireProperties;
  /** Update and Delete: the id the Create answered. */
  readonly physicalId?: string;
};

const account = '123456789012';
const region = 'us-east-1';
const stackId = `arn:aws:cloudformation:${region}:${account}:stack/crkit-bench/5d3c1e20-acde-11f0-9a1b-0e1f2a3b4c5d`;
const serviceToken = `arn:aws:lambda:${region}:${account}:function:crkit-bench-handler`;
const bucket = 'cloudformation-custom-resource-response-useast1';

function presignedUrl(origin: string, logicalResourceId: string, requestId: string): string {
  const key = encodeURIComponent(`${stackId}|${logicalResourceId}|${requestId}`);
  const query = [
    'X-Amz-Algorithm=AWS4-HMAC-SHA256',
    'X-Amz-Date=20261127T120000Z',
    'X-Amz-SignedHeaders=host',
    'X-Amz-Expires=7199',
    `X-Amz-Credential=AKIA6ODU5DHT7EXAMPLE%2F20261127%2F${region}%2Fs3%2Faws4_request`,
    `X-Amz-Signature=${'5f3a9c0e'.repeat(8)}`,
  ].join('&');
  return `${origin}/${bucket}/${key}?${query}`;
}

/**
 * One request as CloudFormation would send it directly to the function.
 * @example
 * const create = requestOf({ kind: 'Create', resourceType: 'Custom::Noop', logicalResourceId: 'Noop1', responseOrigin, properties: { Size: '3' } });
 */
function requestOf(spec: RequestSpec): Record<string, unknown> {
  const requestId = randomUUID();
  const request: Record<string, unknown> = {
    RequestType: spec.kind,
    ServiceToken: serviceToken,
    ResponseURL: presignedUrl(spec.responseOrigin, spec.logicalResourceId, requestId),
    StackId: stackId,
    RequestId: requestId,
    LogicalResourceId: spec.logicalResourceId,
    ResourceType: spec.resourceType,
    ResourceProperties: { ServiceToken: serviceToken, ...spec.properties },
  };
  if (spec.kind !== 'Create') request.PhysicalResourceId = spec.physicalId;
  if (spec.kind === 'Update') request.OldResourceProperties = { ServiceToken: serviceToken, ...spec.oldProperties };
  return request;
}

/**
 * The same request delivered through SNS (ServiceToken = topic): the request is a JSON string.
 * @example
 * await handler(snsWrapped(create), context);
 */
function snsWrapped(request: Record<string, unknown>): Record<string, unknown> {
  const topic = `arn:aws:sns:${region}:${account}:crkit-bench-requests`;
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: `${topic}:${randomUUID()}`,
        Sns: {
          Type: 'Notification',
          MessageId: randomUUID(),
          TopicArn: topic,
          Subject: 'AWS CloudFormation custom resource request',
          Message: JSON.stringify(request),
          Timestamp: new Date().toISOString(),
          SignatureVersion: '1',
          Signature: 'EXAMPLE',
          SigningCertUrl: `https://sns.${region}.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem`,
          UnsubscribeUrl: `https://sns.${region}.amazonaws.com/?Action=Unsubscribe`,
          MessageAttributes: {},
        },
      },
    ],
  };
}

/**
 * A fresh Lambda context with the fields the Node.js runtime provides.
 * @example
 * await handler(event, lambdaContext(300_000));
 */
function lambdaContext(timeoutMs: number): Record<string, unknown> {
  const endsAt = Date.now() + timeoutMs;
  const noop = (): void => undefined;
  return {
    getRemainingTimeInMillis: () => Math.max(0, endsAt - Date.now()),
    awsRequestId: randomUUID(),
    functionName: 'crkit-bench-handler',
    functionVersion: '$LATEST',
    invokedFunctionArn: serviceToken,
    memoryLimitInMB: '128',
    logGroupName: '/aws/lambda/crkit-bench-handler',
    logStreamName: '2026/11/27/[$LATEST]0123456789abcdef0123456789abcdef',
    callbackWaitsForEmptyEventLoop: true,
    done: noop,
    succeed: noop,
    fail: noop,
  };
}

export { Cycle, lambdaContext, requestOf, snsWrapped, stackId };
export type { RequestKind, RequestSpec, WireProperties };
