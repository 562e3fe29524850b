/**
 * Equality of parsed values by content, the one rule for "did this property change": replacement
 * and drift both compare with it, so `"3"` parsed as `3` equals `3`, and key order never matters.
 */

/** Canonical JSON: object keys sorted, so equal values serialise equally. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const members = entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * True when two parsed values are equal in content.
 * @example
 * sameValue({ a: 1, b: [2] }, { b: [2], a: 1 }) // true
 */
function sameValue(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

export { canonicalJson, sameValue };
