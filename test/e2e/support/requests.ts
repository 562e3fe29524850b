/**
 * CloudFormation requests for the e2e suite, built with the testing kit: direct or wrapped the
 * way SNS delivers them, each with its own RequestId and a ResponseURL on the loopback server
 * that answers with one of the kit's answer scripts.
 */
import {
  AnswerScripts,
  cloudFormationRequest,
  newStackId,
  snsEvent,
} from '../../../framework/testing/index.js';
import type { ResponseServer } from '../../../framework/testing/index.js';

/** How a request reaches the handler. */
type Via = 'direct' | 'sns';

/** How the ResponseURL answers (one of the kit's answer scripts). */
type ResponseMode = keyof typeof AnswerScripts;

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

/**
 * A well-formed request answered on `endpoint` as `mode` says.
 * @example
 * const spec = { type: 'Custom::E2eEcho', properties: { Value: 'a' } };
 * const request = buildRequest(spec, endpoint, 'failOnce');
 */
function buildRequest(spec: RequestSpec, endpoint: ResponseServer, mode: ResponseMode): RawRequest {
  return cloudFormationRequest({
    resourceType: spec.type,
    requestType: spec.requestType,
    properties: spec.properties,
    oldProperties: spec.oldProperties,
    physicalResourceId: spec.physicalId,
    stackId: spec.stackId ?? newStackId('e2e-stack'),
    logicalResourceId: spec.logicalId ?? 'Thing',
    requestId: spec.requestId,
    serviceToken,
    responseUrl: (target) => endpoint.urlFor(target, { answers: AnswerScripts[mode] }),
  });
}

/**
 * The Lambda event for a request: itself (direct), or an SNS record whose Message is the
 * request as JSON — or the given text verbatim, to send JSON that does not parse.
 * @example
 * await lambda.invoke(asEvent(request, 'sns'));
 */
function asEvent(request: RawRequest | string, via: Via): unknown {
  if (via === 'direct') return typeof request === 'string' ? JSON.parse(request) : request;
  return snsEvent([request], serviceToken);
}

export { asEvent, buildRequest, newStackId, serviceToken };
export type { RawRequest, RequestSpec, ResponseMode, Via };
