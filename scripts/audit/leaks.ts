/**
 * Leak checks over a trail: anything resembling a pre-signed URL's query or a loose signing
 * parameter, credential-shaped strings, and declared secrets. A received record names its
 * sensitive properties; a value there that is not masked is a leak, and so is that value
 * anywhere else in the trail. Findings never quote the secret itself.
 */
import type { JsonRecord, TrailLine } from './read.js';

/** Kinds of leak the audit reports. */
const LeakKinds = [
  'url-query',
  'signing-parameter',
  'credential',
  'declared-secret',
  'given-secret',
] as const;
type LeakKind = (typeof LeakKinds)[number];

/** One leak: where, what kind, and a description that does not repeat the secret. */
type Leak = { readonly line: number; readonly kind: LeakKind; readonly detail: string };

const Mask = '***';

/** A run of characters a URL may hold: up to white space, a quote, a backslash, `<` or `>`. */
const urlRun = /[^\s"'\\<>]+/g;
const urlScheme = /https?:\/\//gi;
const signingMarker = /X-Amz-|Signature=|AWSAccessKeyId=/gi;

/** The index of the first match of a global pattern at or after `from`, or -1. */
function firstFrom(pattern: RegExp, text: string, from: number): number {
  pattern.lastIndex = from;
  return pattern.exec(text)?.index ?? -1;
}

/**
 * True when a text holds a URL whose query carries a signing parameter: `http(s)://`, at least one
 * character, a `?`, then `X-Amz-`, `Signature=` or `AWSAccessKeyId=`, all in one run of URL
 * characters. Each run is searched once from its first scheme, so the time is linear.
 */
function holdsPresignedUrl(text: string): boolean {
  for (const [run] of text.matchAll(urlRun)) {
    urlScheme.lastIndex = 0;
    const scheme = urlScheme.exec(run);
    if (scheme === null) continue;
    // At least one URL character between the scheme and the `?`.
    const query = run.indexOf('?', scheme.index + scheme[0].length + 1);
    if (query >= 0 && firstFrom(signingMarker, run, query + 1) >= 0) return true;
  }
  return false;
}

const patterns: readonly {
  readonly kind: LeakKind;
  readonly pattern: { test(text: string): boolean };
  readonly detail: string;
}[] = [
  {
    kind: 'url-query',
    pattern: { test: holdsPresignedUrl },
    detail: 'a pre-signed URL with its query string',
  },
  {
    kind: 'signing-parameter',
    pattern: /X-Amz-(?:Signature|Credential|Security-Token)(?:=|%3D)(?!\*\*\*)/i,
    detail: 'a request-signing parameter',
  },
  { kind: 'credential', pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/, detail: 'an AWS access key id' },
  { kind: 'credential', pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/, detail: 'a private key' },
];

/** Every string under a value (the value of a sensitive property may be an object). */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'number') return [String(value)];
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(stringsIn);
  return [];
}

/** The value as it is, or as JSON escapes it inside a log line. */
function appearsIn(text: string, value: string): boolean {
  return text.includes(value) || text.includes(JSON.stringify(value).slice(1, -1));
}

/** Unmasked values of declared sensitive properties in a received record. */
function unmaskedSecrets(record: JsonRecord): { readonly name: string; readonly value: string }[] {
  const names = Array.isArray(record.sensitive)
    ? record.sensitive.filter((name): name is string => typeof name === 'string')
    : [];
  const found: { name: string; value: string }[] = [];
  for (const which of ['properties', 'oldProperties'] as const) {
    const properties = record[which];
    if (typeof properties !== 'object' || properties === null || Array.isArray(properties))
      continue;
    for (const name of names) {
      for (const value of stringsIn((properties as JsonRecord)[name]))
        if (value !== Mask && value !== '') found.push({ name, value });
    }
  }
  return found;
}

/**
 * Finds leaks in a trail; `given` are secrets the auditor knows (from `--secret`).
 * @example
 * const leaks = findLeaks(trail.lines, ['hunter2']);
 */
function findLeaks(lines: readonly TrailLine[], given: readonly string[] = []): Leak[] {
  const leaks: Leak[] = [];
  const declared = new Map<string, string>();
  for (const line of lines) {
    if (line.record?.type !== 'crkit.received') continue;
    for (const { name, value } of unmaskedSecrets(line.record)) {
      leaks.push({
        line: line.line,
        kind: 'declared-secret',
        detail: `sensitive property ${name} is not masked in the received record`,
      });
      declared.set(value, name);
    }
  }
  for (const line of lines) {
    for (const { kind, pattern, detail } of patterns)
      if (pattern.test(line.text)) leaks.push({ line: line.line, kind, detail });
    for (const [value, name] of declared) {
      if (line.record?.type !== 'crkit.received' && appearsIn(line.text, value))
        leaks.push({
          line: line.line,
          kind: 'declared-secret',
          detail: `the value of sensitive property ${name} appears`,
        });
    }
    given.forEach((secret, index) => {
      if (secret !== '' && appearsIn(line.text, secret))
        leaks.push({
          line: line.line,
          kind: 'given-secret',
          detail: `secret #${index + 1} given on the command line appears`,
        });
    });
  }
  return leaks;
}

export { findLeaks, LeakKinds };
export type { Leak, LeakKind };
