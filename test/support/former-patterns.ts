/**
 * The regular expressions crkit used before they were made linear, kept only as test oracles:
 * the new code must accept and refuse exactly what these did (on inputs short enough for them
 * to finish), and the ReDoS check must call each of them vulnerable.
 */

/** `framework/properties.ts`: a whole number as text (linear already; kept beside its sibling). */
const formerIntegerText = /^[+-]?\d+$/;

/**
 * `framework/properties.ts`: a number as text. Quadratic: `\d+\.?\d*` splits a digit run many ways.
 */
const formerNumberText = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** `framework/redaction.ts`: a URL and its query. Quadratic: every `http://` rescans to the end. */
const formerUrlWithQuery = /\b(https?:\/\/[^\s"'<>?#\\]*)\?[^\s"'<>\\]*/gi;

/** `framework/redaction.ts`: a signing parameter travelling without its URL. */
const formerSigningParameter = new RegExp(
  '\\b(X-Amz-(?:Signature|Credential|Security-Token|SignedHeaders|Date|Expires)' +
    '|AWSAccessKeyId|Signature)(=|%3D)[^&\\s"\'<>\\\\]*',
  'gi',
);

/** `framework/redaction.ts`: the fast path's test. */
const formerMayHoldQuery = /[?=]|%3d/i;

/**
 * `framework/answer/put.ts`: S3's https hosts. Exponential: `-a-a-a` splits into labels 2^n ways.
 */
const formerS3Host =
  /^(?:[a-z0-9][a-z0-9.-]*\.)?s3(?:[.-](?:dualstack\.)?[a-z0-9-]+)*\.amazonaws\.com(?:\.cn)?$/;

/** `scrubUrls` as it was, built from the patterns above. */
function formerScrubUrls(value: string): string {
  if (!formerMayHoldQuery.test(value)) return value;
  return value.replace(formerUrlWithQuery, '$1').replace(formerSigningParameter, '$1$2***');
}

/** Every former pattern that a hostile input could stall, by name. */
const formerVulnerablePatterns: Readonly<Record<string, RegExp>> = {
  numberText: formerNumberText,
  urlWithQuery: formerUrlWithQuery,
  s3Host: formerS3Host,
};

export {
  formerIntegerText,
  formerMayHoldQuery,
  formerNumberText,
  formerS3Host,
  formerScrubUrls,
  formerUrlWithQuery,
  formerVulnerablePatterns,
};

/**
 * `scripts/templates`: an Fn::Sub variable. Quadratic: every `${` rescans to the end when no `}`
 * follows.
 */
const formerSubVariable = /\$\{([^!}][^}]*)\}/g;

/** `scripts/simulate/evaluate.ts`: any Fn::Sub placeholder. Quadratic, like the one above. */
const formerSubPlaceholder = /\$\{([^}]*)\}/g;

/**
 * `scripts/audit/leaks.ts`: a pre-signed URL's query. Quadratic: every `http://` rescans its run.
 */
const formerPresignedUrl =
  /https?:\/\/[^\s"'\\<>]+\?[^\s"'\\<>]*(?:X-Amz-|Signature=|AWSAccessKeyId=)/i;

export { formerPresignedUrl, formerSubPlaceholder, formerSubVariable };
