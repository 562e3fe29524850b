/**
 * The one logger: JSON lines on stdout, redacted inside the logger, never at call sites. What is
 * secret is not the logger's to know: it asks the secrets registry it was given.
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
  /**
   * Writes several typed records, in order; to stdout in one write (one system call, not one per
   * line).
   */
  records(entries: readonly (readonly [type: string, fields: Fields])[]): void;
  /**
   * A logger with more fixed fields that asks `redactor` (a registry of its own, on top of this
   * one's) instead.
   */
  child(fields: Fields, redactor?: Redactor): Logger;
  /**
   * The secrets registry this logger asks what to mask; it was given to the logger, which never
   * adds to it.
   */
  readonly redactor: Redactor;
};

type LoggerOptions = {
  /** Lowest level written. @default 'info' */
  readonly level?: LogLevel | undefined;
  /** Line writer. @default a write to process.stdout */
  readonly sink?: LogSink | undefined;
  /** Fixed fields on every line. @default {} */
  readonly fields?: Fields | undefined;
  /** The secrets registry the logger asks what to mask. @default a new, empty one */
  readonly redactor?: Redactor | undefined;
};

const stdoutSink: LogSink = (line) => {
  process.stdout.write(`${line}\n`);
};

/** Several lines to stdout at once: a pipe write is a blocking system call, so fewer is cheaper. */
function stdoutLines(lines: readonly string[]): void {
  process.stdout.write(`${lines.join('\n')}\n`);
}

/**
 * Errors as plain data: name, code, message and a short stack, never the whole object; causes up
 * to 4 deep (a cycle must not recurse forever). Message and stack are redacted whole, before the
 * stack is split into lines and shortened, so a secret that spans lines or the cut is masked whole.
 */
function describeError(
  error: unknown,
  redact: (text: string) => string = (text) => text,
  depth = 0,
): unknown {
  if (!(error instanceof Error))
    return { thrown: typeof error, value: typeof error === 'string' ? redact(error) : undefined };
  if (depth > 3) return { name: error.name, cause: '(deeper causes omitted)' };
  const extra = error as Error & {
    code?: unknown;
    $metadata?: { httpStatusCode?: number; requestId?: string };
  };
  const stack = typeof error.stack === 'string' ? redact(error.stack) : undefined;
  return {
    name: error.name,
    message: redact(error.message),
    code: typeof extra.code === 'string' ? extra.code : undefined,
    httpStatus: extra.$metadata?.httpStatusCode,
    awsRequestId: extra.$metadata?.requestId,
    stack: stack
      ?.split('\n')
      .slice(1, 6)
      .map((line) => line.trim()),
    cause: error.cause === undefined ? undefined : describeError(error.cause, redact, depth + 1),
  };
}

/**
 * The fields with every Error as plain data; the fields themselves when they hold none (most
 * records) and no own `__proto__` key (which the copy drops, as the merged record does).
 */
function plain(fields: Fields, redactor: Redactor): Fields {
  const keys = Object.keys(fields);
  if (!keys.some((key) => key === '__proto__' || fields[key] instanceof Error)) return fields;
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const value = fields[key];
    out[key] = value instanceof Error ? describeError(value, (text) => redactor.text(text)) : value;
  }
  return out;
}

/**
 * One serialised member (`"key":value`) per fixed field, or undefined when one cannot be serialised
 * as it is (then every line takes the slow path).
 */
type BaseMember = readonly [key: string, member: string];

function safeMembers(fields: Fields): readonly BaseMember[] | undefined {
  try {
    const out: BaseMember[] = [];
    for (const key of Object.keys(fields)) {
      // A value JSON leaves out (undefined, a function) gives no member, as in the merged record.
      const value = JSON.stringify(fields[key]) as string | undefined;
      if (value !== undefined) out.push([key, `${JSON.stringify(key)}:${value}`]);
    }
    return out;
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
    return JSON.stringify(value, (_key, item: unknown) =>
      typeof item === 'bigint' ? item.toString() : item,
    );
  }
}

