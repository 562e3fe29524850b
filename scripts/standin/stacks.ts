/**
 * CloudFormation stacks the stand-in knows, found by stack id (ARN) or name.
 */
import type { Tag } from './tags.js';

/** One stack. */
type StackRecord = {
  readonly stackId: string;
  readonly stackName: string;
  status: string;
  statusReason: string | undefined;
  tags: readonly Tag[];
  readonly creationTime: Date;
};

/** What a test gives to register or change a stack. Either `stackId` or `stackName` is needed. */
type StackSeed = {
  /** A stack ARN `arn:aws:cloudformation:<region>:<account>:stack/<name>/<uuid>`. @default built from the name */
  readonly stackId?: string;
  /** @default the name inside `stackId` */
  readonly stackName?: string;
  /** @default 'CREATE_COMPLETE' */
  readonly status?: string;
  /** @default none */
  readonly statusReason?: string;
  /** @default [] */
  readonly tags?: readonly Tag[];
};

const nameFromArn = (arn: string): string | undefined => /^arn:[^:]+:cloudformation:[^:]*:\d*:stack\/([^/]+)\//.exec(arn)?.[1];

/** All stacks. */
class StackStore {
  #stacks: StackRecord[] = [];
  #counter = 0;
  readonly #region: string;
  readonly #account: string;
  /** When true, DescribeStacks on an unknown stack ARN registers it as `CREATE_COMPLETE`. */
  autoCreate = false;

  constructor(region: string, account: string) {
    this.#region = region;
    this.#account = account;
  }

  /** Finds by id or name (the latest stack with that name). */
  find(nameOrId: string): StackRecord | undefined {
    const byId = this.#stacks.find((stack) => stack.stackId === nameOrId);
    if (byId) return byId;
    const byName = this.#stacks.filter((stack) => stack.stackName === nameOrId).at(-1);
    if (byName || !this.autoCreate || !nameFromArn(nameOrId)) return byName;
    return this.put({ stackId: nameOrId });
  }

  /** Registers a stack, or updates the one with the same id or name. */
  put(seed: StackSeed): StackRecord {
    const key = seed.stackId ?? seed.stackName;
    if (key === undefined) throw new TypeError('A stack needs a stackId or a stackName');
    const existing = this.#stacks.find((stack) => stack.stackId === key || stack.stackName === key);
    if (existing) {
      existing.status = seed.status ?? existing.status;
      existing.statusReason = seed.statusReason ?? existing.statusReason;
      existing.tags = seed.tags ?? existing.tags;
      return existing;
    }
    // A stackId that is not an ARN is taken as a name, so callers may pass either.
    const arnName = seed.stackId === undefined ? undefined : nameFromArn(seed.stackId);
    const stackName = seed.stackName ?? arnName ?? key;
    const stack: StackRecord = {
      stackId: arnName === undefined ? this.#arnFor(stackName) : (seed.stackId as string),
      stackName,
      status: seed.status ?? 'CREATE_COMPLETE',
      statusReason: seed.statusReason,
      tags: seed.tags ?? [],
      creationTime: new Date(),
    };
    this.#stacks.push(stack);
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

export { StackStore };
export type { StackRecord, StackSeed };
