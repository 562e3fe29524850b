/**
 * The resources of a stack as CloudFormation knows them (DescribeStackResource), and the two
 * ways their story is written: a change of a resource's state, which always appends an event
 * too, and an event alone (as for the old physical id that a cleanup Delete removes).
 */
import type { StackEventInput } from './stack-events.js';
import type { StackRecord } from './stacks.js';

/** One resource of a stack. */
type StackResourceRecord = {
  readonly logicalResourceId: string;
  readonly resourceType: string;
  readonly physicalResourceId: string | undefined;
  readonly status: string;
  readonly statusReason: string | undefined;
  readonly lastUpdated: Date;
};

/** A resource's new state: all of it (no physical id means none yet). */
type ResourceState = {
  readonly logicalResourceId: string;
  readonly resourceType: string;
  readonly physicalResourceId?: string | undefined;
  readonly status: string;
  readonly statusReason?: string | undefined;
};

/**
 * Puts a resource in a state (registering it when new) and appends the event for it.
 *
 * @example
 * ```ts
 * changeResource(stack, { logicalResourceId: 'Group', resourceType: 'Custom::PlacementGroup',
 *   status: 'CREATE_IN_PROGRESS' });
 * ```
 */
const changeResource = (stack: StackRecord, state: ResourceState): StackResourceRecord => {
  const record: StackResourceRecord = {
    logicalResourceId: state.logicalResourceId,
    resourceType: state.resourceType,
    physicalResourceId: state.physicalResourceId,
    status: state.status,
    statusReason: state.statusReason,
    lastUpdated: new Date(),
  };
  stack.resources.set(record.logicalResourceId, record);
  stack.events.append(record);
  return record;
};

/** Appends an event without changing any resource. */
const recordEvent = (stack: StackRecord, event: StackEventInput): void => {
  stack.events.append(event);
};

export { changeResource, recordEvent };
export type { ResourceState, StackResourceRecord };
