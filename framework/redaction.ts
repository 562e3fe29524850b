/**
 * Redaction: removes secrets from anything that leaves the process as text. Two kinds:
 * values a resource marked sensitive or answered with NoEcho (matched by value, wherever they
 * appear), and pre-signed URLs, whose query string is a bearer credential.
 */
import { parseUrl } from './url.js';
import { mayHoldQuery, scrubUrls } from './url-scrub.js';

const Mask = '***';

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
 * Shortest secret masked wherever it appears inside a text. A shorter one (`42`, `create`) is
 * masked only where it is a field's whole value: masking every `42` or `create` inside every text
 * would garble the trail (and by chance a hash or a timestamp in it) and protect nothing.
 */
const MinSecretLength = 8;

/** Runs of whitespace as one space, trimmed: how a message looks once someone tidied it. */
function collapseWhitespace(text: string): string {
  return text
    .split(/\s+/)
    .filter((part) => part !== '')
    .join(' ');
}

/**
 * The forms a secret may take in a text: raw, JSON-escaped, URL-encoded, and with its whitespace
 * collapsed.
 */
function formsOf(value: string): string[] {
  const forms = [value, JSON.stringify(value).slice(1, -1)];
  try {
    forms.push(encodeURIComponent(value));
  } catch {
    // A lone surrogate cannot be URL-encoded, so no text can hold that form.
  }
  const collapsed = collapseWhitespace(value);
  if (collapsed !== '' && collapsed !== value) forms.push(collapsed);
  return forms;
}

/** What a redactor masks, merged with its ancestors'. */
type SecretView = {
  /**
   * Forms of secrets of at least MinSecretLength characters, longest first: masked anywhere in a
   * text.
   */
  readonly anywhere: readonly string[];
  /** Forms of every secret: a field whose whole value is one of them is masked. */
  readonly whole: ReadonlySet<string>;
  /**
   * Whitespace-collapsed forms of long secrets that hold whitespace: matched against a text with
   * its whitespace collapsed too.
   */
  readonly spaced: readonly string[];
  /**
   * True when a secret is shorter than MinSecretLength (then no serialised line can be judged by a
   * substring search).
   */
  readonly hasShort: boolean;
};

const emptyView: SecretView = { anywhere: [], whole: new Set(), spaced: [], hasShort: false };

function mergeViews(own: SecretView, parent: SecretView): SecretView {
  return {
    anywhere: [...own.anywhere, ...parent.anywhere].sort((a, b) => b.length - a.length),
    whole: new Set([...own.whole, ...parent.whole]),
    spaced: [...own.spaced, ...parent.spaced],
    hasShort: own.hasShort || parent.hasShort,
  };
}

/**
 * A secrets registry: the values known to be secret, from the moment they are known, and the
 * masking of them (and of URL queries) in strings and nested values. The handler keeps one for
 * the container and one per request on top of it; protocol code adds to and asks the registry,
 * and the logger only asks it. A secret of at least MinSecretLength characters is masked wherever
 * it appears in a string value (in any of its forms, and across differences in whitespace); a
 * shorter one where it is a whole value. Keys are never changed. A child shares its parent's
 * secrets and adds its own.
 * @example
 * const redactor = new Redactor(); redactor.add(['hunter2']);
 * redactor.text('password hunter2') // 'password ***'
 */
class Redactor {
  #own: SecretView = emptyView;
  /** Changes whenever this redactor's own secrets change. */
  #version = 0;
  #merged: { readonly view: SecretView; readonly stamp: string } = { view: emptyView, stamp: '' };
  readonly #parent: Redactor | undefined;

  constructor(parent?: Redactor) {
    this.#parent = parent;
  }

  /** Adds secret values, from the moment they are known (an empty value is ignored). */
  add(values: Iterable<string>): void {
    const anywhere = new Set(this.#own.anywhere);
    const whole = new Set(this.#own.whole);
    const spaced = new Set(this.#own.spaced);
    let hasShort = this.#own.hasShort;
    for (const value of values) {
      if (value === '' || whole.has(value)) continue;
      const forms = formsOf(value);
      for (const form of forms) whole.add(form);
      if (value.length < MinSecretLength) {
        hasShort = true;
        continue;
      }
      for (const form of forms) anywhere.add(form);
      if (/\s/.test(value)) spaced.add(collapseWhitespace(value));
    }
    if (whole.size === this.#own.whole.size) return;
    this.#own = {
      anywhere: [...anywhere].sort((a, b) => b.length - a.length),
      whole,
      spaced: [...spaced],
      hasShort,
    };
    this.#version += 1;
  }

  /** Identifies the current secrets of this redactor and its ancestors. */
  #stamp(): string {
    return this.#parent === undefined
      ? String(this.#version)
      : `${this.#version}.${this.#parent.#stamp()}`;
  }

  /** This redactor's and its ancestors' secrets (cached until one is added). */
  #view(): SecretView {
    if (this.#parent === undefined) return this.#own;
    const stamp = this.#stamp();
    if (this.#merged.stamp !== stamp)
      this.#merged = { view: mergeViews(this.#own, this.#parent.#view()), stamp };
    return this.#merged.view;
  }

  /** Every form masked anywhere in a text, longest first. */
  secrets(): readonly string[] {
    return this.#view().anywhere;
  }

  /**
   * False when redacting could not change a serialised record: it holds no secret and nothing a URL
   * query needs. Lets the logger serialise a record once and redact only the rare line that needs
   * it.
   */
  needed(text: string): boolean {
    const view = this.#view();
    return (
      mayHoldQuery(text) ||
      view.hasShort ||
      view.spaced.length > 0 ||
      view.anywhere.some((secret) => text.includes(secret))
    );
  }

  /**
   * A text with every URL query removed and every secret (of at least MinSecretLength characters)
   * masked.
   */
  text(value: string): string {
    const view = this.#view();
    let out = scrubUrls(value);
    for (const secret of view.anywhere) {
      if (out.includes(secret)) out = out.split(secret).join(Mask);
    }
    if (view.spaced.length === 0 || !/\s/.test(out)) return out;
    // A secret whose line breaks or spaces were changed (a message tidied into one line) is
    // still the secret: compare with the whitespace collapsed on both sides.
    const flat = collapseWhitespace(out);
    const hits = view.spaced.filter((form) => flat.includes(form));
    return hits.length === 0 ? out : hits.reduce((text, form) => text.split(form).join(Mask), flat);
  }

  /** One field's value: masked whole when it is a secret, however short; otherwise as `text`. */
  field(value: string): string {
    return this.#view().whole.has(value) ? Mask : this.text(value);
  }

  /**
   * A deep copy with every string value redacted (keys are kept) and every number that is a secret
   * masked.
   */
  value(input: unknown, seen = new WeakSet<object>()): unknown {
    if (typeof input === 'string') return this.field(input);
    if (typeof input === 'number' || typeof input === 'bigint')
      return this.#view().whole.has(String(input)) ? Mask : input;
    if (typeof input !== 'object' || input === null) return input;
    if (seen.has(input)) return '[circular]';
    seen.add(input);
    if (Array.isArray(input)) return input.map((item) => this.value(item, seen));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(input)) out[key] = this.value(item, seen);
    return out;
  }
}

export { Mask, MinSecretLength, Redactor, collapseWhitespace, safeUrl, scrubUrls };
