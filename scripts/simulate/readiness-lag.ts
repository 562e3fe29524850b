/**
 * How long an answer lagged behind readiness: for each resource a request waited on, when the
 * stand-in made it ready, when the answer reached the ResponseURL endpoint, the lag between the
 * two, and the Describe calls and continuation hand-overs the wait took. Read from the
 * stand-in's readiness records and call log, so the simulator and the bench measure alike.
 */
import type { CallRecord, ReadinessRecord } from '../standin/index.js';

/** One resource a request waited on. Times are epoch ms. */
type ResourceWait = {
  readonly kind: ReadinessRecord['kind'];
  /** The id the Describe calls named (image id, group name). */
  readonly id: string;
  /** When the request was sent. */
  readonly sentAt: number;
  /** When the stand-in made the resource ready; undefined when it never did. */
  readonly readyAt: number | undefined;
  /** When the first accepted answer arrived; undefined without one. */
  readonly answeredAt: number | undefined;
  /** `answeredAt − readyAt`, when both are known. */
  readonly lagMs: number | undefined;
  /** Describe calls naming the resource while the request waited. */
  readonly describes: number;
  /** Continuation messages sent while the request waited (SQS SendMessage). */
  readonly handOvers: number;
};

/** What one request's wait is read from. */
type WaitWindow = {
  readonly readiness: readonly ReadinessRecord[];
  /** The stand-in's calls; those with `fromSeq < seq ≤ toSeq` belong to the request. */
  readonly calls: readonly CallRecord[];
  readonly fromSeq: number;
  readonly toSeq: number;
  readonly sentAt: number;
  readonly answeredAt: number | undefined;
};

const names = (call: CallRecord, id: string): boolean =>
  Object.values(call.params).some((value) => value === id);

/**
 * The resources a request waited on: not ready when it was sent, and described while it waited.
 * @example
 * const waits = waitsOf({ readiness: standin.readiness(), calls: standin.calls(),
 *   fromSeq, toSeq, sentAt, answeredAt: answer?.at });
 */
function waitsOf(window: WaitWindow): ResourceWait[] {
  const calls = window.calls.filter(
    (call) => call.seq > window.fromSeq && call.seq <= window.toSeq,
  );
  const handOvers = calls.filter(
    (call) => call.service === 'sqs' && call.action === 'SendMessage' && call.status === 200,
  ).length;
  return window.readiness
    .filter((record) => record.readyAt === undefined || record.readyAt > window.sentAt)
    .map((record) => ({
      record,
      describes: calls.filter(
        (call) => call.action === record.describeAction && names(call, record.id),
      ).length,
    }))
    .filter(({ describes }) => describes > 0)
    .map(({ record, describes }) => ({
      kind: record.kind,
      id: record.id,
      sentAt: window.sentAt,
      readyAt: record.readyAt,
      answeredAt: window.answeredAt,
      lagMs:
        record.readyAt === undefined || window.answeredAt === undefined
          ? undefined
          : window.answeredAt - record.readyAt,
      describes,
      handOvers,
    }));
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/**
 * One line per wait, for the timeline.
 * @example
 * waitLine(wait)
 * // 'image ami-0abc: ready +5.0 s, answered +5.8 s, lag 812 ms; 2 Describe calls, 1 hand-over'
 */
function waitLine(wait: ResourceWait): string {
  const ready =
    wait.readyAt === undefined ? 'never ready' : `ready +${seconds(wait.readyAt - wait.sentAt)}`;
  const answered =
    wait.answeredAt === undefined
      ? 'no answer'
      : `answered +${seconds(wait.answeredAt - wait.sentAt)}`;
  const lag = wait.lagMs === undefined ? '' : `, lag ${wait.lagMs} ms`;
  return (
    `${wait.kind} ${wait.id}: ${ready}, ${answered}${lag}; ${wait.describes} Describe ` +
    `call${wait.describes === 1 ? '' : 's'}, ${wait.handOvers} ` +
    `hand-over${wait.handOvers === 1 ? '' : 's'}`
  );
}

/**
 * The summary of all waits of a run, or undefined when no request waited.
 * @example
 * lagSummary(waits)
 * // 'readiness lag: 2 waits; answer − ready 640–812 ms; 2–3 Describe calls; 0–1 hand-overs'
 */
function lagSummary(waits: readonly ResourceWait[]): string | undefined {
  if (waits.length === 0) return undefined;
  const range = (values: readonly number[], unit = ''): string => {
    if (values.length === 0) return 'none';
    const low = Math.min(...values);
    const high = Math.max(...values);
    return low === high ? `${low}${unit}` : `${low}–${high}${unit}`;
  };
  const lags = waits.flatMap((wait) => (wait.lagMs === undefined ? [] : [wait.lagMs]));
  return (
    `readiness lag: ${waits.length} wait${waits.length === 1 ? '' : 's'}; answer − ready ` +
    `${range(lags, ' ms')}; ${range(waits.map((wait) => wait.describes))} Describe calls; ` +
    `${range(waits.map((wait) => wait.handOvers))} hand-overs`
  );
}

export { lagSummary, waitLine, waitsOf };
export type { ResourceWait, WaitWindow };
