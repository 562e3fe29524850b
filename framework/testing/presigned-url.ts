/**
 * ResponseURLs shaped like the ones CloudFormation sends: a SigV4 pre-signed S3 PUT URL whose
 * object key is `<StackId>|<LogicalResourceId>|<RequestId>`.
 */

/** Which request a ResponseURL answers. */
type ResponseTarget = {
  readonly requestId: string;
  readonly stackId?: string;
  readonly logicalResourceId?: string;
};

/** The bucket CloudFormation answers into, in us-east-1. */
const responseBucket = 'cloudformation-custom-resource-response-useast1';

const defaultStackId =
  'arn:aws:cloudformation:us-east-1:123456789012:stack/crkit-test/' +
  '5d3c1e20-acde-11f0-9a1b-0e1f2a3b4c5d';

/** The access key id in X-Amz-Credential unless told otherwise (AWS's documentation example). */
const exampleAccessKeyId = 'AKIAIOSFODNN7EXAMPLE';

/** The URL-encoded object key of a target. */
function objectKey(target: ResponseTarget): string {
  const stackId = target.stackId ?? defaultStackId;
  const logicalResourceId = target.logicalResourceId ?? 'Resource';
  const key = `${stackId}|${logicalResourceId}|${target.requestId}`;
  return encodeURIComponent(key);
}

function query(signature: string, accessKeyId: string): string {
  return [
    'X-Amz-Algorithm=AWS4-HMAC-SHA256',
    'X-Amz-Date=20261127T120000Z',
    'X-Amz-SignedHeaders=host',
    'X-Amz-Expires=7200',
    `X-Amz-Credential=${accessKeyId}%2F20261127%2Fus-east-1%2Fs3%2Faws4_request`,
    `X-Amz-Signature=${signature}`,
  ].join('&');
}

/**
 * A pre-signed-style ResponseURL on `origin` (path style: `/<bucket>/<key>`) carrying `signature`
 * as its X-Amz-Signature.
 * @example
 * presignedUrl('http://127.0.0.1:4000', { requestId: 'r-1' }, 'abc123')
 */
function presignedUrl(
  origin: string,
  target: ResponseTarget,
  signature: string,
  accessKeyId = exampleAccessKeyId,
): string {
  return `${origin}/${responseBucket}/${objectKey(target)}?${query(signature, accessKeyId)}`;
}

/**
 * A ResponseURL on S3's real host (virtual-hosted style, as CloudFormation sends it): never
 * reachable from a test, for requests whose answer does not matter.
 * @example
 * s3ResponseUrl({ requestId: 'r-1' })
 */
function s3ResponseUrl(target: ResponseTarget): string {
  const signature = '0f1e2d3c4b5a6978'.repeat(4);
  const search = query(signature, exampleAccessKeyId);
  return `https://${responseBucket}.s3.amazonaws.com/${objectKey(target)}?${search}`;
}

/**
 * The request a ResponseURL (or its path) belongs to: the last `|`-separated part of the last
 * path segment, decoded; the whole segment when it has no `|`. Empty when it does not parse.
 * @example
 * requestKeyOf(request.ResponseURL) // the RequestId
 */
function requestKeyOf(urlOrPath: string): string {
  try {
    const segment = new URL(urlOrPath, 'http://127.0.0.1').pathname.split('/').at(-1) ?? '';
    return decodeURIComponent(segment).split('|').at(-1) ?? '';
  } catch {
    return '';
  }
}

export { presignedUrl, requestKeyOf, s3ResponseUrl };
export type { ResponseTarget };
