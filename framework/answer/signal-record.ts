/**
 * The signal record: one `crkit.signal` log line per answer, the auditor's evidence of what
 * CloudFormation was told, and of whether CloudFormation confirmed it had asked
 * (docs/audit-queries.md).
 */
import { createHash } from 'node:crypto';
import type { AnswerTarget, Via } from '../events.js';
import type { ResponseBody } from './body.js';
import type { Delivery } from './put.js';
import type { AwsCallRecord } from '../scope.js';
import { safeUrl } from '../redaction.js';
import type { Provenance } from '../confirmation.js';

/**
 * The `action` of a record about a request crkit took no action on (an unknown type, a malformed
 * request).
 */
const NoAction = 'none';

/** Fields of a `crkit.signal` record. */
type SignalRecord = {
  readonly requestId: string;
  readonly stackId: string;
  readonly logicalResourceId: string;
  readonly resourceType: string;
  readonly requestType: string;
  /**
   * What crkit did: create, update, delete, …, or `none` when it did nothing (an unknown type, a
   * malformed request).
   */
  readonly action: string;
  readonly via: Via;
  /**
   * Whether CloudFormation confirmed it sent the request: confirmed, unconfirmed (it could not be
   * asked), settled (already answered), contradicted (refused), unchecked.
   */
  readonly provenance: Provenance;
  readonly status: string;
  readonly reason: string | undefined;
  readonly physicalResourceId: string;
  readonly noEcho: boolean;
  readonly dataKeys: readonly string[];
  readonly bodyBytes: number;
  readonly bodySha256: string;
  readonly delivered: boolean;
  readonly attempts: number;
  readonly httpStatus: number | undefined;
  readonly errorCode: string | undefined;
  readonly durationMs: number;
  readonly responseUrl: string;
  readonly duplicate: boolean;
  readonly awsCalls: readonly AwsCallRecord[];
};

type SignalFacts = {
  readonly target: AnswerTarget;
  readonly via: Via;
  readonly action: string | undefined;
  readonly provenance: Provenance | undefined;
  readonly body: ResponseBody;
  readonly delivery: Delivery;
  readonly startedAt: number;
  readonly duplicate: boolean;
  readonly awsCalls: readonly AwsCallRecord[];
};

/**
 * Builds the record for one answer from what was actually sent.
 * @internal
 */
function signalRecord(facts: SignalFacts): SignalRecord {
  const { target, body, delivery } = facts;
  return {
    requestId: target.requestId,
    stackId: target.stackId,
    logicalResourceId: target.logicalResourceId,
    resourceType: target.resourceType,
    requestType: target.requestType,
    action: facts.action ?? NoAction,
    via: facts.via,
    provenance: facts.provenance ?? 'unchecked',
    status: body.document.Status,
    reason: body.document.Reason,
    physicalResourceId: body.document.PhysicalResourceId,
    noEcho: body.document.NoEcho === true,
    dataKeys: Object.keys(body.document.Data ?? {}),
    bodyBytes: body.bytes.length,
    bodySha256: createHash('sha256').update(body.bytes).digest('hex'),
    delivered: delivery.delivered,
    attempts: delivery.attempts,
    httpStatus: delivery.httpStatus,
    errorCode: delivery.errorCode,
    durationMs: Date.now() - facts.startedAt,
    responseUrl: safeUrl(target.responseUrl),
    duplicate: facts.duplicate,
    // A copy: a call aborted at the deadline may still finish and add itself to the scope's list.
    awsCalls: [...facts.awsCalls],
  };
}

export { NoAction, signalRecord };
export type { SignalRecord };
