/**
 * Decisions: what to do for one request. Either an answer, built by the protocol's rules, or
 * deferred (a continuation answers later). Every physical id a FAILED answer carries follows one
 * rule (`failedDecision`), every finished outcome is checked the same way (`decide`), and a
 * request CloudFormation contradicts or already saw answered gets an answer that changes nothing
 * (`unconfirmedDecision`).
 */
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import type { Confirmation, Provenance } from './confirmation.js';
import type { Logger } from './logging.js';
import type { AttributeValue, Outcome } from './outcome.js';
import { failedCreateMarker, isUsablePhysicalId } from './physical-id.js';
import type { Action } from './resource.js';

/** An answer to send: CloudFormation's status, Reason, physical id and Data. */
type Answer = {
  readonly status: 'SUCCESS' | 'FAILED';
  readonly reason: string | undefined;
  readonly physicalId: string;
  readonly data: Readonly<Record<string, AttributeValue>>;
  readonly noEcho: boolean;
  readonly action: Action | undefined;
  /** How CloudFormation confirmed the request. @default 'unchecked' */
  readonly provenance?: Provenance | undefined;
};

/** The work was handed to a continuation: nothing is answered now, a later invocation answers. */
type Deferred = { readonly status: 'DEFERRED'; readonly action: Action };

/** What to do for one request: answer it, or leave the answer to a continuation. */
type Decision = Answer | Deferred;

function incomingId(request: CloudFormationCustomResourceEvent): string | undefined {
  return request.RequestType === 'Create' ? undefined : request.PhysicalResourceId;
}

/**
 * A FAILED answer: a Create names what it left behind (or the failed-Create marker), any other
 * request keeps its physical id.
 * @internal
 */
function failedDecision(
  request: CloudFormationCustomResourceEvent,
  action: Action | undefined,
  reason: string,
  leftBehind?: string,
): Answer {
  const physicalId =
    isUsablePhysicalId(leftBehind) && request.RequestType === 'Create'
      ? leftBehind
      : (incomingId(request) ?? failedCreateMarker(request.RequestId));
  return { status: 'FAILED', reason, physicalId, data: {}, noEcho: false, action };
}

/**
 * Checks a finished outcome against the protocol and turns it into a decision.
 * @internal
 */
function decide(
  request: CloudFormationCustomResourceEvent,
  action: Action,
  outcome: Outcome,
  replacing: boolean,
): Answer {
  if (outcome.kind === 'failed')
    return failedDecision(request, action, outcome.reason, outcome.physicalId);
  if (outcome.kind === 'in-progress')
    return failedDecision(
      request,
      action,
      `still waiting for ${outcome.waitingFor}`,
      outcome.physicalId,
    );
  const incoming = incomingId(request);
  const doing = `${action} of ${request.ResourceType}`;
  if (action === 'delete')
    return {
      status: 'SUCCESS',
      reason: outcome.note,
      physicalId: incoming ?? outcome.physicalId,
      data: {},
      noEcho: false,
      action,
    };
  if (!isUsablePhysicalId(outcome.physicalId)) {
    return failedDecision(
      request,
      action,
      `${doing} returned an empty or over-long physical id (CloudFormation needs 1 to 1024 bytes)`,
    );
  }
  if (action === 'update' && replacing && outcome.physicalId === incoming) {
    return failedDecision(
      request,
      action,
      `${doing} was a replacement but returned the same physical id; CloudFormation ` +
        `would delete the resource it kept`,
    );
  }
  if (!replacing && incoming !== undefined && outcome.physicalId !== incoming) {
    return failedDecision(
      request,
      action,
      `${doing} returned a new physical id although no replace-on property changed`,
    );
  }
  return {
    status: 'SUCCESS',
    reason: outcome.note,
    physicalId: outcome.physicalId,
    data: outcome.data,
    noEcho: outcome.noEcho,
    action,
  };
}

/**
 * The answer to a request CloudFormation contradicts (FAILED, recorded as `crkit.refused`) or
 * already shows as answered (the same status, without Data): either way nothing is changed and
 * no secret-bearing Data is sent to a ResponseURL CloudFormation may not have given.
 * @internal
 */
function unconfirmedDecision(
  request: CloudFormationCustomResourceEvent,
  action: Action | undefined,
  confirmation: Extract<Confirmation, { provenance: 'contradicted' | 'settled' }>,
  log: Logger,
): Answer {
  if (confirmation.provenance === 'contradicted') {
    log.record('crkit.refused', { check: 'cloudformation', why: confirmation.why });
    return {
      ...failedDecision(
        request,
        action,
        `CloudFormation does not confirm this request (${confirmation.why}); crkit changed nothing`,
      ),
      provenance: 'contradicted',
    };
  }
  const said =
    `CloudFormation already shows ${request.LogicalResourceId} as ${confirmation.status}: ` +
    `this request was answered before, and crkit changed nothing`;
  log.info(
    'the request was already answered, CloudFormation shows: answering again without any change',
    { status: confirmation.status },
  );
  if (confirmation.status.endsWith('_FAILED'))
    return { ...failedDecision(request, action, said), provenance: 'settled' };
  const known =
    request.RequestType === 'Delete' ? request.PhysicalResourceId : confirmation.physicalId;
  const physicalId = isUsablePhysicalId(known)
    ? known
    : (incomingId(request) ?? failedCreateMarker(request.RequestId));
  return {
    status: 'SUCCESS',
    reason: said,
    physicalId,
    data: {},
    noEcho: false,
    action,
    provenance: 'settled',
  };
}

export { decide, failedDecision, incomingId, unconfirmedDecision };
export type { Answer, Decision, Deferred };
