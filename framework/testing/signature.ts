/**
 * The loopback ResponseURL server's signatures: an HMAC of the URL path with a per-server secret,
 * or one fixed value (a canary a test looks for in logs), and S3's reasons to refuse a PUT.
 */
import { createHmac, randomBytes } from 'node:crypto';

/** Signs paths and tells whether a request's signature matches. */
type Signer = {
  sign(path: string): string;
  matches(path: string, signature: string | null): boolean;
};

function createSigner(fixed: string | undefined): Signer {
  const secret = randomBytes(16);
  const sign = (path: string): string =>
    fixed ?? createHmac('sha256', secret).update(path).digest('hex');
  return { sign, matches: (path, signature) => signature === sign(path) };
}

/** Why S3 would refuse this request on a pre-signed PUT URL signed for `host` only, if it would. */
function refusalOf(
  method: string,
  contentType: string | undefined,
  signed: boolean,
): string | undefined {
  if (method !== 'PUT') return `${method} is not allowed on a pre-signed PUT URL`;
  if (!signed) return 'SignatureDoesNotMatch: the URL was altered or not issued by this endpoint';
  if (contentType !== undefined && contentType !== '') {
    return `SignatureDoesNotMatch: Content-Type "${contentType}" was not part of the signature`;
  }
  return undefined;
}

export { createSigner, refusalOf };
export type { Signer };
