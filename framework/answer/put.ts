/**
 * Sending the answer: one HTTP PUT of the body to the pre-signed ResponseURL, with an empty
 * Content-Type (a URL signed without one rejects any other with 403) and a byte-accurate
 * Content-Length. Network errors and 5xx are retried with jittered backoff until the answer's
 * deadline; a 4xx is final. Only allowed origins are ever contacted. node's own http(s) is
 * used: global fetch cost ~180 ms more per cold start on Node 20.
 */
import http from 'node:http';
import https from 'node:https';
import { sleep } from '../deadline.js';
import { isS3Host } from './s3-host.js';
import { parseUrl } from '../url.js';

/**
 * True when the URL may be contacted: https S3 on the default port, or one of `extraOrigins`.
 * @example
 * isAllowedResponseUrl('http://169.254.169.254/latest', []) // false
 */
function isAllowedResponseUrl(value: string, extraOrigins: readonly string[]): boolean {
  const url = parseUrl(value);
  // Only http(s) is ever contacted: `blob:http://host/…` has an allowed-looking origin but no host
  // to PUT to.
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:')) return false;
  if (url.username !== '' || url.password !== '') return false;
  if (extraOrigins.includes(url.origin)) return true;
  return url.protocol === 'https:' && url.port === '' && isS3Host(url.hostname);
}

/** How one answer's delivery went. */
type Delivery = {
  readonly delivered: boolean;
  /** Every PUT attempt, the first included. */
  readonly attempts: number;
  /** The last HTTP status received, if any. */
  readonly httpStatus: number | undefined;
  readonly durationMs: number;
  /** The last network error's code, when no status came back. */
  readonly errorCode: string | undefined;
};

type DeliveryOptions = {
  /** Epoch ms by which delivery must be over. */
  readonly endsAt: number;
  /** Most attempts. @default 8 */
  readonly maxAttempts?: number | undefined;
  /** First backoff ceiling, doubled per attempt. @default 200 */
  readonly baseDelayMs?: number | undefined;
  /** Largest backoff ceiling. @default 2000 */
  readonly maxDelayMs?: number | undefined;
};

type AttemptResult = { readonly status: number } | { readonly error: string };

/**
 * Starts the PUT; a URL node cannot request (a scheme it does not speak) is an error result, never
 * a throw.
 */
function startPut(url: URL, body: Buffer, timeoutMs: number): http.ClientRequest | AttemptResult {
  try {
    const transport = url.protocol === 'https:' ? https : http;
    return transport.request(url, {
      method: 'PUT',
      headers: { 'content-type': '', 'content-length': body.length },
      timeout: timeoutMs,
    });
  } catch (error) {
    return { error: (error as NodeJS.ErrnoException).code ?? 'ERR_REQUEST' };
  }
}

function putOnce(url: URL, body: Buffer, timeoutMs: number): Promise<AttemptResult> {
  return new Promise((resolve) => {
    const request = startPut(url, body, timeoutMs);
    if (!(request instanceof http.ClientRequest)) return resolve(request);
    request.on('response', (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0 }));
      response.on('error', () => resolve({ status: response.statusCode ?? 0 }));
    });
    request.on('timeout', () =>
      request.destroy(Object.assign(new Error('PUT timed out'), { code: 'ETIMEDOUT' })),
    );
    request.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ error: error.code ?? error.name }),
    );
    request.end(body);
  });
}

/**
 * PUTs the body, retrying transient failures until `endsAt`.
 * @example
 * const delivery = await deliver(request.ResponseURL, body, { endsAt: deadline.answerEndsAt });
 */
async function deliver(
  responseUrl: string,
  body: Buffer,
  options: DeliveryOptions,
): Promise<Delivery> {
  const started = Date.now();
  const url = parseUrl(responseUrl);
  if (url === undefined)
    return {
      delivered: false,
      attempts: 0,
      httpStatus: undefined,
      durationMs: 0,
      errorCode: 'ERR_INVALID_URL',
    };
  const maxAttempts = options.maxAttempts ?? 8;
  let attempts = 0;
  let httpStatus: number | undefined;
  let errorCode: string | undefined;
  const done = (delivered: boolean): Delivery => ({
    delivered,
    attempts,
    httpStatus,
    durationMs: Date.now() - started,
    errorCode,
  });
  for (;;) {
    attempts += 1;
    const timeLeft = Math.max(1, options.endsAt - Date.now());
    const result = await putOnce(url, body, timeLeft);
    if ('status' in result) {
      httpStatus = result.status;
      errorCode = undefined;
      if (result.status >= 200 && result.status < 300) return done(true);
      if (result.status < 500) return done(false);
    } else {
      errorCode = result.error;
    }
    const ceiling = Math.min(
      options.maxDelayMs ?? 2000,
      (options.baseDelayMs ?? 200) * 2 ** (attempts - 1),
    );
    const pause = Math.floor(Math.random() * ceiling);
    if (attempts >= maxAttempts || Date.now() + pause + 50 >= options.endsAt) return done(false);
    await sleep(pause);
  }
}

export { deliver, isAllowedResponseUrl };
export type { Delivery, DeliveryOptions };
