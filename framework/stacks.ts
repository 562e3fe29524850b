/**
 * The stack port: what the framework needs to know about the stack a request comes from.
 * The AWS client behind it lives at the edge (`handlers/`), never in the framework.
 */
import type { StackTag } from './resource.js';

/** What DescribeStacks says of one stack. */
type StackDescription = { readonly status: string | undefined; readonly tags: readonly StackTag[] };

/**
 * What DescribeStackResource says of one resource; `found` is false when CloudFormation knows no
 * such stack or logical id.
 */
type StackResourceView =
  | {
      readonly found: true;
      readonly resourceType: string;
      readonly status: string;
      readonly physicalId: string | undefined;
    }
  | { readonly found: false };

/** One event of a resource, as DescribeStackEvents reports it. */
type ResourceEvent = { readonly physicalId: string | undefined; readonly status: string };

/** Looks stacks up: what the framework asks CloudFormation. */
type StackPort = {
  /** cloudformation:DescribeStacks: status (rollback detection, cleanup phase) and tags. */
  describe(stackId: string, signal: AbortSignal): Promise<StackDescription>;
  /** cloudformation:DescribeStackResource: the resource as CloudFormation shows it. */
  resource(
    stackId: string,
    logicalResourceId: string,
    signal: AbortSignal,
  ): Promise<StackResourceView>;
  /** cloudformation:DescribeStackEvents: the recent events of one logical id, newest first. */
  resourceEvents(
    stackId: string,
    logicalResourceId: string,
    signal: AbortSignal,
  ): Promise<readonly ResourceEvent[]>;
};

/**
 * Memoises one request's look-up, so rollback detection and stack tags cost one call.
 * @internal
 */
function memoisedStack(
  port: StackPort | undefined,
  stackId: string,
  signal: AbortSignal,
): () => Promise<StackDescription> {
  let pending: Promise<StackDescription> | undefined;
  return () => {
    if (port === undefined) return Promise.resolve({ status: undefined, tags: [] });
    pending ??= port.describe(stackId, signal);
    return pending;
  };
}

export { memoisedStack };
export type { ResourceEvent, StackDescription, StackPort, StackResourceView };
