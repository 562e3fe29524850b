/**
 * Ownership tags, shared by every resource type that creates something in AWS. crkit marks what
 * it creates with `crkit:stack-id` and `crkit:logical-id` (the request's StackId and
 * LogicalResourceId, verbatim), and adopts or deletes only what carries both with this
 * request's values. The same module merges the tags a resource
 * writes: ownership first, then the author's, then the stack's own (for cost allocation),
 * never an `aws:` key (EC2 rejects them).
 */
import type { RequestIdentity, StackTag } from '../../framework/index.js';

/** The ownership tag keys. */
const OwnershipTagKeys = { stackId: 'crkit:stack-id', logicalId: 'crkit:logical-id' } as const;

/** EC2's limit of tags per resource. */
const MaxTagsPerResource = 50;

/** A tag as crkit writes it. */
type Tag = { readonly Key: string; readonly Value: string };

/** A tag as AWS SDKs report it (both fields optional). */
type ReportedTag = { readonly Key?: string | undefined; readonly Value?: string | undefined };

/** Who owns a resource: the request's stack and logical id. */
type Owner = Pick<RequestIdentity, 'stackId' | 'logicalResourceId'>;

/**
 * True for keys crkit never copies or lets an author manage: `aws:` (reserved by AWS,
 * case-insensitive) and the two ownership keys.
 * @example
 * isReservedTagKey('AWS:cloudformation:stack-id') // true
 */
function isReservedTagKey(key: string): boolean {
  return (
    key.toLowerCase().startsWith('aws:') ||
    key === OwnershipTagKeys.stackId ||
    key === OwnershipTagKeys.logicalId
  );
}

/**
 * The two ownership tags for a request.
 * @example
 * ownershipTags(request)
 * // [{ Key: 'crkit:stack-id', Value: request.stackId },
 * //  { Key: 'crkit:logical-id', Value: 'Cluster' }]
 */
function ownershipTags(owner: Owner): Tag[] {
  return [
    { Key: OwnershipTagKeys.stackId, Value: owner.stackId },
    { Key: OwnershipTagKeys.logicalId, Value: owner.logicalResourceId },
  ];
}

function tagValue(tags: readonly ReportedTag[] | undefined, key: string): string | undefined {
  return tags?.find((tag) => tag.Key === key)?.Value;
}

/**
 * True when both ownership tags carry this request's StackId and LogicalResourceId.
 * @example
 * if (!isOwnedBy(group.Tags, request))
 *   return failed(`${name} belongs to ${describeOwner(group.Tags)}`);
 */
function isOwnedBy(tags: readonly ReportedTag[] | undefined, owner: Owner): boolean {
  return (
    tagValue(tags, OwnershipTagKeys.stackId) === owner.stackId &&
    tagValue(tags, OwnershipTagKeys.logicalId) === owner.logicalResourceId
  );
}

/**
 * Who the ownership tags name, in words for a Reason or a log line.
 * @example
 * describeOwner([]) // 'nothing crkit created (it has no crkit:stack-id / crkit:logical-id tags)'
 */
function describeOwner(tags: readonly ReportedTag[] | undefined): string {
  const stackId = tagValue(tags, OwnershipTagKeys.stackId);
  const logicalId = tagValue(tags, OwnershipTagKeys.logicalId);
  if (stackId === undefined && logicalId === undefined) {
    return (
      `nothing crkit created (it has no ${OwnershipTagKeys.stackId} / ` +
      `${OwnershipTagKeys.logicalId} tags)`
    );
  }
  return (
    `resource ${logicalId ?? '(no logical id tag)'} of stack ` + `${stackId ?? '(no stack id tag)'}`
  );
}

/**
 * Reported tags as a key → value record, as drift detection compares them.
 * @example
 * tagRecord([{ Key: 'team', Value: 'a' }]) // { team: 'a' }
 */
function tagRecord(tags: readonly ReportedTag[] | undefined): Record<string, string> {
  return Object.fromEntries(
    (tags ?? []).flatMap((tag) => (tag.Key === undefined ? [] : [[tag.Key, tag.Value ?? '']])),
  );
}

/** What to merge; later sources never override earlier ones. */
type MergeTagsInput = {
  readonly owner: Owner;
  /** The template author's `Tags` property. */
  readonly author?: readonly Tag[] | undefined;
  /** The stack's own tags (DescribeStacks), copied for cost allocation. */
  readonly stack?: readonly StackTag[] | undefined;
  /** Most tags the service accepts. @default 50 (EC2) */
  readonly limit?: number;
};

/** The merged tags, and the keys of stack tags left out for lack of room. */
type MergedTags = { readonly tags: readonly Tag[]; readonly dropped: readonly string[] };

/**
 * Ownership tags, then the author's, then the stack's; reserved keys are skipped, a key
 * appears once, and stack tags that do not fit within `limit` are dropped (and named).
 * @example
 * const { tags, dropped } = mergeTags({
 *   owner: request, author: properties.Tags, stack: await stackTags(),
 * });
 */
function mergeTags(input: MergeTagsInput): MergedTags {
  const limit = input.limit ?? MaxTagsPerResource;
  const merged = new Map<string, string>(
    ownershipTags(input.owner).map((tag) => [tag.Key, tag.Value]),
  );
  for (const tag of input.author ?? []) {
    if (!isReservedTagKey(tag.Key) && !merged.has(tag.Key)) merged.set(tag.Key, tag.Value);
  }
  const dropped: string[] = [];
  for (const tag of input.stack ?? []) {
    if (isReservedTagKey(tag.Key) || merged.has(tag.Key)) continue;
    if (merged.size >= limit) dropped.push(tag.Key);
    else merged.set(tag.Key, tag.Value);
  }
  return { tags: [...merged].map(([Key, Value]) => ({ Key, Value })), dropped };
}

export {
  MaxTagsPerResource,
  OwnershipTagKeys,
  describeOwner,
  isOwnedBy,
  isReservedTagKey,
  mergeTags,
  ownershipTags,
  tagRecord,
};
export type { MergeTagsInput, MergedTags, Owner, ReportedTag, Tag };
