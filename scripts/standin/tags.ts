/**
 * Tags for every EC2 resource, keyed by resource id, with EC2's tag rules:
 * no `aws:` keys (matched case-insensitively), keys ≤ 127 and values ≤ 256 characters, ≤ 50 tags.
 */
import { ApiError, invalidValue } from './errors.js';
import { structList } from './query.js';
import type { Params } from './query.js';
import { el, list } from './xml.js';
import type { Xml } from './xml.js';

/** A tag as the SDK spells it. */
type Tag = { readonly Key: string; readonly Value: string };

const MAX_TAGS = 50;

/** Rejects a key EC2 rejects. @internal */
const checkKey = (key: string): void => {
  if (key.toLowerCase().startsWith('aws:')) {
    throw new ApiError(
      'InvalidTagKey.Malformed',
      `Tag keys starting with 'aws:' are reserved for internal use (key: ${key})`,
    );
  }
  if (key.length === 0 || key.length > 127)
    throw invalidValue('key', key, 'Tag keys must be 1-127 characters.');
};

/** Validates tags before they are stored. */
const checkTags = (tags: readonly Tag[]): void => {
  for (const tag of tags) {
    checkKey(tag.Key);
    if (tag.Value.length > 256)
      throw invalidValue('value', tag.Value, 'Tag values must be at most 256 characters.');
  }
};

/** `Tag.N.Key` / `Tag.N.Value` (also used inside `TagSpecification.N`). */
const parseTags = (params: Params, prefix = 'Tag'): Tag[] =>
  structList(params, prefix).map((entry) => ({
    Key: entry.Key ?? '',
    Value: entry.Value ?? '',
  }));

/**
 * Reads `TagSpecification.N`, allowing only the given resource type, as EC2 does.
 */
const parseTagSpecifications = (params: Params, resourceType: string): Tag[] =>
  structList(params, 'TagSpecification').flatMap((spec) => {
    const type = spec.ResourceType ?? '';
    if (type !== resourceType) {
      throw invalidValue(
        'resourceType',
        type,
        `Only '${resourceType}' may be tagged on this call.`,
      );
    }
    return parseTags(spec);
  });

/** All tags of all resources. */
class TagStore {
  #byResource = new Map<string, Map<string, string>>();

  /** The live tag map of one resource (empty when untagged). */
  of(resourceId: string): ReadonlyMap<string, string> {
    return this.#byResource.get(resourceId) ?? new Map();
  }

  /** Adds or overwrites tags, enforcing the 50-tag limit. */
  put(resourceId: string, tags: readonly Tag[]): void {
    checkTags(tags);
    const current = new Map(this.of(resourceId));
    for (const tag of tags) current.set(tag.Key, tag.Value);
    if (current.size > MAX_TAGS)
      throw new ApiError(
        'TagLimitExceeded',
        `The maximum number of tags (${MAX_TAGS}) was exceeded for ${resourceId}`,
      );
    this.#byResource.set(resourceId, current);
  }

  /** Removes tags; a tag given with a value is removed only if the value matches. */
  remove(resourceId: string, tags: readonly { Key: string; Value?: string | undefined }[]): void {
    const current = this.#byResource.get(resourceId);
    if (!current) return;
    if (tags.length === 0) current.clear();
    for (const tag of tags) {
      if (tag.Value === undefined || current.get(tag.Key) === tag.Value) current.delete(tag.Key);
    }
  }

  /** Forgets a deleted resource. */
  drop(resourceId: string): void {
    this.#byResource.delete(resourceId);
  }

  /** The resource's tags as SDK-shaped objects. */
  list(resourceId: string): Tag[] {
    return [...this.of(resourceId)].map(([Key, Value]) => ({ Key, Value }));
  }
}

/** `<tagSet><item><key/><value/></item></tagSet>`, or nothing for an untagged resource. */
const tagSetXml = (tags: readonly Tag[]): Xml =>
  tags.length === 0
    ? { xml: '' }
    : list('tagSet', tags, (tag) => [el('key', tag.Key), el('value', tag.Value)]);

export { TagStore, checkKey, checkTags, parseTags, parseTagSpecifications, tagSetXml };
export type { Tag };
