/**
 * URL parsing, remembered. One answer parses its ResponseURL several times (origin check, logs,
 * the PUT); parsing is not free, so the last parse is kept.
 */

let last: { readonly text: string; readonly url: URL | undefined } | undefined;

/**
 * The parsed URL, or undefined when the text is not one. Treat the result as read-only.
 * @example
 * parseUrl('https://b.s3.amazonaws.com/k?X-Amz-Signature=abc')?.origin // 'https://b.s3.amazonaws.com'
 */
function parseUrl(text: string): URL | undefined {
  if (last?.text === text) return last.url;
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  last = { text, url };
  return url;
}

export { parseUrl };
