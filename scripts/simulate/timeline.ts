/**
 * The live timeline: one line per stack status change and per request (step, request type,
 * resource, action, status, physical id, ms, Reason), with `showWaits` a line per resource a
 * request waited on, then the checks and a summary line.
 */
import type { Check } from './checks.js';
import { waitLine } from './readiness-lag.js';
import type { SimEvent, Step } from './session.js';

type Writer = (line: string) => void;

function clip(text: string, width: number): string {
  if (text.length <= width) return text.padEnd(width);
  const keep = width - 1;
  return `${text.slice(0, Math.ceil(keep / 2))}…${text.slice(text.length - Math.floor(keep / 2))}`;
}

function oneLine(text: string | undefined, width: number): string {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim();
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat;
}

/** Column widths for a run whose longest logical id is `nameWidth`. */
function header(nameWidth: number): string {
  return (
    `  ` +
    `${'step'.padEnd(5)}${'request'.padEnd(8)}${'resource'.padEnd(nameWidth + 2)}` +
    `${'action'.padEnd(10)}${'status'.padEnd(10)}${'physical id'.padEnd(42)}${'ms'.padStart(6)} ` +
    ` reason`
  );
}

function stepLine(step: Step, nameWidth: number): string {
  const extra =
    step.deliveries > 1
      ? ` [${step.deliveries} deliveries, ${step.answers} ` +
        `answers${step.consistentAnswers ? ', consistent' : ', DIFFERENT'}]`
      : '';
  const reason = oneLine([step.reason, step.note].filter(Boolean).join(' · '), 140) + extra;
  return (
    `  ` +
    `${String(step.index).padEnd(5)}${step.requestType.padEnd(8)}` +
    `${clip(step.logicalId, nameWidth).padEnd(nameWidth + 2)}` +
    `${(step.action ?? '-').padEnd(10)}${step.result.padEnd(10)}` +
    `${clip(step.physicalId ?? '-', 40).padEnd(42)}${String(step.ms).padStart(6)} ` +
    ` ${reason}`
  );
}

/**
 * A timeline printer for one run.
 * @example
 * const timeline = createTimeline((line) => process.stdout.write(`${line}\n`), 14);
 * session.emit = timeline.event;
 */
function createTimeline(
  write: Writer,
  nameWidth: number,
  options: { readonly showWaits?: boolean } = {},
) {
  let headed = false;
  return {
    event(event: SimEvent): void {
      if (event.kind === 'status') {
        write(
          `── stack ` +
            `${event.status}${event.note === undefined ? '' : `: ${oneLine(event.note, 160)}`}`,
        );
        return;
      }
      if (event.kind === 'note') {
        write(`   note: ${event.text}`);
        return;
      }
      if (event.kind === 'lines') {
        for (const line of event.lines) write(`   ${line}`);
        return;
      }
      if (!headed) write(header(nameWidth));
      headed = true;
      write(stepLine(event.step, nameWidth));
      if (options.showWaits === true)
        for (const wait of event.step.waits) write(`   wait: ${waitLine(wait)}`);
    },
    checks(checks: readonly Check[]): void {
      for (const check of checks) write(`  ${check.ok ? 'ok  ' : 'FAIL'} ${check.text}`);
    },
  };
}

/**
 * The final summary line.
 * @example
 * summaryLine({ scenario: 'lifecycle', steps, checks, status: 'DELETE_COMPLETE', ms: 4100,
 *   signals: '.crkit/…/signals.jsonl', offline: true });
 */
function summaryLine(run: {
  readonly scenario: string;
  readonly steps: readonly Step[];
  readonly checks: readonly Check[];
  readonly status: string;
  readonly ms: number;
  readonly signals: string;
  readonly offline: boolean;
}): string {
  const count = (result: Step['result']) =>
    run.steps.filter((step) => step.result === result).length;
  const failedChecks = run.checks.filter((check) => !check.ok).length;
  const verdict =
    failedChecks === 0 ? 'PASSED' : `FAILED (${failedChecks} of ${run.checks.length} checks)`;
  return (
    `summary: ${run.scenario} ${verdict}: ${run.steps.length} requests, ` +
    `${count('SUCCESS')} SUCCESS, ${count('FAILED')} FAILED, ${count('NO ANSWER')} ` +
    `unanswered, ${count('INVALID')} invalid; stack ${run.status}; ` +
    `${(run.ms / 1000).toFixed(1)} ` +
    `s${run.offline ? ' against the local AWS stand-in' : ''}; signal records in ` +
    `${run.signals}`
  );
}

export { createTimeline, summaryLine };
