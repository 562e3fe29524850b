/**
 * Intake: turns whatever Lambda was invoked with into a list of things to answer.
 * CloudFormation invokes directly (ServiceToken = function ARN) or through SNS (ServiceToken =
 * topic ARN, the request being the JSON string in `Sns.Message`); crkit's own continuation
 * messages arrive through SQS; the scheduled drift check arrives as an EventBridge
 * `Scheduled Event`, whose `resources` name the schedule that sent it.
 */
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';

/** The three request types CloudFormation sends. */
const RequestTypes = ['Create', 'Update', 'Delete'] as const;
type RequestType = (typeof RequestTypes)[number];

/** How an item reached the handler. */
type Via = 'direct' | 'sns' | 'sqs';

/** The fields needed to answer at all, taken from a request that may be otherwise malformed. */
type AnswerTarget = {
  readonly responseUrl: string;
  readonly stackId: string;
  readonly requestId: string;
  readonly logicalResourceId: string;
  readonly physicalResourceId: string | undefined;
  readonly resourceType: string;
  readonly requestType: string;
};

/** One thing found in an invocation's event. */
type IntakeItem =
  | {
      readonly kind: 'request';
      readonly via: Via;
      readonly request: CloudFormationCustomResourceEvent;
    }
  | {
      readonly kind: 'malformed';
      readonly via: Via;
      readonly target: AnswerTarget;
      readonly why: string;
    }
  | {
      readonly kind: 'rejected';
      readonly via: Via;
      readonly why: string;
      readonly messageId?: string;
    }
  | {
      readonly kind: 'continuation';
      readonly via: 'sqs';
      readonly messageId: string;
      readonly body: string;
      readonly source: string;
    }
  | { readonly kind: 'scheduled'; readonly via: 'schedule'; readonly resources: readonly string[] };

type JsonObject = Record<string, unknown>;

/**
 * Deepest nesting of arrays and objects accepted in a request's properties. CloudFormation
 * templates nest a few levels; a forged request nested thousands deep would overflow the stack
 * of every recursive step after intake (hashing, parsing, logging), so it is refused here.
 */
const MaxNestingDepth = 32;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** SNS wraps each request: `{Records:[{EventSource:'aws:sns', Sns:{Message:'<json>'}}]}`. */
function isSnsRecord(
  record: unknown,
): record is { Sns: { Message: unknown; MessageId?: unknown } } {
  return isObject(record) && record.EventSource === 'aws:sns' && isObject(record.Sns);
}

/** SQS records spell it `eventSource` (lower-case), unlike SNS. */
function isSqsRecord(
  record: unknown,
): record is { messageId: string; body: unknown; eventSourceARN?: unknown } {
  return (
    isObject(record) && record.eventSource === 'aws:sqs' && typeof record.messageId === 'string'
  );
}

/**
 * EventBridge's scheduled event (a rule's schedule): `{source:'aws.events',
 * 'detail-type':'Scheduled Event', resources:[ruleArn]}`.
 */
function isScheduledEvent(value: unknown): value is JsonObject & { resources: unknown[] } {
  return (
    isObject(value) &&
    (value.source === 'aws.events' || value.source === 'aws.scheduler') &&
    value['detail-type'] === 'Scheduled Event' &&
    Array.isArray(value.resources)
  );
}

/** A direct invocation carries the request itself, recognisable by its protocol fields. */
function looksLikeRequest(value: unknown): value is JsonObject {
  return isObject(value) && ('RequestType' in value || 'ResponseURL' in value);
}

function targetOf(raw: JsonObject): AnswerTarget {
  const physical = raw.PhysicalResourceId;
  return {
    responseUrl: text(raw.ResponseURL),
    stackId: text(raw.StackId),
    requestId: text(raw.RequestId),
    logicalResourceId: text(raw.LogicalResourceId),
    physicalResourceId: typeof physical === 'string' && physical !== '' ? physical : undefined,
    resourceType: text(raw.ResourceType),
    requestType: text(raw.RequestType),
  };
}

/**
 * True when `value` nests arrays and objects deeper than `limit` levels; iterative, so any depth is
 * safe to judge.
 */
