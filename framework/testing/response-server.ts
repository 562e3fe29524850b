/**
 * A loopback ResponseURL server: a real HTTP (and optionally HTTPS) server on 127.0.0.1 standing
 * in for the S3 pre-signed URLs CloudFormation gives a custom resource to answer to. It records
 * every request (exact body bytes, headers, arrival time, status given) per request and in total,
 * and answers like S3 (200; 403 for a bad signature or an unsigned Content-Type when signatures
 * are checked) or from an answer script, per URL or for the whole server.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { statusOf, stepAt } from './answer-script.js';
import type { AnswerScript } from './answer-script.js';
import { presignedUrl, requestKeyOf } from './presigned-url.js';
import type { ResponseTarget } from './presigned-url.js';
import type { ReceivedPut } from './received-put.js';
import { createSigner, refusalOf } from './signature.js';

/** How to start the server. */
type ResponseServerOptions = {
  /** The server-wide answer script, counted over every request. @default [200] */
  readonly answers?: AnswerScript;
  /**
   * Refuse (403) a request that is not a PUT, is badly signed, or sends a Content-Type. @default
   * false
   */
  readonly checkSignature?: boolean;
  /**
   * One fixed X-Amz-Signature for every URL (a canary to look for in logs). @default an HMAC per
   * URL
   */
  readonly signature?: string;
  /**
   * The access key id in each URL's X-Amz-Credential (a canary too). @default AWS's documentation
   * example
   */
  readonly accessKeyId?: string;
  /** Also listen over HTTPS with this certificate; see `httpsOrigin`. */
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer };
  /** Keep-alive timeout of both listeners, ms. @default Node's */
  readonly keepAliveTimeoutMs?: number;
  /** Called for each request recorded, before it is answered. */
  readonly onRequest?: (put: ReceivedPut) => void;
  /** Serves any request that is not a PUT instead (nothing recorded), e.g. a control route. */
  readonly otherRequests?: (request: http.IncomingMessage, response: http.ServerResponse) => void;
};

/** Which listener a connection came through. */
type ConnectionCounts = { readonly http: number; readonly tls: number };

/** A running server. */
type ResponseServer = {
  /** `http://127.0.0.1:<port>`, to list as an allowed ResponseURL origin. */
  readonly origin: string;
  /** `https://127.0.0.1:<port>` when started with `tls`. */
  readonly httpsOrigin: string | undefined;
  /** Every request recorded, in arrival order. */
  readonly received: readonly ReceivedPut[];
  /**
   * A pre-signed-style URL for one request; `answers` scripts this URL alone (counted per request).
   */
  urlFor(
    target: ResponseTarget,
    options?: { readonly answers?: AnswerScript; readonly secure?: boolean },
  ): string;
  /** Every request recorded for one request key (its RequestId), in order. */
  receivedFor(key: string): readonly ReceivedPut[];
  /** Replaces the server-wide answer script and restarts its count. */
  script(answers: AnswerScript): void;
  /** Connections accepted, including ones that sent nothing. */
  connections(): number;
  /** Connections accepted, by listener. */
  connectionCounts(): ConnectionCounts;
  /** Resolves once `count` requests in total have been recorded; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedPut[]>;
  /**
   * The first 2xx-answered request for `key` after its first `index`, or undefined once `signal`
   * aborts.
   */
  nextAnswer(key: string, index: number, signal: AbortSignal): Promise<ReceivedPut | undefined>;
  /** The bodies recorded, parsed as JSON. */
  bodies(): Record<string, unknown>[];
  /** Forgets every request recorded (the server-wide script and its count stay). */
  clear(): void;
  close(): Promise<void>;
};

function s3Headers(status: number): http.OutgoingHttpHeaders {
  const headers = {
    'x-amz-request-id': randomBytes(8).toString('hex').toUpperCase(),
    'x-amz-id-2': randomBytes(24).toString('base64'),
    date: new Date().toUTCString(),
    server: 'AmazonS3',
  };
  if (status >= 300) return { ...headers, 'content-type': 'application/xml' };
  return { ...headers, etag: '"d41d8cd98f00b204e9800998ecf8427e"', 'content-length': '0' };
}

function errorBody(status: number, refused: string | undefined): string {
  if (refused !== undefined)
    return `<Error><Code>SignatureDoesNotMatch</Code><Message>${refused}</Message></Error>`;
  const code = status === 403 ? 'AccessDenied' : status >= 500 ? 'InternalError' : 'BadRequest';
  return `<Error><Code>${code}</Code></Error>`;
}

function listen(server: http.Server, scheme: string): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () =>
      resolve(`${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`),
    );
  });
}

function closeAll(server: http.Server, sockets: Set<Socket>): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  for (const socket of sockets) socket.destroy();
  return closed;
}

/**
 * Starts the server on 127.0.0.1.
 * @example
 * const server = await startResponseServer({ checkSignature: true });
 * const url = server.urlFor({ requestId }, { answers: AnswerScripts.failOnce });
 * await server.close();
 */
