/**
 * The response body. CloudFormation rejects a body over 4096 bytes ("Response object is too
 * long"), so the body is budgeted in bytes: the Reason is cut first; Data that cannot fit turns
 * the answer into a FAILED one that says how large it was. No nulls; Data values are strings.
 */
import type { AnswerTarget } from '../events.js';
import type { AttributeValue } from '../outcome.js';

/** The largest body CloudFormation accepts, in bytes. */
const MaxBodyBytes = 4096;

const Statuses = { success: 'SUCCESS', failed: 'FAILED' } as const;
type Status = (typeof Statuses)[keyof typeof Statuses];

/** What to answer, before budgeting. */
type AnswerDraft = {
  readonly status: Status;
  readonly reason: string | undefined;
  readonly physicalId: string;
  readonly noEcho: boolean;
  readonly data: Readonly<Record<string, AttributeValue>>;
};

/** The JSON document PUT to the ResponseURL. */
type ResponseDocument = {
  Status: Status;
  Reason?: string | undefined;
  PhysicalResourceId: string;
  StackId: string;
  RequestId: string;
  LogicalResourceId: string;
  NoEcho?: boolean | undefined;
  Data?: Record<string, string> | undefined;
};

/** A budgeted body: the exact bytes to PUT and the document they encode. */
type ResponseBody = { readonly bytes: Buffer; readonly document: ResponseDocument };

const truncationMark = ' … (truncated)';

function byteLength(document: ResponseDocument): number {
  return Buffer.byteLength(JSON.stringify(document));
}

/**
 * The longest prefix of `reason` (never splitting a surrogate pair) that keeps the body in budget.
 */
function fitReason(document: ResponseDocument, reason: string): string {
  const withReason = (text: string) => byteLength({ ...document, Reason: text });
  if (withReason(reason) <= MaxBodyBytes) return reason;
  let low = 0;
  let high = reason.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (withReason(reason.slice(0, mid) + truncationMark) <= MaxBodyBytes) low = mid;
    else high = mid - 1;
  }
  let cut = low;
  const last = reason.charCodeAt(cut - 1);
  if (cut > 0 && last >= 0xd800 && last <= 0xdbff) cut -= 1;
  return reason.slice(0, cut) + truncationMark;
}

function stringData(
  data: Readonly<Record<string, AttributeValue>>,
): Record<string, string> | undefined {
  const entries = Object.entries(data).filter(([, value]) => value !== null && value !== undefined);
  if (entries.length === 0) return undefined;
  return Object.fromEntries(entries.map(([key, value]) => [key, String(value)]));
}

/**
 * Builds the body for one answer, within 4096 bytes.
 * @example
 * const { bytes } = buildResponseBody(target, {
 *   status: 'SUCCESS', reason: undefined, physicalId: 'pg-1', noEcho: false, data: {},
 * });
 */
function buildResponseBody(target: AnswerTarget, draft: AnswerDraft): ResponseBody {
  const base: ResponseDocument = {
    Status: draft.status,
    PhysicalResourceId: draft.physicalId,
    StackId: target.stackId,
    RequestId: target.requestId,
    LogicalResourceId: target.logicalResourceId,
  };
  if (draft.noEcho) base.NoEcho = true;
  const data = draft.status === Statuses.success ? stringData(draft.data) : undefined;
  let document: ResponseDocument = data === undefined ? base : { ...base, Data: data };
  let reason = draft.reason;
  if (data !== undefined && byteLength(document) > MaxBodyBytes) {
    const dataBytes = Buffer.byteLength(JSON.stringify(data));
    document = { ...base, Status: Statuses.failed };
    reason =
      `the resource's attributes (Data) are ${dataBytes} bytes, too large for ` +
      `CloudFormation's 4096-byte response; return fewer or shorter attributes`;
  }
  if (reason !== undefined && reason !== '')
    document = { ...document, Reason: fitReason(document, reason) };
  else if (document.Status === Statuses.failed)
    document = { ...document, Reason: 'failed (no reason given)' };
  return { bytes: Buffer.from(JSON.stringify(document)), document };
}

export { MaxBodyBytes, Statuses, buildResponseBody };
export type { AnswerDraft, ResponseBody, ResponseDocument, Status };
