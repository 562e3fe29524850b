/**
 * S3's https hosts, the only default destination of a ResponseURL, recognised label by label in
 * one pass (a backtracking pattern took exponential time on `s3-a-a-a-…` under another domain).
 *
 * A host is accepted when it is `[prefix.]s3<rest>.amazonaws.com[.cn]` where
 * - `prefix` starts with a lower-case letter or digit and holds only `a-z 0-9 . -`;
 * - the label that starts with `s3` is `s3` alone or `s3-` and at least one more of `a-z 0-9 -`
 *   (`s3-eu-west-1`);
 * - every label after it, up to `amazonaws`, is one or more of `a-z 0-9 -` (`dualstack`, a region).
 */

const suffixes = ['.amazonaws.com', '.amazonaws.com.cn'] as const;

/** True for `a-z`, `0-9` and `-`, the characters of a label. */
function isLabelCharacter(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || code === 0x2d;
}

/** True when every character is a label character or a dot. */
function holdsOnlyHostCharacters(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (!isLabelCharacter(code) && code !== 0x2e) return false;
  }
  return true;
}

/** `s3`, or `s3-` followed by at least one label character. */
function isS3Label(label: string): boolean {
  return label === 's3' || (label.startsWith('s3-') && label.length > 3);
}

/**
 * True when a URL's hostname (as `URL` gives it: lower case) is one of S3's. Linear in its length.
 * @example
 * isS3Host('bucket.s3.dualstack.us-east-1.amazonaws.com') // true
 * isS3Host('s3.amazonaws.com.evil.example') // false
 */
function isS3Host(hostname: string): boolean {
  const suffix = suffixes.find((candidate) => hostname.endsWith(candidate));
  if (suffix === undefined) return false;
  const rest = hostname.slice(0, hostname.length - suffix.length);
  if (!holdsOnlyHostCharacters(rest)) return false;
  const labels = rest.split('.');
  const first = labels[0] ?? '';
  const prefixMayStartHere = first !== '' && first[0] !== '-';
  // From the last label backwards: the S3 label may only be followed by non-empty labels.
  for (let index = labels.length - 1; index >= 0; index -= 1) {
    const label = labels[index] ?? '';
    if (isS3Label(label) && (index === 0 || prefixMayStartHere)) return true;
    if (label === '') return false;
  }
  return false;
}

export { isS3Host };
