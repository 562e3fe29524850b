/**
 * A client for the HTTP control API, for a process that did not start the stand-in.
 * It offers the same controls as {@link StandinControls}, each returning a promise.
 */
import { CONTROL_PREFIX } from './control-api.js';
import type { StandinControls } from './controls.js';

/** {@link StandinControls} over HTTP: every method returns a promise. */
type RemoteStandin = {
  readonly [K in keyof StandinControls]: (
    ...args: Parameters<StandinControls[K]>
  ) => Promise<Awaited<ReturnType<StandinControls[K]>>>;
};

const call = async <T>(
  url: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<T> => {
  const response = await fetch(`${url}${CONTROL_PREFIX}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(method === 'POST' ? { body: JSON.stringify(body ?? {}) } : {}),
  });
  const payload = (await response.json()) as { result?: T; error?: string };
  if (!response.ok)
    throw new Error(`crkit stand-in control ${path} failed: ${payload.error ?? response.status}`);
  return payload.result as T;
};

/**
 * Connects to a stand-in started by another process.
 *
 * @example
 * ```ts
 * const standin = connectStandin(process.env.CRKIT_STANDIN_URL ?? '');
 * await standin.setStackStatus('my-stack', 'UPDATE_ROLLBACK_IN_PROGRESS');
 * ```
 */
const connectStandin = (url: string): RemoteStandin => {
  const post = <T>(path: string, body?: unknown): Promise<T> => call<T>(url, 'POST', path, body);
  return {
    calls: (filter) => post('calls', filter ?? {}),
    unexpectedCalls: () => call(url, 'GET', 'unexpected-calls'),
    clearCalls: () => post('calls/clear'),
    inject: async (fault) => (await post<{ id: string }>('faults', fault)).id,
    clearFaults: () => post('faults/clear'),
    pendingFaults: () => call(url, 'GET', 'faults'),
    takeMessages: (queue) => post('messages/take', { queue }),
    queueUrl: (name) => post('queue-url', { name }),
    queueArn: (name) => post('queue-arn', { name }),
    putSecret: async (name, value) => (await post<{ arn: string }>('secrets', { name, value })).arn,
    requestSent: (request) => post('cloudformation/request-sent', { request }),
    answerReceived: (request, answer) =>
      post('cloudformation/answer-received', { request, answer }),
    putStack: (seed) => post('stacks', seed),
    setStackStatus: (stack, status, reason) => post('stacks/status', { stack, status, reason }),
    setStackTags: (stack, tags) => post('stacks/tags', { stack, tags }),
    setStackResource: (seed) => post('stacks/resources', seed),
    addStackEvent: (seed) => post('stacks/events', seed),
    stackResources: (stack) => post('stacks/resources/list', { stack }),
    stackEvents: (stack) => post('stacks/events/list', { stack }),
    seedImage: (seed) => post('images/seed', seed),
    seedSnapshot: async (seed) =>
      (await post<{ snapshotId: string }>('snapshots/seed', seed ?? {})).snapshotId,
    setImageOutcome: (outcome, target) => post('images/outcome', { outcome, target }),
    setPlacementGroupReadiness: (readiness) => post('placement-groups/readiness', readiness),
    markPlacementGroupInUse: (groupName, attempts) =>
      post('placement-groups/in-use', { groupName, attempts }),
    readiness: () => call(url, 'GET', 'readiness'),
    removeTags: (resource, keys) => post('tags/remove', { resource, keys }),
    setImageAttributes: (imageId, change) => post('images/attributes', { imageId, change }),
    deregisterImage: (imageId, options) => post('images/deregister', { imageId, options }),
  };
};

export { connectStandin };
export type { RemoteStandin };
