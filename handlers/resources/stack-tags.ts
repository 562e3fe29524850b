/**
 * The stack's tags, as every built-in resource type reads them: before its first changing call,
 * and never skipped. crkit copies the stack's tags onto what it creates or updates (for cost
 * allocation), so a SUCCESS answer for a resource without them would not be true. When
 * cloudformation:DescribeStacks fails, the request fails with a Reason that names the call, and
 * nothing has been created or changed: there is nothing left behind to clean up.
 */
import type { BaseInput, StackTag } from '../../framework/index.js';
import { AwsCallError, ResourceError, awsCallError, isCrkitError } from '../../framework/index.js';
import { mergeTags } from './ownership.js';
import type { Tag } from './ownership.js';

/** What reading the stack's tags needs from the request. */
type StackTagsContext = Pick<BaseInput, 'stackTags' | 'signal' | 'request' | 'log'>;

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

/**
 * The tags a creating call writes: ownership, the author's, then the stack's (read as
 * `readStackTags` does); stack tags beyond EC2's 50 are left out, and the log names them.
 * @example
 * const tags = await tagsToWrite(input, input.properties.Tags);
 */
async function tagsToWrite(
  context: StackTagsContext,
  author: readonly Tag[] | undefined,
): Promise<readonly Tag[]> {
  const stack = await readStackTags(context);
  const { tags, dropped } = mergeTags({ owner: context.request, author, stack });
  if (dropped.length > 0) {
    const message = 'some stack tags did not fit within the 50 tags EC2 allows and were left out';
    context.log.warn(message, { dropped });
  }
  return tags;
}

export { readStackTags, tagsToWrite };
export type { StackTagsContext };