function nestsDeeperThan(value: unknown, limit: number): boolean {
  const pending: { readonly item: unknown; readonly depth: number }[] = [{ item: value, depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (typeof next.item !== 'object' || next.item === null) continue;
    if (next.depth >= limit) return true;
    for (const child of Object.values(next.item))
      pending.push({ item: child, depth: next.depth + 1 });
  }
  return false;
}

/**
 * Names the first protocol field that is missing or mistyped, or undefined when the request is
 * sound.
 */
function findDefect(raw: JsonObject): string | undefined {
  if (!RequestTypes.includes(raw.RequestType as RequestType))
    return 'RequestType must be Create, Update or Delete';
  for (const field of ['StackId', 'RequestId', 'LogicalResourceId', 'ResourceType'] as const) {
    if (typeof raw[field] !== 'string' || raw[field] === '')
      return `${field} must be a non-empty string`;
  }
  if (!isObject(raw.ResourceProperties)) return 'ResourceProperties must be an object';
  if (raw.RequestType === 'Create') return undefined;
  const physical = raw.PhysicalResourceId;
  if (typeof physical !== 'string' || physical === '')
    return 'PhysicalResourceId must be a non-empty string';
  if (raw.RequestType === 'Update' && !isObject(raw.OldResourceProperties))
    return 'OldResourceProperties must be an object';
  return undefined;
}

/** Names a property set that nests too deep to be handled safely, or undefined. */
function nestingDefect(raw: JsonObject): string | undefined {
  for (const field of ['ResourceProperties', 'OldResourceProperties'] as const) {
    if (nestsDeeperThan(raw[field], MaxNestingDepth))
      return `${field} nests deeper than ${MaxNestingDepth} levels`;
  }
  // Any other field travels too (in a continuation message), so it is held to the same bound.
  return nestsDeeperThan(raw, MaxNestingDepth + 1)
    ? `the request nests deeper than ${MaxNestingDepth} levels`
    : undefined;
}

function fromRequest(raw: unknown, via: Via): IntakeItem {
  if (!isObject(raw)) return { kind: 'rejected', via, why: 'the request is not a JSON object' };
  if (typeof raw.ResponseURL !== 'string' || raw.ResponseURL === '') {
    return { kind: 'rejected', via, why: 'the request has no ResponseURL' };
  }
  const defect = findDefect(raw) ?? nestingDefect(raw);
  if (defect !== undefined) return { kind: 'malformed', via, target: targetOf(raw), why: defect };
  return { kind: 'request', via, request: raw as unknown as CloudFormationCustomResourceEvent };
}

function fromSnsRecord(record: { Sns: { Message: unknown } }): IntakeItem {
  const message = record.Sns.Message;
  if (typeof message !== 'string')
    return { kind: 'rejected', via: 'sns', why: 'the SNS message is not a string' };
  try {
    return fromRequest(JSON.parse(message), 'sns');
  } catch {
    return { kind: 'rejected', via: 'sns', why: 'the SNS message is not valid JSON' };
  }
}

function fromRecord(record: unknown): IntakeItem {
  if (isSnsRecord(record)) return fromSnsRecord(record);
  if (isSqsRecord(record)) {
    const body = typeof record.body === 'string' ? record.body : '';
    return {
      kind: 'continuation',
      via: 'sqs',
      messageId: record.messageId,
      body,
      source: text(record.eventSourceARN),
    };
  }
  return { kind: 'rejected', via: 'direct', why: 'an event record that is neither SNS nor SQS' };
}

/**
 * Finds every request in a Lambda event: a direct request, each SNS record, each SQS record.
 * @example
 * const kinds = unwrapEvent(event).map((item) => item.kind); // ["request"]
 */
function unwrapEvent(event: unknown): IntakeItem[] {
  if (isObject(event) && Array.isArray(event.Records)) {
    if (event.Records.length === 0)
      return [{ kind: 'rejected', via: 'direct', why: 'an event with no records' }];
    return event.Records.map(fromRecord);
  }
  if (looksLikeRequest(event)) return [fromRequest(event, 'direct')];
  if (isScheduledEvent(event))
    return [
      {
        kind: 'scheduled',
        via: 'schedule',
        resources: event.resources.filter((item): item is string => typeof item === 'string'),
      },
    ];
  return [
    {
      kind: 'rejected',
      via: 'direct',
      why: 'the event is neither a CloudFormation request, SNS, SQS nor a scheduled event',
    },
  ];
}

export { RequestTypes, isObject, targetOf, unwrapEvent };
export type { AnswerTarget, IntakeItem, JsonObject, RequestType, Via };