/** Longest line written: CloudWatch Logs cuts events at 256 KB, which would break the JSON. */
const MaxLineLength = 32_768;

/** Longest string kept whole in a line that would be too long. */
const MaxStringLength = 1024;

/** A copy with every long string cut to `MaxStringLength`, saying how long it was. */
function clipped(value: unknown): unknown {
  if (typeof value === 'string')
    return value.length > MaxStringLength
      ? `${value.slice(0, MaxStringLength)}… (${value.length} characters)`
      : value;
  if (Array.isArray(value)) return value.map(clipped);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, clipped(item)]));
}

/** The members of a JSON object's text, without its braces ('' for an empty object). */
function members(json: string): string {
  return json.length > 2 ? json.slice(1, -1) : '';
}

/**
 * The record redacted value by value; a crkit record's own `type` is never masked (an auditor finds
 * records by it).
 */
function redacted(
  head: Fields,
  record: Record<string, unknown>,
  redactor: Redactor,
): Record<string, unknown> {
  const out = redactor.value(record) as Record<string, unknown>;
  if (typeof head.type === 'string') out.type = head.type;
  return out;
}

/**
 * Whether a record's own fields or the fixed fields name a key of the head (type, level, message,
 * time).
 */
function overlapsHead(head: Fields, base: Fields, own: Fields): boolean {
  for (const key in head) if (Object.hasOwn(own, key) || Object.hasOwn(base, key)) return true;
  return false;
}

/**
 * One record as a line, every key once: the record's own fields win over the logger's fixed
 * fields, which are left out of a line whose record names them itself. Most lines hold no secret
 * and no URL query: their parts are serialised (each fixed field only once, when the logger is
 * made), joined, checked, and written. The rest (and any record with a cycle or a BigInt, or a
 * field named like the head's) are merged, redacted value by value, then serialised. Both paths
 * give the same record.
 */
function render(
  head: Fields,
  base: { readonly fields: Fields; readonly members: readonly BaseMember[] | undefined },
  fields: Fields,
  redactor: Redactor,
): string {
  const own = plain(fields, redactor);
  let line: string | undefined;
  try {
    if (base.members !== undefined && !overlapsHead(head, base.fields, own)) {
      const parts = [members(JSON.stringify(head))];
      for (const [key, member] of base.members) if (!Object.hasOwn(own, key)) parts.push(member);
      const ownMembers = members(JSON.stringify(own));
      if (ownMembers !== '') parts.push(ownMembers);
      line = `{${parts.join(',')}}`;
    }
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
  const base = { fields: fixed, members: safeMembers(fixed) };
  // Everything, building the line included (a getter may throw), stays inside the try:
  // a log line must never break an answer.
  const line = (head: Fields, fields: Fields): string =>
    render({ ...head, time: new Date().toISOString() }, base, fields, redactor);
  const write = (head: Fields, fields: Fields): void => {
    try {
      sink(line(head, fields));
    } catch {
      // Dropped: the answer matters more than the line.
    }
  };
  const writeRecords = (entries: readonly (readonly [type: string, fields: Fields])[]): void => {
    if (sink !== stdoutSink) {
      for (const [type, fields] of entries) write({ type }, fields);
      return;
    }
    const lines: string[] = [];
    for (const [type, fields] of entries) {
      try {
        lines.push(line({ type }, fields));
      } catch {
        // Dropped, as in write: the other records are still written.
      }
    }
    try {
      if (lines.length > 0) stdoutLines(lines);
    } catch {
      // Dropped: the answer matters more than the lines.
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
    records: writeRecords,
    child: (fields, childRedactor) =>
      createLogger({
        level,
        sink,
        fields: { ...fixed, ...fields },
        redactor: childRedactor ?? redactor,
      }),
    redactor,
  };
}

export { createLogger, describeError, stdoutSink };
export type { Fields, Logger, LoggerOptions, LogSink };
