/**
 * CloudFormation stacks the stand-in knows, found by stack id (ARN) or name, each with its
 * resources and its event log. A change of a stack's status appends a stack event.
 */
import { StackEventLog, STACK_RESOURCE_TYPE } from './stack-events.js';
import type { StackResourceRecord } from './stack-resources.js';
import type { Tag } from './tags.js';

/** One stack parameter; a NoEcho one is shown as `****` by DescribeStacks. */
type StackParameter = { readonly key: string; readonly value: string; readonly noEcho?: boolean };

/** One stack. */
type StackRecord = {
  readonly stackId: string;
  readonly stackName: string;
  status: string;
  statusReason: string | undefined;
  tags: readonly Tag[];
  /** The template as deployed (GetTemplate), JSON or YAML text; undefined when nobody gave one. */
  templateBody: string | undefined;
  parameters: readonly StackParameter[];
  readonly creationTime: Date;
  /** By logical id. */
  readonly resources: Map<string, StackResourceRecord>;
  readonly events: StackEventLog;
  /** RequestIds of the custom-resource requests CloudFormation sent for this stack. */
  readonly sentRequestIds: Set<string>;
};

/** What a test gives to register or change a stack. Either `stackId` or `stackName` is needed. */
type StackSeed = {
  /**
   * A stack ARN `arn:aws:cloudformation:<region>:<account>:stack/<name>/<uuid>`. @default built
   * from the name
   */
  readonly stackId?: string;
  /** @default the name inside `stackId` */
  readonly stackName?: string;
  /** @default 'CREATE_COMPLETE' */
  readonly status?: string;
  /** @default none */
  readonly statusReason?: string;
  /** @default [] */
  readonly tags?: readonly Tag[];
  /** The deployed template's text, for GetTemplate. @default none */
  readonly templateBody?: string;
  /** @default [] */
  readonly parameters?: readonly StackParameter[];
};

/** The stack's own event for its current status (its physical id is the stack id). */
const appendStackEvent = (stack: StackRecord): void => {
  stack.events.append({
    logicalResourceId: stack.stackName,
    resourceType: STACK_RESOURCE_TYPE,
    physicalResourceId: stack.stackId,
    status: stack.status,
    statusReason: stack.statusReason,
  });
};

/**
 * The stack name inside a stack ARN
 * `arn:aws:cloudformation:<region>:<account>:stack/<name>/<uuid>`, or undefined for anything else.
 */
const nameFromArn = (arn: string): string | undefined =>
  /^arn:[^:]+:cloudformation:[^:]*:\d*:stack\/([^/]+)\//.exec(arn)?.[1];

/** All stacks. */
class StackStore {
  #stacks: StackRecord[] = [];
  #counter = 0;
  readonly #region: string;
  readonly #account: string;
  /**
   * When true, a Describe call on an unknown stack ARN registers it as `CREATE_COMPLETE` (without
   * resources).
   */
  autoCreate = false;
  /** How many events one DescribeStackEvents page holds. */
  eventsPageSize = 100;

  constructor(region: string, account: string) {
    this.#region = region;
    this.#account = account;
  }

  /**
   * Finds by id or name (the latest stack with that name), as a Describe call does: with
   * `autoCreate`, an unknown stack ARN is registered.
   */
  find(nameOrId: string): StackRecord | undefined {
    const known = this.get(nameOrId);
    if (known || !this.autoCreate || !nameFromArn(nameOrId)) return known;
    return this.put({ stackId: nameOrId });
  }

  /** Finds by id or name without registering anything. */
  get(nameOrId: string): StackRecord | undefined {
    return (
      this.#stacks.find((stack) => stack.stackId === nameOrId) ??
      this.#stacks.filter((stack) => stack.stackName === nameOrId).at(-1)
    );
  }

  /** Registers a stack, or updates the one with the same id or name. */
  put(seed: StackSeed): StackRecord {
    const key = seed.stackId ?? seed.stackName;
    if (key === undefined) throw new TypeError('A stack needs a stackId or a stackName');
    const existing = this.#stacks.find((stack) => stack.stackId === key || stack.stackName === key);
    if (existing) {
      const changed =
        (seed.status !== undefined && seed.status !== existing.status) ||
        (seed.statusReason !== undefined && seed.statusReason !== existing.statusReason);
      existing.status = seed.status ?? existing.status;
      existing.statusReason = seed.statusReason ?? existing.statusReason;
      existing.tags = seed.tags ?? existing.tags;
      existing.templateBody = seed.templateBody ?? existing.templateBody;
      existing.parameters = seed.parameters ?? existing.parameters;
      if (changed) appendStackEvent(existing);
      return existing;
    }
    // A stackId that is not an ARN is taken as a name, so callers may pass either.
    const arnName = seed.stackId === undefined ? undefined : nameFromArn(seed.stackId);
    const stackName = seed.stackName ?? arnName ?? key;
    const stackId = arnName === undefined ? this.#arnFor(stackName) : (seed.stackId as string);
    const stack: StackRecord = {
      stackId,
      stackName,
      status: seed.status ?? 'CREATE_COMPLETE',
      statusReason: seed.statusReason,
      tags: seed.tags ?? [],
      templateBody: seed.templateBody,
      parameters: seed.parameters ?? [],
      creationTime: new Date(),
      resources: new Map(),
      events: new StackEventLog({ stackId, stackName }),
      sentRequestIds: new Set(),
    };
    this.#stacks.push(stack);
    appendStackEvent(stack);
    return stack;
  }

  all(): readonly StackRecord[] {
    return this.#stacks;
  }

  #arnFor(name: string): string {
    this.#counter += 1;
    const uuid = `00000000-0000-4000-8000-${this.#counter.toString(16).padStart(12, '0')}`;
    return `arn:aws:cloudformation:${this.#region}:${this.#account}:stack/${name}/${uuid}`;
  }
}

export { StackStore, nameFromArn };
export type { StackParameter, StackRecord, StackSeed };
