/**
 * A server that answers nothing and only counts connections: list its origin as an allowed
 * ResponseURL origin but never target it, and any connection to it is a bug.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running bystander. */
type Bystander = { readonly origin: string; connections(): number; close(): Promise<void> };

/**
 * Starts a bystander on 127.0.0.1.
 * @example
 * const bystander = await startBystander();
 * // … run the handler with bystander.origin allowed …
 * expect(bystander.connections()).toBe(0);
 */
async function startBystander(): Promise<Bystander> {
  let connections = 0;
  const server = http.createServer((request) => request.socket.destroy());
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections: () => connections,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export { startBystander };
export type { Bystander };
