/**
 * Redaction: removes secrets from anything that leaves the process as text. Two kinds:
 * values a resource marked sensitive or answered with NoEcho (matched by value, wherever they
 * appear), and pre-signed URLs, whose query string is a bearer credential.
 */
import { parseUrl } from './url.js';
import { mayHoldQuery as textMayHoldQuery, scrubUrls } from './url-scrub.js';

const Mask = '***';

/** The URL-query hint of url-scrub.ts, in the shape the Redactor calls it (`mayHoldQuery.test(text)`). */
const mayHoldQuery = { test: textMayHoldQuery } as const;

/**
 * Origin and path of a URL, for logs; `(unparseable)` when it is not a URL.
 * @example
 * safeUrl('https://b.s3.amazonaws.com/k?X-Amz-Signature=abc') // 'https://b.s3.amazonaws.com/k'
 */
function safeUrl(value: string): string {
  const url = parseUrl(value);
  return url === undefined ? '(unparseable)' : `${url.origin}${url.pathname}`;
}

/**
 * Masks known secret values and URL queries in strings and nested values.
 * A child shares its parent's secrets and adds its own.
 * @example
 * const redactor = new Redactor(); redactor.add(['hunter2']);
 * redactor.text('password hunter2') // 'password ***'
 */
class Redactor {
  #secrets = new Set<string>();
  #ordered: string[] = [];
  /** Changes whenever this redactor's own secrets change. */
  #version = 0;
  /** This redactor's and its ancestors' secrets, longest first, and the versions it was built from. */
  #merged: { readonly list: string[]; readonly stamp: string } = { list: [], stamp: '' };
  readonly #parent: Redactor | undefined;

  constructor(parent?: Redactor) {
    this.#parent = parent;
  }

  /** Adds secret values; each is also matched JSON-escaped and URL-encoded (as AWS error text may quote it). */
  add(values: Iterable<string>): void {
    const before = this.#secrets.size;
    for (const value of values) {
      if (value === '' || this.#secrets.has(value)) continue;
      for (const form of [value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)]) this.#secrets.add(form);
    }
    if (this.#secrets.size === before) return;
    this.#ordered = [...this.#secrets].sort((a, b) => b.length - a.length);
    this.#version += 1;
  }

  /** Identifies the current secrets of this redactor and its ancestors. */
  #stamp(): string {
    return this.#parent === undefined ? String(this.#version) : `${this.#version}.${this.#parent.#stamp()}`;
  }

  /** Every secret this redactor and its ancestors know, longest first (cached until one is added). */
  secrets(): string[] {
    if (this.#parent === undefined) return this.#ordered;
    const stamp = this.#stamp();
    if (this.#merged.stamp !== stamp) {
      const list = [...this.#ordered, ...this.#parent.secrets()].sort((a, b) => b.length - a.length);
      this.#merged = { list, stamp };
    }
    return this.#merged.list;
  }

  /**
   * False when redacting could not change a text: it holds no secret and nothing a URL query
   * needs. Lets the logger serialise a record once and redact only the rare line that needs it.
   */
  needed(text: string): boolean {
    return mayHoldQuery.test(text) || this.secrets().some((secret) => text.includes(secret));
  }

  /** A text with every secret masked and every URL query removed. */
  text(value: string): string {
    let out = scrubUrls(value);
    for (const secret of this.secrets()) {
      if (out.includes(secret)) out = out.split(secret).join(Mask);
    }
    return out;
  }

  /** A deep copy with every string (keys included) redacted, and every number that is a secret masked. */
  value(input: unknown, seen = new WeakSet<object>()): unknown {
    if (typeof input === 'string') return this.text(input);
    // A sensitive "1234" parsed by cfnInteger is logged as the number 1234. Shorter numbers are
    // left alone: masking every 1 would break counts and metrics, and protect nothing.
    if (typeof input === 'number' || typeof input === 'bigint') {
      const digits = String(input);
      return digits.length >= 4 && this.secrets().includes(digits) ? Mask : input;
    }
    if (typeof input !== 'object' || input === null) return input;
    if (seen.has(input)) return '[circular]';
    seen.add(input);
    if (Array.isArray(input)) return input.map((item) => this.value(item, seen));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(input)) out[this.text(key)] = this.value(item, seen);
    return out;
  }
}

export { Mask, Redactor, safeUrl, scrubUrls };
