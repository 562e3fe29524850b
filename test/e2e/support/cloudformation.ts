/**
 * The harness playing CloudFormation's part in the view a handler can confirm a request with:
 * the stand-in hears that CloudFormation sent a request before it is delivered, and that
 * CloudFormation received the answer once the ResponseURL endpoint accepted one. What is not a
 * well-formed request (input scenarios) is not played: CloudFormation never sends it.
 */
import { asCustomResourceRequest } from '../../../scripts/standin/index.js';
import type {
  CustomResourceAnswer,
  CustomResourceRequest,
  StandinControls,
} from '../../../scripts/standin/index.js';
import { requestsIn } from '../../support/cloudformation.js';
import { parse } from './invariants.js';
import type { RawRequest } from './requests.js';
import type { ReceivedPut } from '../../../framework/testing/index.js';

/** The part of the stand-in that keeps CloudFormation's view. */
type CloudFormationView = Pick<StandinControls, 'requestSent' | 'answerReceived'>;

/**
 * Tells the stand-in that CloudFormation sent `request` (an object, or the SNS message text);
 * returns the request played, or undefined when it is not one CloudFormation could send.
 * @example
 * const sent = playRequestSent(world.standin, request);
 */
function playRequestSent(
  view: CloudFormationView,
  request: RawRequest | string,
): CustomResourceRequest | undefined {
  const sent = asCustomResourceRequest(request);
  if (sent !== undefined) view.requestSent(sent);
  return sent;
}

/**
 * Tells the stand-in that CloudFormation sent each request a whole Lambda event carries: the
 * event itself, or each SNS record's message (SQS records are crkit's continuations, not requests).
 * @example
 * playEventSent(world.standin, { Records: [snsRecordOf(first), snsRecordOf(second)] });
 */
function playEventSent(view: CloudFormationView, event: RawRequest | string): void {
  for (const request of requestsIn(event)) {
    if (typeof request === 'string' || (typeof request === 'object' && request !== null))
      playRequestSent(view, request as RawRequest | string);
  }
}

/** The answer as CloudFormation reads it: a body it cannot read fails the request. */
function answerOf(put: ReceivedPut): CustomResourceAnswer {
  const document = parse(put.body.toString('utf8'));
  if (document === undefined || typeof document.Status !== 'string')
    return { Status: 'FAILED', Reason: 'Invalid response object' };
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return {
    Status: document.Status,
    PhysicalResourceId: text(document.PhysicalResourceId),
    Reason: text(document.Reason),
  };
}

/**
 * Tells the stand-in that CloudFormation received the first answer the endpoint accepted (a
 * refused or reset PUT never reaches CloudFormation); does nothing when there is none.
 * @example
 * playAnswerReceived(world.standin, sent, endpoint.receivedFor(requestId));
 */
function playAnswerReceived(
  view: CloudFormationView,
  request: CustomResourceRequest,
  puts: readonly ReceivedPut[],
): void {
  const accepted = puts.find(
    (put) => typeof put.status === 'number' && put.status >= 200 && put.status < 300,
  );
  if (accepted !== undefined) view.answerReceived(request, answerOf(accepted));
}

export { playAnswerReceived, playEventSent, playRequestSent };
export type { CloudFormationView };
