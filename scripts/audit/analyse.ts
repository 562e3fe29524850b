/**
 * The audit's analysis: pairs each request's `crkit.received` with its `crkit.signal` (and
 * `crkit.deferred` hand-overs), and lists what an auditor asks about. The trail is broken when
 * a request was received but never answered, an answer has no received record, an answer never
 * reached CloudFormation, or something leaked.
 */
import { latestDrift } from './drift.js';
import type { DriftRow } from './drift.js';
import { findLeaks } from './leaks.js';
import type { Leak } from './leaks.js';
import type { JsonRecord, Trail, TrailFormat, TrailLine } from './read.js';

/** Where a request came from, as the report shows it. */
type Where = {
  readonly line: number;
  readonly time: string;
  readonly stack: string;
  readonly logicalResourceId: string;
  readonly resourceType: string;
  readonly requestId: string;
};

type AnswerRow = {
  readonly stack: string;
  readonly logicalResourceId: string;
  readonly resourceType: string;
  readonly status: string;
  readonly count: number;
};

/** Everything the audit found. */
type AuditReport = {
  readonly format: TrailFormat;
  readonly lines: number;
  readonly records: number;
  readonly answers: readonly AnswerRow[];
  readonly failed: readonly (Where & { readonly action: string; readonly reason: string })[];
  readonly slow: readonly (Where & { readonly action: string; readonly durationMs: number })[];
  readonly retriedPuts: readonly (Where & {
    readonly attempts: number;
    readonly httpStatus: number | undefined;
    readonly delivered: boolean;
  })[];
  readonly undelivered: readonly (Where & {
    readonly attempts: number;
    readonly httpStatus: number | undefined;
  })[];
  readonly unanswered: readonly (Where & { readonly requestType: string })[];
  readonly unopened: readonly Where[];
  readonly pending: readonly Where[];
  readonly rejected: readonly {
    readonly line: number;
    readonly time: string;
    readonly why: string;
  }[];
  /** The latest `crkit.drift` verdict per resource (never breaks the trail). */
  readonly drift: readonly DriftRow[];
  readonly leaks: readonly Leak[];
  readonly broken: boolean;
};

type AuditOptions = {
  /** Answers slower than this are listed. @default 10000 */
  readonly slowMs?: number;
  /** Secrets the auditor knows, searched verbatim. @default [] */
  readonly secrets?: readonly string[];
};

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

/** `arn:…:stack/<name>/<id>` → `<name>`. */
function stackName(stackId: string): string {
  return /:stack\/([^/]+)\//.exec(stackId)?.[1] ?? (stackId || '(no stack)');
}

function whereOf(line: TrailLine, record: JsonRecord): Where {
  return {
    line: line.line,
    time: text(record.time) || line.prefix.split(/\s+/)[0] || '',
    stack: stackName(text(record.stackId)),
    logicalResourceId: text(record.logicalResourceId),
    resourceType: text(record.resourceType),
    requestId: text(record.requestId),
  };
}

type Thread = {
  received: Where[];
  signals: Where[];
  undelivered: JsonRecord[];
  deferred: number;
  requestType: string;
};

function threads(records: readonly { line: TrailLine; record: JsonRecord }[]): Map<string, Thread> {
  const byKey = new Map<string, Thread>();
  for (const { line, record } of records) {
    const type = record.type;
    if (type !== 'crkit.received' && type !== 'crkit.signal' && type !== 'crkit.deferred') continue;
    const key = [record.stackId, record.requestId, record.logicalResourceId].map(text).join('|');
    const thread = byKey.get(key) ?? {
      received: [],
      signals: [],
      undelivered: [],
      deferred: 0,
      requestType: text(record.requestType),
    };
    if (type === 'crkit.received') thread.received.push(whereOf(line, record));
    else if (type === 'crkit.deferred') thread.deferred += 1;
    else {
      thread.signals.push(whereOf(line, record));
      // An answer that failed to get through and was retried later (a continuation step) is settled
      // by the later one.
      if (record.delivered === false) thread.undelivered.push(record);
      else thread.undelivered = [];
    }
    byKey.set(key, thread);
  }
  return byKey;
}

