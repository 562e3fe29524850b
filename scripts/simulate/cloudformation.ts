/**
 * Playing CloudFormation for one request: build it as CloudFormation does, put its resource in
 * the state CloudFormation is in when it sends it, deliver it (directly or SNS-wrapped, and
 * again for a redelivery), wait for the answer on the ResponseURL for as long as CloudFormation
 * would, record in CloudFormation's view what the answer (or its absence) made of the resource,
 * and record the step.
 */
import { randomUUID } from 'node:crypto';
import { asCustomResourceRequest } from '../standin/index.js';
import type { CustomResourceAnswer, CustomResourceRequest } from '../standin/index.js';
import { judgeAnswer } from './judge.js';
import type { Verdict } from './judge.js';
import type { Invocation } from './lambda-pool.js';
import { waitsOf } from './readiness-lag.js';
import type { ResourceWait } from './readiness-lag.js';
import type { ReceivedPut } from '../../framework/testing/index.js';
import { consistentAnswers } from './consistent-answers.js';
import type { Session, Step } from './session.js';

/** What to send. */
type RequestSpec = {
  readonly requestType: 'Create' | 'Update' | 'Delete';
  readonly logicalId: string;
  readonly resourceType: string;
  readonly physicalId?: string | undefined;
  readonly properties: Record<string, unknown>;
  readonly oldProperties?: Record<string, unknown> | undefined;
};

/** AWS calls that bring something new into existence (tagging an existing thing does not). */
const creating = /^(Create(?!Tags)|Register|Run|Allocate|Copy|Import)/;

function buildRequest(
  session: Session,
  spec: RequestSpec,
  requestId: string,
): Record<string, unknown> {
  const request: Record<string, unknown> = {
    RequestType: spec.requestType,
    ServiceToken: spec.properties.ServiceToken,
    ResponseURL: session.endpoint.urlFor({
      stackId: session.stackId,
      logicalResourceId: spec.logicalId,
      requestId,
    }),
    StackId: session.stackId,
    RequestId: requestId,
    LogicalResourceId: spec.logicalId,
    ResourceType: spec.resourceType,
    ResourceProperties: spec.properties,
  };
  if (spec.requestType !== 'Create') request.PhysicalResourceId = spec.physicalId;
  if (spec.requestType === 'Update') request.OldResourceProperties = spec.oldProperties;
  return request;
}

/** SNS's envelope; a redelivery repeats the same MessageId. */
function snsEvent(request: Record<string, unknown>, messageId: string): unknown {
  const topicArn = String(request.ServiceToken);
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: `${topicArn}:${randomUUID()}`,
        Sns: {
          Type: 'Notification',
          MessageId: messageId,
          TopicArn: topicArn,
          Subject: 'AWS CloudFormation custom resource request',
          Message: JSON.stringify(request),
          Timestamp: new Date().toISOString(),
          SignatureVersion: '1',
          Signature: 'c2ltdWxhdGVk',
          SigningCertUrl: 'https://sns.us-east-1.amazonaws.com/SimpleNotificationService.pem',
          UnsubscribeUrl: 'https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe',
          MessageAttributes: {},
        },
      },
    ],
  };
}

function serviceTimeoutMs(properties: Record<string, unknown>): number {
  const seconds = Number(properties.ServiceTimeout ?? 3600);
  return (Number.isFinite(seconds) && seconds > 0 ? seconds : 3600) * 1000;
}

/** Waits for the next accepted answer while anything could still produce one. */
async function awaitAnswer(
  session: Session,
  requestId: string,
  index: number,
  invocation: Promise<Invocation>,
  limitMs: number,
): Promise<ReceivedPut | undefined> {
  const controller = new AbortController();
  let ended = false;
  void invocation.finally(() => {
    ended = true;
  });
  const limit = setTimeout(() => controller.abort(), limitMs);
  const watch = setInterval(() => {
    session.relay.poll();
    if (ended && session.lambda.inFlight() === 0 && session.relay.pending() === 0)
      controller.abort();
  }, 25);
  try {
    return await session.endpoint.nextAnswer(requestId, index, controller.signal);
  } finally {
    clearTimeout(limit);
    clearInterval(watch);
  }
}

