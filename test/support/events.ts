/**
 * Real-shaped CloudFormation requests for tests: one loader returning fresh clones of the
 * fixtures in test/fixtures/events, with variations spread over them.
 */
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';

type Kind = 'create' | 'update' | 'delete';
type Request = Record<string, unknown> & { RequestType: string; RequestId: string; ResponseURL: string };

const fixtures: Record<Kind, string> = {
  create: readFileSync(new URL('../fixtures/events/create.json', import.meta.url), 'utf8'),
  update: readFileSync(new URL('../fixtures/events/update.json', import.meta.url), 'utf8'),
  delete: readFileSync(new URL('../fixtures/events/delete.json', import.meta.url), 'utf8'),
};
const envelope = readFileSync(new URL('../fixtures/events/sns-envelope.json', import.meta.url), 'utf8');

/**
 * A fresh request of a kind, with a new RequestId, overrides applied, and the ResponseURL
 * pointed at `responseOrigin` (keeping a pre-signed-style query) when given.
 */
function requestOf(kind: Kind, overrides: Record<string, unknown> = {}, responseOrigin?: string): Request {
  const base = JSON.parse(fixtures[kind]) as Request;
  const requestId = typeof overrides.RequestId === 'string' ? overrides.RequestId : randomUUID();
  const query = 'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAEXAMPLE%2F20261127%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=deadbeefcafe0123456789';
  const responseUrl = responseOrigin === undefined ? base.ResponseURL : `${responseOrigin}/responses/${requestId}?${query}`;
  return { ...base, RequestId: requestId, ResponseURL: responseUrl, ...overrides };
}

/** Wraps requests the way SNS delivers them: the request as a JSON string in Sns.Message. */
function snsWrap(...requests: readonly unknown[]): { Records: unknown[] } {
  const [record] = (JSON.parse(envelope) as { Records: Record<string, unknown>[] }).Records;
  return {
    Records: requests.map((request) => ({
      ...record,
      Sns: { ...(record?.Sns as object), MessageId: randomUUID(), Message: typeof request === 'string' ? request : JSON.stringify(request) },
    })),
  };
}

export { requestOf, snsWrap };
export type { Kind, Request };