function answerRows(signals: readonly JsonRecord[]): AnswerRow[] {
  const rows = new Map<string, AnswerRow>();
  for (const record of signals) {
    const row = {
      stack: stackName(text(record.stackId)),
      logicalResourceId: text(record.logicalResourceId),
      resourceType: text(record.resourceType),
      status: text(record.status),
    };
    const key = JSON.stringify(row);
    rows.set(key, { ...row, count: (rows.get(key)?.count ?? 0) + 1 });
  }
  return [...rows.values()].sort((a, b) =>
    `${a.stack} ${a.logicalResourceId} ${a.status}`.localeCompare(
      `${b.stack} ${b.logicalResourceId} ${b.status}`,
    ),
  );
}

/**
 * Audits a parsed trail.
 * @example
 * const report = audit(readTrail(input), { slowMs: 5000 });
 */
function audit(trail: Trail, options: AuditOptions = {}): AuditReport {
  const records = trail.lines.flatMap((line) =>
    line.record === undefined ? [] : [{ line, record: line.record }],
  );
  const signals = records.filter(({ record }) => record.type === 'crkit.signal');
  const at = ({ line, record }: { line: TrailLine; record: JsonRecord }) => whereOf(line, record);
  const attempts = (record: JsonRecord) => num(record.attempts) ?? 0;
  const byThread = [...threads(records).values()];
  const unsettled = new Set(byThread.flatMap((thread) => thread.undelivered));
  const report = {
    format: trail.format,
    lines: trail.lines.length,
    records: records.length,
    answers: answerRows(signals.map(({ record }) => record)),
    failed: signals
      .filter(({ record }) => record.status === 'FAILED')
      .map((item) => ({
        ...at(item),
        action: text(item.record.action),
        reason: text(item.record.reason),
      })),
    slow: signals
      .filter(({ record }) => (num(record.durationMs) ?? 0) > (options.slowMs ?? 10_000))
      .map((item) => ({
        ...at(item),
        action: text(item.record.action),
        durationMs: num(item.record.durationMs) ?? 0,
      })),
    retriedPuts: signals
      .filter(({ record }) => attempts(record) > 1)
      .map((item) => ({
        ...at(item),
        attempts: attempts(item.record),
        httpStatus: num(item.record.httpStatus),
        delivered: item.record.delivered === true,
      })),
    undelivered: signals
      .filter(({ record }) => unsettled.has(record))
      .map((item) => ({
        ...at(item),
        attempts: attempts(item.record),
        httpStatus: num(item.record.httpStatus),
      })),
    unanswered: byThread
      .filter((t) => t.received.length > t.signals.length && t.deferred === 0)
      .flatMap((t) =>
        t.received
          .slice(t.signals.length)
          .map((where) => ({ ...where, requestType: t.requestType })),
      ),
    unopened: byThread.filter((t) => t.received.length === 0).flatMap((t) => t.signals),
    pending: byThread
      .filter((t) => t.received.length > t.signals.length && t.deferred > 0)
      .flatMap((t) => t.received.slice(t.signals.length)),
    rejected: records
      .filter(({ record }) => record.type === 'crkit.rejected')
      .map(({ line, record }) => ({
        line: line.line,
        time: text(record.time),
        why: text(record.why),
      })),
    drift: latestDrift(records),
    leaks: findLeaks(trail.lines, options.secrets),
  };
  const broken =
    report.unanswered.length +
      report.unopened.length +
      report.undelivered.length +
      report.leaks.length >
    0;
  return { ...report, broken };
}

export { audit, stackName };
export type { AnswerRow, AuditOptions, AuditReport, Where };
