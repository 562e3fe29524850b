/**
 * A real HTTP server on 127.0.0.1 standing in for S3's pre-signed ResponseURL. It records
 * every PUT (method, URL, headers, exact body bytes) and answers from a script: a status per
 * request in order (the last one repeats), 'reset' to destroy the connection, or a delay.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

type Step = number | 'reset' | { readonly status: number; readonly delayMs: number };

type Received = {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
  readonly at: number;
};

type ResponseServer = {
  readonly origin: string;
  readonly received: Received[];
  /** Connections accepted, including ones that sent nothing. */
  connections(): number;
  /** Replaces the answer script. */
  script(steps: readonly Step[]): void;
  /** Resolves once `count` requests have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<Received[]>;
  /** The JSON bodies received. */
  bodies(): Record<string, unknown>[];
  close(): Promise<void>;
};

async function startResponseServer(initial: readonly Step[] = [200]): Promise<ResponseServer> {
  let steps = [...initial];
  let served = 0;
  let connections = 0;
  const received: Received[] = [];
  const waiters: (() => void)[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, rawHeaders: request.rawHeaders, body: Buffer.concat(chunks), at: Date.now() });
      waiters.splice(0).forEach((wake) => wake());
      const step = steps[Math.min(served, steps.length - 1)] ?? 200;
      served += 1;
      if (step === 'reset') return request.socket.destroy();
      const { status, delayMs } = typeof step === 'number' ? { status: step, delayMs: 0 } : step;
      setTimeout(() => {
        response.writeHead(status, { 'x-amz-request-id': `req-${served}` });
        response.end(status >= 400 ? '<Error><Code>AccessDenied</Code></Error>' : '');
      }, delayMs);
    });
  });
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    connections: () => connections,
    script: (next) => {
      steps = [...next];
      served = 0;
    },
    waitFor: (count, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const started = Date.now();
        const check = () => {
          if (received.length >= count) return resolve(received.slice());
          if (Date.now() - started > timeoutMs) return reject(new Error(`expected ${count} requests, got ${received.length}`));
          waiters.push(check);
          setTimeout(check, 50).unref();
        };
        check();
      }),
    bodies: () => received.map((item) => JSON.parse(item.body.toString('utf8')) as Record<string, unknown>),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export { startResponseServer };
export type { Received, ResponseServer, Step };
