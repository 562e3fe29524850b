/**
 * The requests this repository's tests start from: a `Custom::Echo` resource in the stack `web`,
 * built with the testing kit, with overrides spread over them.
 */
import { cloudFormationRequest, presignedUrl } from '../../framework/testing/index.js';
import type { CloudFormationRequest, RequestSpec } from '../../framework/testing/index.js';

type Kind = 'create' | 'update' | 'delete';
type Request = CloudFormationRequest;

const stackId =
  'arn:aws:cloudformation:us-east-1:123456789012:stack/web/1b2c3d40-aaaa-11f0-8000-0a1b2c3d4e5f';
const kinds: Record<Kind, Omit<RequestSpec, 'resourceType'>> = {
  create: { requestType: 'Create', properties: { ServiceTimeout: '600', Value: 'hello' } },
  update: {
    requestType: 'Update',
    properties: { ServiceTimeout: '600', Value: 'hello again' },
    oldProperties: { ServiceTimeout: '600', Value: 'hello' },
  },
  delete: { requestType: 'Delete', properties: { ServiceTimeout: '600', Value: 'hello' } },
};

/**
 * A fresh request of a kind, with a new RequestId, overrides applied, and the ResponseURL
 * pointed at `responseOrigin` (a pre-signed-style URL) when given.
 */
function requestOf(
  kind: Kind,
  overrides: Record<string, unknown> = {},
  responseOrigin?: string,
): Request {
  const request = cloudFormationRequest({
    ...kinds[kind],
    resourceType: 'Custom::Echo',
    stackId,
    logicalResourceId: 'Thing',
    physicalResourceId: 'echo-hello',
    requestId: typeof overrides.RequestId === 'string' ? overrides.RequestId : undefined,
    responseUrl:
      responseOrigin === undefined
        ? undefined
        : (target) => presignedUrl(responseOrigin, target, 'deadbeefcafe0123456789'),
  });
  return { ...request, ...overrides };
}

export { requestOf };
export type { Kind, Request };
