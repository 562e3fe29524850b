/**
 * The hand-written floor's whole protocol: unwrap SNS if needed, build the answer, PUT it once
 * with node's own http(s) (empty Content-Type, exact Content-Length), read the reply so the
 * keep-alive connection can be reused. No logging, no retries, no validation: the least any
 * handler can do, and the yardstick crkit is measured against.
 */
import http from 'node:http';
import https from 'node:https';

/** The request fields the floor uses. */
type FloorRequest = {
  readonly RequestType: 'Create' | 'Update' | 'Delete';
  readonly ResponseURL: string;
  readonly StackId: string;
  readonly RequestId: string;
  readonly LogicalResourceId: string;
  readonly PhysicalResourceId?: string;
  readonly ResourceProperties: Readonly<Record<string, unknown>>;
};

type SnsEvent = { readonly Records: readonly { readonly Sns: { readonly Message: string } }[] };

/**
 * The request, whether Lambda was invoked directly or through SNS.
 * @example
 * const request = unwrap(event);
 */
function unwrap(event: unknown): FloorRequest {
  const sns = (event as Partial<SnsEvent>).Records?.[0]?.Sns;
  return sns === undefined ? (event as FloorRequest) : (JSON.parse(sns.Message) as FloorRequest);
}

/**
 * PUTs a SUCCESS answer and resolves when S3 has replied.
 * @example
 * await answer(request, 'pg-1');
 */
function answer(request: FloorRequest, physicalId: string): Promise<void> {
  const body = JSON.stringify({
    Status: 'SUCCESS',
    PhysicalResourceId: physicalId,
    StackId: request.StackId,
    RequestId: request.RequestId,
    LogicalResourceId: request.LogicalResourceId,
  });
  const url = new URL(request.ResponseURL);
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const put = transport.request(url, {
      method: 'PUT',
      headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) },
    });
    put.on('response', (response) => {
      response.resume();
      response.on('end', () => resolve());
    });
    put.on('error', reject);
    put.end(body);
  });
}

export { answer, unwrap };
export type { FloorRequest };
