/**
 * The audit report as text: one titled table per finding, widest cells cut, and a verdict line.
 */
import { stackName } from './analyse.js';
import type { AuditReport } from './analyse.js';

type Cell = string | number | boolean | undefined;

const maxCell = 80;

function cell(value: Cell): string {
  const shown = value === undefined ? '-' : String(value).replace(/\s+/g, ' ');
  return shown.length > maxCell ? `${shown.slice(0, maxCell - 1)}…` : shown;
}

/** A titled, column-aligned table; `(none)` when there are no rows. */
function table(
  title: string,
  headers: readonly string[],
  rows: readonly (readonly Cell[])[],
): string {
  const heading = `${title} (${rows.length})`;
  if (rows.length === 0) return `${heading}\n  (none)\n`;
  const cells = [headers.map(cell), ...rows.map((row) => row.map(cell))];
  const widths = headers.map((_header, column) =>
    Math.max(...cells.map((row) => row[column]?.length ?? 0)),
  );
  const format = (row: readonly string[]) =>
    `  ${row.map((value, column) => value.padEnd(widths[column] ?? 0)).join('  ')}`.trimEnd();
  const rule = `  ${widths.map((width) => '-'.repeat(width)).join('  ')}`;
  return `${[heading, format(cells[0] ?? []), rule, ...cells.slice(1).map(format)].join('\n')}\n`;
}

/**
 * Renders a report for a terminal.
 * @example
 * process.stdout.write(renderReport(report));
 */
function renderReport(report: AuditReport): string {
  const where = ['line', 'time', 'stack', 'logical id', 'request id'];
  const at = (item: {
    line: number;
    time: string;
    stack: string;
    logicalResourceId: string;
    requestId: string;
  }) => [item.line, item.time, item.stack, item.logicalResourceId, item.requestId];
  const sections = [
    `crkit audit: ${report.lines} lines (${report.format}), ${report.records} JSON records\n`,
    table(
      'Answers per stack, resource and status',
      ['stack', 'logical id', 'type', 'status', 'answers'],
      report.answers.map((row) => [
        row.stack,
        row.logicalResourceId,
        row.resourceType,
        row.status,
        row.count,
      ]),
    ),
    table(
      'FAILED answers',
      [...where, 'action', 'reason'],
      report.failed.map((item) => [...at(item), item.action, item.reason]),
    ),
    table(
      'Slow answers',
      [...where, 'action', 'ms'],
      report.slow.map((item) => [...at(item), item.action, item.durationMs]),
    ),
    table(
      'Retried PUTs',
      [...where, 'attempts', 'last HTTP', 'delivered'],
      report.retriedPuts.map((item) => [
        ...at(item),
        item.attempts,
        item.httpStatus,
        item.delivered,
      ]),
    ),
    table(
      'BROKEN: answers that never reached CloudFormation',
      [...where, 'attempts', 'last HTTP'],
      report.undelivered.map((item) => [...at(item), item.attempts, item.httpStatus]),
    ),
    table(
      'BROKEN: received but never answered',
      [...where, 'request'],
      report.unanswered.map((item) => [...at(item), item.requestType]),
    ),
    table('BROKEN: answers without a received record', where, report.unopened.map(at)),
    table('Handed to a continuation, no answer in this trail', where, report.pending.map(at)),
    table(
      'Rejected inputs (no usable ResponseURL)',
      ['line', 'time', 'why'],
      report.rejected.map((item) => [item.line, item.time, item.why]),
    ),
    table(
      'Drift: latest verdict per resource',
      ['line', 'checked at', 'stack', 'logical id', 'type', 'status', 'what'],
      report.drift.map((row) => [
        row.line,
        row.checkedAt,
        stackName(row.stackId),
        row.logicalResourceId,
        row.resourceType,
        row.status,
        row.detail,
      ]),
    ),
    table(
      'BROKEN: possible leaks',
      ['line', 'kind', 'what'],
      report.leaks.map((leak) => [leak.line, leak.kind, leak.detail]),
    ),
    report.broken ? 'VERDICT: the trail is BROKEN\n' : 'VERDICT: the trail is complete\n',
  ];
  return sections.join('\n');
}

export { renderReport, table };
