/**
 * The stack port: what the framework needs to know about the stack a request comes from.
 * The AWS client behind it lives at the edge (`handlers/`), never in the framework.
 */
import type { StackTag } from './resource.js';

/** What DescribeStacks says of one stack. */
type StackDescription = { readonly status: string | undefined; readonly tags: readonly StackTag[] };

/** Looks stacks up (cloudformation:DescribeStacks). */
type StackPort = {
  describe(stackId: string, signal: AbortSignal): Promise<StackDescription>;
};

/**
 * Memoises one request's look-up, so rollback detection and stack tags cost one call.
 * @internal
 */
function memoisedStack(port: StackPort | undefined, stackId: string, signal: AbortSignal): () => Promise<StackDescription> {
  let pending: Promise<StackDescription> | undefined;
  return () => {
    if (port === undefined) return Promise.resolve({ status: undefined, tags: [] });
    pending ??= port.describe(stackId, signal);
    return pending;
  };
}

export { memoisedStack };
export type { StackDescription, StackPort };
