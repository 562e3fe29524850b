/**
 * Deterministic, never-repeating resource ids (`pg-…`, `ami-…`, `snap-…`): one counter per
 * stand-in, shared by every prefix, rendered as 17 hex digits like real EC2 ids.
 */

/** Makes the next id for a prefix. */
type IdSource = (prefix: string) => string;

/**
 * Creates an id source. Ids are unique within one stand-in.
 *
 * @example
 * ```ts
 * const next = createIds();
 * next('pg'); // 'pg-0c0ffee0000000001'
 * ```
 */
const createIds = (): IdSource => {
  let counter = 0;
  return (prefix) => {
    counter += 1;
    // A fixed stem keeps ids realistic-looking; the counter keeps them unique.
    return `${prefix}-0c0ffee${counter.toString(16).padStart(10, '0')}`;
  };
};

export { createIds };
export type { IdSource };
