/**
 * The child side of a simulated Lambda container: loads the built bundle once (the init
 * phase), then serves invocations sent over IPC one at a time, giving the handler a context
 * whose remaining time counts down to the function's timeout. Compiled to plain JS before
 * use, so the bundle runs under bare Node exactly as on Lambda. Logs go to stdout untouched.
 */
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';

type Invoke = { readonly id: number; readonly event: unknown; readonly timeoutMs: number };
type Handler = (event: unknown, context: unknown) => Promise<unknown>;

const send = (message: unknown): void => {
  process.send?.(message);
};

async function serve(handler: Handler, invoke: Invoke): Promise<void> {
  const endsAt = Date.now() + invoke.timeoutMs;
  const context = {
    awsRequestId: randomUUID(),
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'crkit-handler',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, endsAt - Date.now()),
  };
  try {
    const result = await handler(invoke.event, context);
    send({ id: invoke.id, kind: 'returned', result: result ?? null });
  } catch (error) {
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : typeof error;
    send({ id: invoke.id, kind: 'threw', error: detail });
  }
}

async function start(): Promise<void> {
  const started = Date.now();
  const bundle = process.argv[2] ?? '';
  const loaded = (await import(pathToFileURL(bundle).href)) as { handler?: Handler };
  if (typeof loaded.handler !== 'function') throw new Error(`${bundle} exports no handler function`);
  const handler = loaded.handler;
  process.on('message', (message: Invoke) => void serve(handler, message));
  send({ kind: 'ready', initMs: Date.now() - started });
}

start().catch((error: unknown) => {
  send({ kind: 'init-failed', error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  process.exitCode = 1;
});
