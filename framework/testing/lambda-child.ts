/**
 * The child side of a Lambda-like process: loads a built bundle with a real ESM `import()` (the
 * init phase), then serves invocations sent over IPC one at a time, each with a context whose
 * remaining time counts down. For each it reports how the handler's promise settled, how long it
 * took, the active resources (timers, sockets) left once it settled compared with before, the
 * unhandled rejections and uncaught exceptions seen, and every outgoing HTTP request and TCP
 * socket the bundle opened. Before each report it writes a sentinel line to stdout and stderr,
 * so the parent knows every line of that invocation has arrived.
 *
 * It imports node built-ins only: it runs under bare Node, exactly as the bundle would on Lambda.
 * Usage: node lambda-child.js <bundle.mjs>   (as a child process with an IPC channel)
 */
import { randomUUID } from 'node:crypto';
import diagnostics from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import { pathToFileURL } from 'node:url';

type Outgoing = {
  kind: 'http' | 'socket';
  host: string;
  port?: number;
  method?: string;
  path?: string;
};
type InvokeMessage = {
  readonly id: number;
  readonly event?: unknown;
  readonly eventJson?: string;
  readonly remainingMs: number;
  readonly graceMs: number;
};
type Handler = (event: unknown, context: unknown) => Promise<unknown>;

const sentinelType = 'crkit.testing.sentinel';
let unhandled: string[] = [];
let uncaught: string[] = [];
let outgoing: Outgoing[] = [];

const describe = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);
const send = (message: unknown): void => void process.send?.(message);

process.on('unhandledRejection', (reason) => void unhandled.push(describe(reason)));
process.on('uncaughtException', (error) => void uncaught.push(describe(error)));

diagnostics.subscribe('http.client.request.start', (message) => {
  const { request } = message as { request: { method: string; host?: string; path?: string } };
  const path = String(request.path ?? '').split('?')[0] ?? '';
  outgoing.push({ kind: 'http', method: request.method, host: String(request.host ?? ''), path });
});
diagnostics.subscribe('net.client.socket', (message) => {
  const { socket } = message as { socket: Socket };
  const entry: Outgoing = { kind: 'socket', host: '', port: 0 };
  outgoing.push(entry);
  socket.once('lookup', (_error: unknown, address: unknown) => {
    entry.host = String(address ?? '');
  });
  socket.once('connect', () => {
    entry.host = socket.remoteAddress ?? entry.host;
    entry.port = socket.remotePort ?? 0;
  });
});

/** Counts of active resources by type, e.g. `{ Timeout: 1, TCPSocketWrap: 2 }`. */
function activeResources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

/** Resource types present (or more numerous) in `after` than in `before`. */
function leftover(
  before: Record<string, number>,
  after: Record<string, number>,
): Record<string, number> {
  const extra: Record<string, number> = {};
  for (const [type, count] of Object.entries(after)) {
    const more = count - (before[type] ?? 0);
    if (more > 0) extra[type] = more;
  }
  return extra;
}

function contextFor(remainingMs: number): Record<string, unknown> {
  const endsAt = Date.now() + remainingMs;
  const functionName = process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'crkit-handler';
  return {
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? '256',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2026/11/27/[$LATEST]0123456789abcdef0123456789abcdef',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, endsAt - Date.now()),
  };
}

function flushed(id: number): Promise<unknown> {
  const line = `${JSON.stringify({ type: sentinelType, id })}\n`;
  const written = (stream: NodeJS.WriteStream) =>
    new Promise((resolve) => stream.write(line, resolve));
  return Promise.all([written(process.stdout), written(process.stderr)]);
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function invoke(handler: Handler, message: InvokeMessage): Promise<void> {
  // An event too deep for the IPC channel's serialiser arrives as its JSON text.
  const event: unknown =
    typeof message.eventJson === 'string' ? JSON.parse(message.eventJson) : message.event;
  unhandled = [];
  uncaught = [];
  outgoing = [];
  const before = activeResources();
  const started = performance.now();
  let settled: 'resolved' | 'rejected';
  let value: unknown;
  try {
    value = await handler(event, contextFor(message.remainingMs));
    settled = 'resolved';
  } catch (error) {
    settled = 'rejected';
    value = describe(error);
  }
  const ms = performance.now() - started;
  // Let the event loop turn (its close phase included), so a socket destroyed by the settling is
  // gone before looking: Lambda freezes the process only after the return.
  await nextTurn();
  await nextTurn();
  const leftAtSettle = leftover(before, activeResources());
  if (message.graceMs > 0) await new Promise((resolve) => setTimeout(resolve, message.graceMs));
  const leftAfterGrace = leftover(before, activeResources());
  await flushed(message.id);
  const report = {
    settled,
    value: value ?? null,
    ms,
    leftAtSettle,
    leftAfterGrace,
    unhandled,
    uncaught,
    outgoing,
  };
  send({ kind: 'settled', id: message.id, ...report });
}

async function start(): Promise<void> {
  const bundle = process.argv[2];
  if (bundle === undefined || process.send === undefined) {
    process.stderr.write(
      'usage: node lambda-child.js <bundle.mjs> (as a child process with an IPC channel)\n',
    );
    process.exit(2);
  }
  // Create the stdout and stderr streams now (node makes them on first use), so they count as
  // part of the baseline rather than as something the first invocation left behind.
  void process.stdout.writableLength;
  void process.stderr.writableLength;
  const loadStarted = performance.now();
  let handler: Handler | undefined;
  let loadError: string | null = null;
  try {
    const loaded = (await import(pathToFileURL(bundle).href)) as { handler?: unknown };
    if (typeof loaded.handler === 'function') handler = loaded.handler as Handler;
    else loadError = `${bundle} exports no handler function`;
  } catch (error) {
    loadError = describe(error);
  }
  const loadMs = performance.now() - loadStarted;
  let queue = Promise.resolve();
  process.on('message', (message: InvokeMessage | { kind: 'stop' }) => {
    if ('kind' in message) return void process.disconnect();
    if (handler !== undefined) queue = queue.then(() => invoke(handler, message));
  });
  send({ kind: 'ready', loadError, loadMs });
}

void start();
