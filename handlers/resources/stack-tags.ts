/**
 * The stack's tags, as every built-in resource type reads them: before its first changing call,
 * and never skipped. crkit copies the stack's tags onto what it creates or updates (for cost
 * allocation), so a SUCCESS answer for a resource without them would not be true. When
 * cloudformation:DescribeStacks fails, the request fails with a Reason that names the call, and
 * nothing has been created or changed: there is nothing left behind to clean up.
 */
import type { BaseInput, StackTag } from '../../framework/index.js';
import { AwsCallError, ResourceError, awsCallError, isCrkitError } from '../../framework/index.js';

/** What reading the stack's tags needs from the request. */
type StackTagsContext = Pick<BaseInput, 'stackTags' | 'signal' | 'request'>;

/** What went wrong, in words: AWS's answer, or the error's name when there was none. */
function failureOf(error: unknown): string {
  const wrapped = awsCallError(error, 'cloudformation:DescribeStacks');
  if (wrapped instanceof AwsCallError) return wrapped.reason;
  const name = error instanceof Error ? error.name : typeof error;
  return `cloudformation:DescribeStacks failed (${name})`;
}

/**
 * The stack's tags; a failure to read them fails the request before anything is changed.
 * @example
 * const { tags } = mergeTags({ owner: input.request, author, stack: await readStackTags(input) });
 */
async function readStackTags(context: StackTagsContext): Promise<readonly StackTag[]> {
  try {
    return await context.stackTags();
  } catch (error) {
    // Out of time (or already explained): the framework's own answer says so.
    if (context.signal.aborted || isCrkitError(error)) throw error;
    throw new ResourceError(
      `crkit could not read the stack's tags (${failureOf(error)}), which it copies onto every ` +
        `${context.request.resourceType} it creates or updates; nothing was created or changed. ` +
        'Check that the handler may call cloudformation:DescribeStacks, ' +
        'then retry the stack operation',
      { cause: error },
    );
  }
}

export { readStackTags };
export type { StackTagsContext };
