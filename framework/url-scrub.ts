/**
 * Scrubbing URL queries out of text, in time linear in its length. A pre-signed URL's query is a
 * bearer credential: every `http(s)://…?query` loses its query, and signing parameters copied out
 * of one (`X-Amz-Signature=…`, also URL-encoded as `%3D`) lose their value. A single backtracking
 * pattern did the first part in quadratic time on text repeating `http://`; here each character
 * is looked at a bounded number of times.
 */

/** What a signing parameter's value becomes; the same mask as the rest of redaction. */
const signingMask = '***';

/** Where a URL starts: `http://` or `https://`, in any case, at the start of a word. */
const urlStart = /\bhttps?:\/\//gi;
/** What ends a URL's origin and path: white space, a quote, `<`, `>`, `?`, `#` or a backslash. */
const pathEnd = /[\s"'<>?#\\]/g;
/** What ends a query: white space, a quote, `<`, `>` or a backslash. */
const queryEnd = /[\s"'<>\\]/g;
/** Signing parameters that may travel without their URL (copied out of one, URL-encoded). */
const signingParameter = new RegExp(
  '\\b(X-Amz-(?:Signature|Credential|Security-Token|SignedHeaders|Date|Expires)' +
    '|AWSAccessKeyId|Signature)(=|%3D)[^&\\s"\'<>\\\\]*',
  'gi',
);
/** What neither part can match without: a `?`, a `=` or a `%3D` (URL-encoded paths such as a
 * ResponseURL's key hold `%3A` and `%7C`, but no `%3D`). */
const queryHint = /[?=]|%3d/i;

/**
 * The index of the first character at or after `from` that `single` (one character class, global)
 * matches; the text's length when none does.
 */
function firstFrom(single: RegExp, text: string, from: number): number {
  single.lastIndex = from;
  return single.exec(text)?.index ?? text.length;
}

/**
 * The text with every URL's query removed: a URL keeps its scheme, host and path up to the first
 * `?`; the query runs to white space, a quote, `<`, `>` or a backslash. A URL whose path ends
 * at anything other than `?` has no query, and neither has any URL that starts inside that path
 * (its path ends at the same character), so the search goes on from there.
 */
function removeQueries(text: string): string {
  let kept = '';
  let copied = 0;
  urlStart.lastIndex = 0;
  for (let start = urlStart.exec(text); start !== null; start = urlStart.exec(text)) {
    const pathStop = firstFrom(pathEnd, text, start.index + start[0].length);
    if (text[pathStop] !== '?') {
      urlStart.lastIndex = pathStop;
      continue;
    }
    const queryStop = firstFrom(queryEnd, text, pathStop + 1);
    kept += text.slice(copied, pathStop);
    copied = queryStop;
    urlStart.lastIndex = queryStop;
  }
  return copied === 0 ? text : kept + text.slice(copied);
}

/**
 * False when scrubbing could not change the text: it holds no `?`, no `=` and no `%3D`.
 * @example
 * mayHoldQuery('https://b.s3.amazonaws.com/k%7Cid') // false
 */
function mayHoldQuery(value: string): boolean {
  return queryHint.test(value);
}

/**
 * Removes the query string of every URL in a text, and masks loose signing parameters.
 * @example
 * scrubUrls('PUT https://b.s3.amazonaws.com/k?X-Amz-Signature=abc')
 * // 'PUT https://b.s3.amazonaws.com/k'
 * scrubUrls('X-Amz-Credential%3DAKIA%2F2026') // 'X-Amz-Credential%3D***'
 */
function scrubUrls(value: string): string {
  // A fast path: each log line redacts every key and value, and most have none of these.
  if (!mayHoldQuery(value)) return value;
  return removeQueries(value).replace(signingParameter, `$1$2${signingMask}`);
}

export { mayHoldQuery, scrubUrls };
