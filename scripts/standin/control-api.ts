/**
 * The HTTP control API under `/__standin/`, so a child process (a Lambda-like process running
 * the bundle) and a test runner in another process can share one stand-in. Bodies and answers
 * are JSON; answers are `{ "result": … }` or `{ "error": "…" }`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StandinControls } from './controls.js';

/** Path prefix of every control endpoint. */
const CONTROL_PREFIX = '/__standin/';

// Control bodies are test-authored JSON; the controls themselves reject bad values, so a field
// is handed on as the type its control takes (`as never`).
type Body = Record<string, unknown>;

/** `METHOD path` → handler. The path is relative to {@link CONTROL_PREFIX}. */
const ENDPOINTS: Readonly<Record<string, (c: StandinControls, body: Body) => unknown>> = {
  'GET health': () => ({ standin: 'crkit local AWS stand-in (not AWS)' }),
  'GET calls': (c) => c.calls(),
  'POST calls': (c, b) => c.calls(b),
  'POST calls/clear': (c) => c.clearCalls(),
  'GET unexpected-calls': (c) => c.unexpectedCalls(),
  'POST faults': (c, b) => ({ id: c.inject(b as never) }),
  'POST faults/clear': (c) => c.clearFaults(),
  'GET faults': (c) => c.pendingFaults(),
  'POST messages/take': (c, b) => c.takeMessages(b.queue as never),
  'POST queue-url': (c, b) => c.queueUrl(String(b.name)),
  'POST queue-arn': (c, b) => c.queueArn(String(b.name)),
  'POST secrets': (c, b) => ({
    arn: c.putSecret(String(b.name ?? ''), String(b.value ?? '')),
  }),
  'POST cloudformation/request-sent': (c, b) => c.requestSent(b.request as never),
  'POST cloudformation/answer-received': (c, b) =>
    c.answerReceived(b.request as never, b.answer as never),
  'POST stacks': (c, b) => c.putStack(b),
  'POST stacks/status': (c, b) =>
    c.setStackStatus(String(b.stack), String(b.status), b.reason as never),
  'POST stacks/tags': (c, b) => c.setStackTags(String(b.stack), (b.tags ?? []) as never),
  'POST stacks/resources': (c, b) => c.setStackResource(b as never),
  'POST stacks/events': (c, b) => c.addStackEvent(b as never),
  'POST stacks/resources/list': (c, b) => c.stackResources(String(b.stack)),
  'POST stacks/events/list': (c, b) => c.stackEvents(String(b.stack)),
  'POST images/seed': (c, b) => c.seedImage(b as never),
  'POST images/outcome': (c, b) => c.setImageOutcome(b.outcome as never, b.target as never),
  'POST snapshots/seed': (c, b) => ({ snapshotId: c.seedSnapshot(b) }),
  'POST placement-groups/readiness': (c, b) => c.setPlacementGroupReadiness(b as never),
  'GET readiness': (c) => c.readiness(),
  'POST placement-groups/in-use': (c, b) =>
    c.markPlacementGroupInUse(String(b.groupName), b.attempts as never),
  'POST tags/remove': (c, b) => c.removeTags(String(b.resource), (b.keys ?? []) as never),
  'POST images/attributes': (c, b) => c.setImageAttributes(String(b.imageId), b.change ?? {}),
  'POST images/deregister': (c, b) => c.deregisterImage(String(b.imageId), b.options ?? {}),
};

const reply = (response: ServerResponse, status: number, payload: unknown): void => {
  const text = JSON.stringify(payload);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
};

const parseBody = (body: string): Body => {
  const parsed: unknown = body.trim() === '' ? {} : JSON.parse(body);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new TypeError('The body must be a JSON object');
  return parsed as Body;
};

/** Answers one control request. */
const handleControl = async (
  controls: StandinControls,
  request: IncomingMessage,
  response: ServerResponse,
  body: string,
): Promise<void> => {
  const path = (request.url ?? '').split('?')[0]?.slice(CONTROL_PREFIX.length) ?? '';
  const endpoint = ENDPOINTS[`${request.method ?? 'GET'} ${path}`];
  if (!endpoint) {
    reply(response, 404, {
      error: `No control endpoint ${request.method} ${CONTROL_PREFIX}${path}`,
      endpoints: Object.keys(ENDPOINTS),
    });
    return;
  }
  try {
    reply(response, 200, { result: endpoint(controls, parseBody(body)) ?? null });
  } catch (error) {
    reply(response, 400, { error: error instanceof Error ? error.message : String(error) });
  }
};

/** The control endpoints, as `METHOD /__standin/path`. */
const CONTROL_ENDPOINTS: readonly string[] = Object.keys(ENDPOINTS).map((key) =>
  key.replace(' ', ` ${CONTROL_PREFIX}`),
);

export { handleControl, CONTROL_PREFIX, CONTROL_ENDPOINTS };
