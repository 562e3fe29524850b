/**
 * The one logger: JSON lines on stdout, redacted inside the logger, never at call sites.
 * crkit's own records (`crkit.received`, `crkit.signal`, `crkit.rejected`)
 * go through `record`, which ignores the level: an auditor's trail is never filtered out.
 */
import { Redactor } from './redaction.js';
import type { LogLevel } from './config.js';

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Where lines go; one call per line, without the newline. */
type LogSink = (line: string) => void;

type Fields = Readonly<Record<string, unknown>>;

/** A redacting structured logger. */
type Logger = {
  debug(message: string, fields?: Fields): void;
  info(message: string, fields?: Fields): void;
  warn(message: string, fields?: Fields): void;
  error(message: string, fields?: Fields): void;
  /** Writes one of crkit's typed records (`crkit.signal`, …), whatever the level. */
  record(type: string, fields: Fields): void;
  /** A logger with more fixed fields and its own secrets on top of this one's. */
  child(fields: Fields, redactor?: Redactor): Logger;
  /** The redactor behind this logger, to add secrets to or redact a Reason with. */
  readonly redactor: Redactor;
};

type LoggerOptions = {
  /** Lowest level written. @default 'info' */
  readonly level?: LogLevel | undefined;
  /** Line writer. @default a write to process.stdout */
  readonly sink?: LogSink | undefined;
  /** Fixed fields on every line. @default {} */
  readonly fields?: Fields | undefined;
  /** Secrets known so far. @default a new Redactor */
  readonly redactor?: Redactor | undefined;
};

const stdoutSink: LogSink = (line) => {
  process.stdout.write(`${line}\n`);
};

/**
 * Errors as plain data: name, code, message and a short stack, never the whole object; causes up
 * to 4 deep (a cycle must not recurse forever). Message and stack are redacted whole, before the
 * stack is split into lines and shortened, so a secret that spans lines or the cut is masked whole.
 */
function describeError(error: unknown, redact: (text: string) => string = (text) => text, depth = 0): unknown {
  if (!(error instanceof Error)) return { thrown: typeof error, value: typeof error === 'string' ? redact(error) : undefined };
  if (depth > 3) return { name: error.name, cause: '(deeper causes omitted)' };
  const extra = error as Error & { code?: unknown; $metadata?: { httpStatusCode?: number; requestId?: string } };
  const stack = typeof error.stack === 'string' ? redact(error.stack) : undefined;
  return {
    name: error.name,
    message: redact(error.message),
    code: typeof extra.code === 'string' ? extra.code : undefined,
    httpStatus: extra.$metadata?.httpStatusCode,
    awsRequestId: extra.$metadata?.requestId,
    stack: stack?.split('\n').slice(1, 6).map((line) => line.trim()),
    cause: error.cause === undefined ? undefined : describeError(error.cause, redact, depth + 1),
  };
}

function plain(fields: Fields, redactor: Redactor): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) out[key] = value instanceof Error ? describeError(value, (text) => redactor.text(text)) : value;
  return out;
}

/** The fixed fields' members, or undefined when they cannot be serialised as they are (then every line takes the slow path). */
function safeMembers(fields: Fields): string | undefined {
  try {
    return members(JSON.stringify(fields));
  } catch {
    return undefined;
  }
}

function toJson(value: unknown): string {
  try {
    // V8's fast path; a replacer function turns it off, so the replacer is only the fallback.
    return JSON.stringify(value);
  } catch {
    // A BigInt (redaction has already broken cycles).
    return JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? item.toString() : item));
  }
}

/** Longest line written: CloudWatch Logs cuts events at 256 KB, which would break the JSON. */
const MaxLineLength = 32_768;

/** Longest string kept whole in a line that would be too long. */
const MaxStringLength = 1024;

/** A copy with every long string cut to `MaxStringLength`, saying how long it was. */
function clipped(value: unknown): unknown {
  if (typeof value === 'string') return value.length > MaxStringLength ? `${value.slice(0, MaxStringLength)}… (${value.length} characters)` : value;
  if (Array.isArray(value)) return value.map(clipped);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, clipped(item)]));
}

/** The members of a JSON object's text, without its braces ('' for an empty object). */
function members(json: string): string {
  return json.length > 2 ? json.slice(1, -1) : '';
}

/** The record redacted value by value; a crkit record's own `type` is never masked (an auditor finds records by it). */
function redacted(head: Fields, record: Record<string, unknown>, redactor: Redactor): Record<string, unknown> {
  const out = redactor.value(record) as Record<string, unknown>;
  if (typeof head.type === 'string') out.type = head.type;
  return out;
}

/**
 * One record as a line. Most lines hold no secret and no URL query: their parts are serialised
 * (the logger's fixed fields only once, when the logger is made), joined, checked, and written.
 * The rest (and any record with a cycle or a BigInt) are merged, redacted value by value, then
 * serialised. Both paths give the same record for a line that needs no redaction (a key repeated
 * in the joined text resolves as the merge would: the later one wins).
 */
function render(head: Fields, base: { readonly fields: Fields; readonly json: string | undefined }, fields: Fields, redactor: Redactor): string {
  const own = plain(fields, redactor);
  let line: string | undefined;
  try {
    if (base.json !== undefined) line = `{${[members(JSON.stringify(head)), base.json, members(JSON.stringify(own))].filter((part) => part !== '').join(',')}}`;
  } catch {
    line = undefined;
  }
  let safe: Record<string, unknown> | undefined;
  const record = () => (safe ??= redacted(head, { ...head, ...base.fields, ...own }, redactor));
  if (line === undefined || redactor.needed(line)) line = toJson(record());
  // Clipped only after redaction, so a secret is masked whole before anything is cut.
  return line.length <= MaxLineLength ? line : toJson(clipped(record()));
}

/**
 * Creates a logger.
 * @example
 * const log = createLogger({ level: 'debug' });
 * log.info('created', { groupName: 'hpc' });
 */
function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? 'info';
  const sink = options.sink ?? stdoutSink;
  const fixed = options.fields ?? {};
  const redactor = options.redactor ?? new Redactor();
  const base = { fields: fixed, json: safeMembers(fixed) };
  // Everything, building the line included (a getter may throw), stays inside the try:
  // a log line must never break an answer.
  const write = (head: Fields, fields: Fields): void => {
    try {
      sink(render({ ...head, time: new Date().toISOString() }, base, fields, redactor));
    } catch {
      // Dropped: the answer matters more than the line.
    }
  };
  const at =
    (lineLevel: LogLevel) =>
    (message: string, fields: Fields = {}): void => {
      if (rank[lineLevel] < rank[level]) return;
      write({ level: lineLevel, message }, fields);
    };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    record: (type, fields) => write({ type }, fields),
    child: (fields, childRedactor) =>
      createLogger({ level, sink, fields: { ...fixed, ...fields }, redactor: childRedactor ?? redactor }),
    redactor,
  };
}

export { createLogger, describeError, stdoutSink };
export type { Fields, Logger, LoggerOptions, LogSink };
