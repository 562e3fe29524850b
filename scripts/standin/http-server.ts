/**
 * A plain Node HTTP server bound to 127.0.0.1 that reads whole bodies, tracks every socket,
 * and on close destroys them all, hung ones included, so tests leave no open handles.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** Handles one request whose body has been read. */
type HttpHandler = (
  request: IncomingMessage,
  response: ServerResponse,
  body: string,
) => Promise<void>;

/** A listening server. */
type HttpServer = { readonly url: string; readonly port: number; close(): Promise<void> };

const readBody = (request: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });

/**
 * Starts listening on `host:port` (port 0 picks a free one).
 *
 * @example
 * ```ts
 * const server = await startHttpServer('127.0.0.1', 0, async (_req, res) => void res.end('ok'));
 * await server.close();
 * ```
 */
const startHttpServer = async (
  host: string,
  port: number,
  handler: HttpHandler,
): Promise<HttpServer> => {
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    readBody(request)
      .then((body) => handler(request, response, body))
      .catch((error: unknown) => {
        if (response.headersSent || response.destroyed) return;
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(
          `crkit stand-in internal error: ${error instanceof Error ? error.stack : String(error)}`,
        );
      });
  });
  server.keepAliveTimeout = 1_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string')
    throw new Error('The stand-in server has no TCP address');
  const close = async (): Promise<void> => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    server.closeAllConnections();
    await closed;
  };
  return { url: `http://${host}:${address.port}`, port: address.port, close };
};

export { startHttpServer };
export type { HttpHandler, HttpServer };
