/**
 * The benchmark's requests and Lambda context, built with the testing kit: one stack, requests
 * sent to the function directly (or through the bench's topic), and a ResponseURL shaped like
 * CloudFormation's SigV4 pre-signed S3 URL, pointed at the bench's response server.
 */
import { snsEvent } from '../../framework/testing/events.js';
import { lambdaContext as kitContext } from '../../framework/testing/lambda-context.js';
import { presignedUrl } from '../../framework/testing/presigned-url.js';
import { cloudFormationRequest } from '../../framework/testing/requests.js';

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

const stackId =
  'arn:aws:cloudformation:us-east-1:123456789012:stack/crkit-bench/' +
  '5d3c1e20-acde-11f0-9a1b-0e1f2a3b4c5d';
const functionName = 'crkit-bench-handler';
const serviceToken = `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`;

/**
 * One request as CloudFormation would send it directly to the function.
 * @example
 * const create = requestOf({ kind: 'Create', resourceType: 'Custom::Noop',
 *   logicalResourceId: 'Noop1', responseOrigin, properties: { Size: '3' } });
 */
function requestOf(spec: RequestSpec): Record<string, unknown> {
  return cloudFormationRequest({
    requestType: spec.kind,
    resourceType: spec.resourceType,
    logicalResourceId: spec.logicalResourceId,
    stackId,
    serviceToken,
    properties: spec.properties,
    oldProperties: spec.oldProperties,
    physicalResourceId: spec.physicalId,
    responseUrl: (target) => presignedUrl(spec.responseOrigin, target, '5f3a9c0e'.repeat(8)),
  });
}

/**
 * The same request delivered through SNS (ServiceToken = topic): the request is a JSON string.
 * @example
 * await handler(snsWrapped(create), context);
 */
function snsWrapped(request: Record<string, unknown>): unknown {
  return snsEvent([request], 'arn:aws:sns:us-east-1:123456789012:crkit-bench-requests');
}

/**
 * A fresh Lambda context with the fields the Node.js runtime provides.
 * @example
 * await handler(event, lambdaContext(300_000));
 */
function lambdaContext(timeoutMs: number): unknown {
  return kitContext({ remainingMs: timeoutMs, functionName });
}

export { Cycle, lambdaContext, requestOf, snsWrapped, stackId };
export type { RequestKind, RequestSpec, WireProperties };
