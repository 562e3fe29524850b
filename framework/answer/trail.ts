/**
 * The auditor's trail after an answer: the `crkit.signal` record, its `crkit.metrics` line (EMF),
 * and the copy handed to `onSignal` (the audit topic). The PUT is over when this runs; a slow or
 * failing forward is cut off at the answer's deadline and logged, never thrown.
 */
import type { Logger } from '../logging.js';
import { metricsFields } from './metrics.js';
import type { SignalRecord } from './signal-record.js';

/** What an `onSignal` hook is given besides the record. */
type ForwardContext = {
  /** Aborted when the forward's time is up; pass it to the AWS call. */
  readonly signal: AbortSignal;
};

/** Receives a redacted copy of each signal record, after the answer was sent. */
type SignalForwarder = (record: SignalRecord, context: ForwardContext) => Promise<void>;

type TrailOptions = {
  /** Where each record is forwarded. @default none */
  readonly onSignal: SignalForwarder | undefined;
  /** CloudWatch namespace of the EMF line. @default none: no metrics line */
  readonly metricsNamespace: string | undefined;
  /** Epoch ms by which the invocation's answering time ends. */
  readonly endsAt: number;
  /** Longest a forward may take, even with time left. @default 5000 */
  readonly forwardLimitMs?: number | undefined;
};

async function forward(
  log: Logger,
  onSignal: SignalForwarder,
  record: SignalRecord,
  budgetMs: number,
): Promise<void> {
  if (budgetMs <= 0)
    return log.warn('the signal record was not forwarded: no time left before the deadline');
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeUp = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), budgetMs);
  });
  try {
    // The copy is redacted like a log line: it leaves the process too.
    const copy = log.redactor.value(record) as SignalRecord;
    const result = await Promise.race([onSignal(copy, { signal: controller.signal }), timeUp]);
    if (result === 'late') {
      controller.abort(new Error(`forwarding the signal record took more than ${budgetMs} ms`));
      log.warn('the signal record was not forwarded in time', { budgetMs });
    }
  } catch (error) {
    log.warn('the signal record could not be forwarded', { error });
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Writes one answer's trail: the signal record, its metrics, then the forward.
 * @example
 * await writeTrail(log, record, {
 *   onSignal: options.onSignal, metricsNamespace: 'crkit', endsAt: deadline.answerEndsAt,
 * });
 */
async function writeTrail(log: Logger, record: SignalRecord, options: TrailOptions): Promise<void> {
  // One write for both lines: the metrics line always follows its signal record.
  if (options.metricsNamespace === undefined) log.record('crkit.signal', record);
  else
    log.records([
      ['crkit.signal', record],
      ['crkit.metrics', metricsFields(record, options.metricsNamespace)],
    ]);
  if (options.onSignal === undefined) return;
  const budgetMs = Math.min(options.forwardLimitMs ?? 5000, options.endsAt - Date.now());
  await forward(log, options.onSignal, record, budgetMs);
}

export { writeTrail };
export type { ForwardContext, SignalForwarder, TrailOptions };
