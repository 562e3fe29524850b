/**
 * One stack's event log, as DescribeStackEvents shows it: every change of the stack's status or
 * of one of its resources appends an event; pages come newest first, each naming the next.
 */
import { randomUUID } from 'node:crypto';
import { ApiError } from './errors.js';

/** The resource type CloudFormation gives the stack's own events. */
const STACK_RESOURCE_TYPE = 'AWS::CloudFormation::Stack';

/** One event. */
type StackEventRecord = {
  /** 1-based order within the stack. */
  readonly seq: number;
  readonly eventId: string;
  readonly stackId: string;
  readonly stackName: string;
  readonly logicalResourceId: string;
  readonly physicalResourceId: string | undefined;
  readonly resourceType: string;
  readonly timestamp: Date;
  readonly status: string;
  readonly statusReason: string | undefined;
};

/** What an event says; the log adds its identity and time. */
type StackEventInput = {
  readonly logicalResourceId: string;
  readonly resourceType: string;
  readonly physicalResourceId?: string | undefined;
  readonly status: string;
  readonly statusReason?: string | undefined;
};

/** One page of events, newest first. */
type StackEventPage = {
  readonly events: readonly StackEventRecord[];
  readonly nextToken: string | undefined;
};

const tokenFor = (seq: number): string =>
  Buffer.from(JSON.stringify({ before: seq })).toString('base64url');

const seqFromToken = (token: string): number => {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      before?: unknown;
    };
    if (typeof parsed.before === 'number' && Number.isInteger(parsed.before)) return parsed.before;
  } catch {
    // Falls through to the error below.
  }
  throw new ApiError('ValidationError', 'Invalid NextToken');
};

/** The events of one stack, oldest first inside. */
class StackEventLog {
  #events: StackEventRecord[] = [];
  readonly #stack: { readonly stackId: string; readonly stackName: string };

  constructor(stack: { readonly stackId: string; readonly stackName: string }) {
    this.#stack = stack;
  }

  /** Appends one event and returns it. */
  append(input: StackEventInput): StackEventRecord {
    const event: StackEventRecord = {
      seq: this.#events.length + 1,
      eventId:
        input.resourceType === STACK_RESOURCE_TYPE
          ? randomUUID()
          : `${input.logicalResourceId}-${randomUUID()}`,
      stackId: this.#stack.stackId,
      stackName: this.#stack.stackName,
      logicalResourceId: input.logicalResourceId,
      physicalResourceId: input.physicalResourceId,
      resourceType: input.resourceType,
      timestamp: new Date(),
      status: input.status,
      statusReason: input.statusReason,
    };
    this.#events.push(event);
    return event;
  }

  /** Every event, newest first. */
  newestFirst(): StackEventRecord[] {
    return [...this.#events].reverse();
  }

  /**
   * One page of `size` events, newest first, starting after the page `nextToken` came with.
   *
   * @example
   * ```ts
   * const first = log.page(100);
   * const second = first.nextToken === undefined ? undefined : log.page(100, first.nextToken);
   * ```
   */
  page(size: number, nextToken?: string): StackEventPage {
    const before = nextToken === undefined ? Number.POSITIVE_INFINITY : seqFromToken(nextToken);
    const older = this.newestFirst().filter((event) => event.seq < before);
    const events = older.slice(0, size);
    const last = events.at(-1);
    return {
      events,
      nextToken: older.length > size && last !== undefined ? tokenFor(last.seq) : undefined,
    };
  }
}

export { StackEventLog, STACK_RESOURCE_TYPE };
export type { StackEventInput, StackEventPage, StackEventRecord };
