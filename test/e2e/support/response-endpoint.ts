/**
 * The loopback ResponseURL endpoint, standing in for S3's pre-signed URLs, with a fault mode
 * per URL: `/<mode>/<key>?<pre-signed-style query>`. Every PUT is recorded under its key (the
 * RequestId, normally), with its exact bytes and headers, so a test can count answers per
 * request even when many invocations share the endpoint. A second server, `bystander`, is
 * listed as an allowed origin but never targeted: any connection to it is a bug.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the endpoint answers a PUT. */
const ResponseModes = {
  ok: 'ok',
  /** 500 on the first PUT for a key, 200 afterwards. */
  failOnce: 'fail-once',
  /** 403, as an expired pre-signed URL answers. */
  forbidden: 'forbidden',
  /** Destroys the connection without answering, every time. */
  reset: 'reset',
  /** Answers 200 after 1.2 s. */
  slow: 'slow',
  /** 503 every time. */
  unavailable: 'unavailable',
} as const;
type ResponseMode = (typeof ResponseModes)[keyof typeof ResponseModes];

type Put = { readonly method: string; readonly path: string; readonly headers: http.IncomingHttpHeaders; readonly body: Buffer; readonly at: number; readonly status: number | 'reset' };

type ResponseEndpoint = {
  readonly origin: string;
  /** The pre-signed-style URL for a key; its signature carries `signature`, a canary. */
  url(mode: ResponseMode, key: string): string;
  /** Every request received for a key, in order. */
  puts(key: string): readonly Put[];
  /** Every request received. */
  all(): readonly Put[];
  close(): Promise<void>;
};

/** A server that only counts connections: must stay at zero. */
type Bystander = { readonly origin: string; connections(): number; close(): Promise<void> };

const slowMs = 1200;

function statusFor(mode: string, earlier: number): number | 'reset' {
  if (mode === ResponseModes.failOnce) return earlier === 0 ? 500 : 200;
  if (mode === ResponseModes.forbidden) return 403;
  if (mode === ResponseModes.reset) return 'reset';
  if (mode === ResponseModes.unavailable) return 503;
  return 200;
}

function listen(server: http.Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

function closer(server: http.Server): () => Promise<void> {
  return () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve())));
}

/**
 * Starts the endpoint on 127.0.0.1.
 * @example
 * const endpoint = await startResponseEndpoint('sig-canary');
 * const request = { ResponseURL: endpoint.url('fail-once', requestId), … };
 */
async function startResponseEndpoint(signature: string): Promise<ResponseEndpoint> {
  const byKey = new Map<string, Put[]>();
  const all: Put[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = (request.url ?? '').split('?')[0] ?? '';
      const [, mode = '', key = ''] = path.split('/');
      const earlier = byKey.get(key) ?? [];
      const status = statusFor(mode, earlier.length);
      const put: Put = { method: request.method ?? '', path, headers: request.headers, body: Buffer.concat(chunks), at: Date.now(), status };
      byKey.set(key, [...earlier, put]);
      all.push(put);
      if (status === 'reset') return request.socket.destroy();
      const reply = () => (response.writeHead(status), response.end(status >= 400 ? '<Error><Code>AccessDenied</Code></Error>' : ''));
      if (mode === ResponseModes.slow) setTimeout(reply, slowMs);
      else reply();
    });
  });
  const origin = await listen(server);
  const query = `X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAE2ECANARY%2F20261127%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261127T120000Z&X-Amz-Expires=7200&X-Amz-SignedHeaders=host&X-Amz-Signature=${signature}`;
  return {
    origin,
    url: (mode, key) => `${origin}/${mode}/${encodeURIComponent(key)}?${query}`,
    puts: (key) => byKey.get(encodeURIComponent(key)) ?? [],
    all: () => all,
    close: closer(server),
  };
}

/**
 * Starts a server that answers nothing and counts connections.
 * @example
 * const bystander = await startBystander(); // list bystander.origin as allowed, never target it
 */
async function startBystander(): Promise<Bystander> {
  let connections = 0;
  const server = http.createServer((request) => request.socket.destroy());
  server.on('connection', () => {
    connections += 1;
  });
  const origin = await listen(server);
  return { origin, connections: () => connections, close: closer(server) };
}

export { ResponseModes, startBystander, startResponseEndpoint };
export type { Bystander, Put, ResponseEndpoint, ResponseMode };