async function startResponseServer(options: ResponseServerOptions = {}): Promise<ResponseServer> {
  const signer = createSigner(options.signature);
  const received: ReceivedPut[] = [];
  const byKey = new Map<string, ReceivedPut[]>();
  const urlScripts = new Map<string, AnswerScript>();
  const wakers = new Set<() => void>();
  const sockets = new Set<Socket>();
  const counts = { http: 0, tls: 0 };
  let serverScript: AnswerScript = options.answers ?? [200];
  let served = 0;

  const nextStep = (key: string, earlier: readonly ReceivedPut[]) => {
    const own = urlScripts.get(key);
    if (own !== undefined)
      return stepAt(own, earlier.filter((put) => put.refused === undefined).length);
    served += 1;
    return stepAt(serverScript, served - 1);
  };

  const serve =
    (secure: boolean) => (request: http.IncomingMessage, response: http.ServerResponse) => {
      if (options.otherRequests !== undefined && request.method !== 'PUT')
        return options.otherRequests(request, response);
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const url = request.url ?? '/';
        const path = url.split('?')[0] ?? '';
        const key = requestKeyOf(path);
        const earlier = byKey.get(key) ?? [];
        const signed = new URL(url, 'http://127.0.0.1').searchParams.get('X-Amz-Signature');
        const refused =
          options.checkSignature === true
            ? refusalOf(
                request.method ?? '',
                request.headers['content-type'],
                signer.matches(path, signed),
              )
            : undefined;
        const step = refused === undefined ? nextStep(key, earlier) : 403;
        const body = Buffer.concat(chunks);
        const put: ReceivedPut = {
          key,
          method: request.method ?? '',
          url,
          path,
          headers: request.headers,
          rawHeaders: request.rawHeaders,
          body,
          text: body.toString('utf8'),
          at: Date.now(),
          status: step === 'reset' ? 'reset' : statusOf(step).status,
          refused,
          secure,
        };
        byKey.set(key, [...earlier, put]);
        received.push(put);
        options.onRequest?.(put);
        for (const wake of wakers) wake();
        if (step === 'reset') return request.socket.destroy();
        const { status, delayMs } = statusOf(step);
        const reply = () => {
          response.writeHead(status, s3Headers(status));
          response.end(status < 300 ? '' : errorBody(status, refused));
        };
        if (delayMs > 0) setTimeout(reply, delayMs);
        else reply();
      });
    };

  const keepAlive =
    options.keepAliveTimeoutMs === undefined
      ? {}
      : { keepAliveTimeout: options.keepAliveTimeoutMs };
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };
  const plain = http.createServer(keepAlive, serve(false));
  plain.on('connection', (socket: Socket) => {
    counts.http += 1;
    track(socket);
  });
  const secure =
    options.tls === undefined
      ? undefined
      : https.createServer({ ...options.tls, ...keepAlive }, serve(true));
  secure?.on('secureConnection', (socket: Socket) => {
    counts.tls += 1;
    track(socket);
  });
  const [origin, httpsOrigin] = await Promise.all([
    listen(plain, 'http'),
    secure === undefined ? undefined : listen(secure, 'https'),
  ]);

  const receivedFor = (key: string): readonly ReceivedPut[] => byKey.get(key) ?? [];
  const waitUntil = <T>(
    found: () => T | undefined,
    signal: AbortSignal | undefined,
  ): Promise<T | undefined> =>
    new Promise((resolve) => {
      const check = () => {
        const value = found();
        if (value === undefined && signal?.aborted !== true) return;
        wakers.delete(check);
        resolve(value);
      };
      wakers.add(check);
      signal?.addEventListener('abort', check, { once: true });
      check();
    });

  return {
    origin,
    httpsOrigin,
    received,
    urlFor: (target, urlOptions = {}) => {
      if (urlOptions.answers !== undefined) urlScripts.set(target.requestId, urlOptions.answers);
      const base = urlOptions.secure === true ? httpsOrigin : origin;
      if (base === undefined) throw new Error('the server was started without tls');
      const url = presignedUrl(base, target, 'pending', options.accessKeyId);
      const path = new URL(url).pathname;
      return url.replace(/X-Amz-Signature=pending$/, `X-Amz-Signature=${signer.sign(path)}`);
    },
    receivedFor,
    script: (answers) => {
      serverScript = answers;
      served = 0;
    },
    connections: () => counts.http + counts.tls,
    connectionCounts: () => ({ ...counts }),
    waitFor: async (count, timeoutMs = 10_000) => {
      const timeout = AbortSignal.timeout(timeoutMs);
      const all = await waitUntil(
        () => (received.length >= count ? received.slice() : undefined),
        timeout,
      );
      if (all === undefined) throw new Error(`expected ${count} requests, got ${received.length}`);
      return all;
    },
    nextAnswer: (key, index, signal) => {
      const accepted = (put: ReceivedPut) => typeof put.status === 'number' && put.status < 300;
      return waitUntil(() => receivedFor(key).slice(index).find(accepted), signal);
    },
    bodies: () => received.map((put) => JSON.parse(put.text) as Record<string, unknown>),
    clear: () => {
      received.length = 0;
      byKey.clear();
    },
    close: async () => {
      await Promise.all([
        closeAll(plain, sockets),
        secure === undefined ? undefined : closeAll(secure, sockets),
      ]);
    },
  };
}

export { startResponseServer };
export type { ConnectionCounts, ResponseServer, ResponseServerOptions };
