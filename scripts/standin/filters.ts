/**
 * EC2 filter semantics: values within one filter are OR-ed, filters are AND-ed, and
 * `*` / `?` are wildcards. `tag:<key>` and `tag-key` work on every taggable resource.
 */
import { ApiError } from './errors.js';
import type { Filter } from './query.js';

/**
 * Resource values for a filter name; `undefined` marks a filter name the resource does not know.
 */
type FilterFields = (name: string) => readonly string[] | undefined;

// Bounded: a glob's `*`s make a pattern that can take polynomial time, but it only ever meets the
// names and tags this loopback stand-in stored for a test (EC2 caps a tag value at 256 characters).
const globToRegExp = (pattern: string): RegExp =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );

const tagFields = (
  name: string,
  tags: ReadonlyMap<string, string>,
): readonly string[] | undefined => {
  if (name === 'tag-key') return [...tags.keys()];
  if (name === 'tag-value') return [...tags.values()];
  if (name.startsWith('tag:')) {
    const value = tags.get(name.slice(4));
    return value === undefined ? [] : [value];
  }
  return undefined;
};

/**
 * Whether a resource passes all filters. Unknown filter names are `InvalidParameterValue`,
 * as EC2 answers them.
 *
 * @example
 * ```ts
 * matchesFilters([{ name: 'state', values: ['avail*'] }],
 *   (n) => (n === 'state' ? ['available'] : undefined), new Map());
 * ```
 */
const matchesFilters = (
  filters: readonly Filter[],
  fields: FilterFields,
  tags: ReadonlyMap<string, string>,
): boolean =>
  filters.every((filter) => {
    const actual = tagFields(filter.name, tags) ?? fields(filter.name);
    if (actual === undefined)
      throw new ApiError('InvalidParameterValue', `The filter '${filter.name}' is invalid`);
    const patterns = filter.values.map(globToRegExp);
    return actual.some((value) => patterns.some((pattern) => pattern.test(value)));
  });

export { matchesFilters };
export type { FilterFields };
