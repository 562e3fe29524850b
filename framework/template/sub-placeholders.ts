/**
 * The `${…}` placeholders of an `Fn::Sub` string, found in one pass: a placeholder runs from `${`
 * to the first `}` after it. A pattern that searched for them rescanned the rest of the text from
 * every `${` that had no `}` after it, in quadratic time; here the `}` found once serves every
 * `${` before it.
 */

/** Which placeholders: every `${…}`, or only variables (not `${!Literal}`, not an empty `${}`). */
type Which = 'all' | 'variables';

/** One placeholder: where it starts and ends (after its `}`), and what is between the braces. */
type Placeholder = { readonly start: number; readonly end: number; readonly inner: string };

/**
 * Every placeholder of `which` kind, left to right, none overlapping (as a global pattern finds
 * them).
 * @example
 * findPlaceholders('${A}-${!B}', 'variables') // [{ start: 0, end: 4, inner: 'A' }]
 */
function findPlaceholders(text: string, which: Which): Placeholder[] {
  const found: Placeholder[] = [];
  let close = -1;
  for (let open = text.indexOf('${'); open >= 0; ) {
    if (close < open + 2) close = text.indexOf('}', open + 2);
    // No `}` after this `${` means none after any later one either.
    if (close < 0) break;
    const first = text[open + 2];
    if (which === 'all' || (close > open + 2 && first !== '!')) {
      found.push({ start: open, end: close + 1, inner: text.slice(open + 2, close) });
      open = text.indexOf('${', close + 1);
    } else {
      open = text.indexOf('${', open + 1);
    }
  }
  return found;
}

/**
 * The text with every placeholder of `which` kind replaced by what `replace` makes of its inside.
 * @example
 * replacePlaceholders('${Prefix}-token', 'variables', (name) => name.toLowerCase())
 * // 'prefix-token'
 */
function replacePlaceholders(
  text: string,
  which: Which,
  replace: (inner: string) => string,
): string {
  let out = '';
  let copied = 0;
  for (const placeholder of findPlaceholders(text, which)) {
    out += text.slice(copied, placeholder.start) + replace(placeholder.inner);
    copied = placeholder.end;
  }
  return out + text.slice(copied);
}

export { findPlaceholders, replacePlaceholders };
export type { Placeholder, Which };
