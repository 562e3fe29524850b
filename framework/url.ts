/**
 * URL parsing that never throws: a ResponseURL or a logged value may be anything.
 */

/**
 * The parsed URL, or undefined when the text is not one.
 * @example
 * parseUrl('https://b.s3.amazonaws.com/k?X-Amz-Signature=abc')?.origin
 * // 'https://b.s3.amazonaws.com'
 */
function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

export { parseUrl };
