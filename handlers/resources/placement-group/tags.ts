/**
 * Tag updates in place: write the author's and the stack's tags whose value differs on the
 * group (CreateTags overwrites), delete the keys the author dropped and the stack tags that no
 * longer fit within EC2's 50 (DeleteTags). Deletes go first: EC2 refuses a CreateTags that would
 * take the group past 50 tags. Ownership tags and `aws:` keys are never written or deleted here.
 */
import type { PlacementGroup } from '@aws-sdk/client-ec2';
import type { StackTag } from '../../../framework/index.js';
import { isReservedTagKey, mergeTags } from '../ownership.js';
import type { Tag } from '../ownership.js';
import { callEc2 } from '../ec2-call.js';
import type { StepContext } from './pacing.js';

/** The tag changes to make. @internal */
type TagChanges = { readonly write: readonly Tag[]; readonly remove: readonly string[] };

type TagChangesInput = {
  readonly group: PlacementGroup;
  readonly author: readonly Tag[] | undefined;
  readonly oldAuthor: readonly Tag[] | undefined;
  readonly stack: readonly StackTag[];
  readonly owner: StepContext['request'];
};

/**
 * Compares what the group carries with what it should carry.
 * @example
 * tagChanges({
 *   group,
 *   author: [{ Key: 'team', Value: 'b' }],
 *   oldAuthor: [{ Key: 'team', Value: 'a' }],
 *   stack: [],
 *   owner: request,
 * })
 * // { write: [{ Key: 'team', Value: 'b' }], remove: [] }
 */
function tagChanges(input: TagChangesInput): TagChanges {
  const current = new Map((input.group.Tags ?? []).map((tag) => [tag.Key ?? '', tag.Value ?? '']));
  const { tags: desired, dropped } = mergeTags({
    owner: input.owner,
    author: input.author,
    stack: input.stack,
  });
  const desiredKeys = new Set(desired.map((tag) => tag.Key));
  const write = desired.filter(
    (tag) => !isReservedTagKey(tag.Key) && current.get(tag.Key) !== tag.Value,
  );
  // Dropped stack tags were copied at create time; left on the group they would push it past 50.
  const candidates = new Set([...(input.oldAuthor ?? []).map((tag) => tag.Key), ...dropped]);
  const remove = [...candidates].filter(
    (key) => !isReservedTagKey(key) && !desiredKeys.has(key) && current.has(key),
  );
  return { write, remove };
}

/**
 * Applies tag changes to the group (addressed by its GroupId).
 * @example
 * await applyTagChanges(context, group.GroupId, tagChanges({ … }));
 */
async function applyTagChanges(
  context: StepContext,
  groupId: string,
  changes: TagChanges,
): Promise<void> {
  // Deletes first, so that swapping keys on a group at EC2's 50-tag limit does not exceed it.
  if (changes.remove.length > 0) {
    await callEc2(context, 'DeleteTags', ({ client, sdk }) =>
      client.send(
        new sdk.DeleteTagsCommand({
          Resources: [groupId],
          Tags: changes.remove.map((Key) => ({ Key })),
        }),
        { abortSignal: context.signal },
      ),
    );
  }
  if (changes.write.length > 0) {
    await callEc2(context, 'CreateTags', ({ client, sdk }) =>
      client.send(new sdk.CreateTagsCommand({ Resources: [groupId], Tags: [...changes.write] }), {
        abortSignal: context.signal,
      }),
    );
  }
  context.log.info('placement group tags updated', {
    groupId,
    written: changes.write.map((tag) => tag.Key),
    removed: changes.remove,
  });
}

export { applyTagChanges, tagChanges };
export type { TagChanges };