async function signalOf(session: Session, requestId: string): Promise<string | undefined> {
  for (let waited = 0; waited < 500; waited += 20) {
    const record = session.lambda.signals.find((signal) => signal.requestId === requestId);
    if (record !== undefined) return record.action;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return undefined;
}

function changesSince(session: Session, fromSeq: number): string[] {
  if (!session.offline) return [];
  return session.standin
    .calls()
    .filter((call) => call.seq > fromSeq && call.status === 200 && creating.test(call.action))
    .map((call) => call.action);
}

function lastSeq(session: Session): number {
  return session.standin.calls().at(-1)?.seq ?? 0;
}

/**
 * The resources the request waited on, read from the stand-in (offline only: real EC2 keeps no such
 * record).
 */
function waitsSince(
  session: Session,
  fromSeq: number,
  sentAt: number,
  answer: ReceivedPut | undefined,
): ResourceWait[] {
  if (!session.offline) return [];
  return waitsOf({
    readiness: session.standin.readiness(),
    calls: session.standin.calls(),
    fromSeq,
    toSeq: lastSeq(session),
    sentAt,
    answeredAt: answer?.at,
  });
}

function noAnswerVerdict(limitMs: number, invocation: Invocation | undefined): Verdict {
  const why =
    invocation?.kind === 'timed-out'
      ? `the handler ran past the function's ${Math.round(invocation.ms / 1000)} s timeout ` +
        `and was stopped`
      : 'the handler finished without answering';
  return {
    result: 'FAILED',
    physicalId: undefined,
    reason:
      `no answer: ${why}; CloudFormation waits the ServiceTimeout (${limitMs / 1000} s) ` +
      `and then fails the resource`,
    data: {},
    noEcho: false,
  };
}

/**
 * What CloudFormation records from its verdict: an invalid answer, or none, fails the request
 * without an id.
 */
function answerOf(verdict: Verdict): CustomResourceAnswer {
  if (verdict.result === 'SUCCESS')
    return { Status: 'SUCCESS', PhysicalResourceId: verdict.physicalId };
  return {
    Status: 'FAILED',
    PhysicalResourceId: verdict.result === 'FAILED' ? verdict.physicalId : undefined,
    Reason: verdict.reason,
  };
}

function received(
  session: Session,
  request: CustomResourceRequest | undefined,
  verdict: Verdict,
): void {
  if (request !== undefined) session.standin.answerReceived(request, answerOf(verdict));
}

/**
 * Sends one request and waits for its answer as CloudFormation would.
 * @example
 * const step = await sendRequest(session, { requestType: 'Create', logicalId: 'Group',
 *   resourceType: 'Custom::PlacementGroup', properties });
 */
async function sendRequest(session: Session, spec: RequestSpec): Promise<Step> {
  const requestId = randomUUID();
  const request = buildRequest(session, spec, requestId);
  const event = session.transport === 'sns' ? snsEvent(request, randomUUID()) : request;
  const limitMs = serviceTimeoutMs(spec.properties);
  const sent = asCustomResourceRequest(request);
  if (sent !== undefined) session.standin.requestSent(sent);
  const sentFromSeq = lastSeq(session);
  const started = Date.now();
  const first = session.lambda.invoke(event);
  const answer = await awaitAnswer(session, requestId, 0, first, limitMs);
  const ms = Date.now() - started;
  const waits = waitsSince(session, sentFromSeq, started, answer);
  const judged =
    answer === undefined
      ? undefined
      : judgeAnswer(answer, { stackId: session.stackId, requestId, logicalId: spec.logicalId });
  if (judged !== undefined) received(session, sent, judged);
  const invocation = await first;
  const verdict = judged ?? noAnswerVerdict(limitMs, invocation);
  if (judged === undefined) received(session, sent, verdict);
  const changesFrom = lastSeq(session);
  let deliveries = 1;
  for (const redelivery of answer === undefined ? [] : session.redeliveries) {
    deliveries += 1;
    const again = session.lambda.invoke(event, { fresh: redelivery === 'fresh' });
    await awaitAnswer(session, requestId, deliveries - 1, again, limitMs);
    await again;
  }
  const accepted = session.endpoint
    .receivedFor(requestId)
    .filter((item) => item.refused === undefined);
  const failure =
    invocation.kind === 'threw' || invocation.kind === 'crashed' ? `: ${invocation.error}` : '';
  const note =
    invocation.kind === 'returned' ? undefined : `invocation ${invocation.kind}${failure}`;
  return {
    index: session.steps.length + 1,
    stackStatus: session.status,
    requestType: spec.requestType,
    logicalId: spec.logicalId,
    resourceType: spec.resourceType,
    requestId,
    via: session.transport,
    sentPhysicalId: spec.physicalId,
    result: answer === undefined ? 'NO ANSWER' : verdict.result,
    physicalId: verdict.physicalId,
    reason: verdict.reason,
    data: verdict.data,
    noEcho: verdict.noEcho,
    bodyBytes: answer?.body.length,
    action: await signalOf(session, requestId),
    ms,
    deliveries,
    answers: accepted.length,
    consistentAnswers: consistentAnswers(accepted),
    redeliveryChanges: deliveries > 1 ? changesSince(session, changesFrom) : [],
    waits,
    note,
  };
}

export { sendRequest };
export type { RequestSpec };
