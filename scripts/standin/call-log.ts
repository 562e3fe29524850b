/**
 * The record of every AWS call the stand-in saw, for "called with…" and
 * "no unexpected calls" assertions.
 */
import type { FaultKind } from './faults.js';

/** One call as the stand-in handled it. */
type CallRecord = {
  /** 1-based order of arrival. */
  readonly seq: number;
  readonly service: string;
  readonly action: string;
  /** Query parameters (flat) or the JSON request body. */
  readonly params: Readonly<Record<string, unknown>>;
  /** HTTP status sent; 0 when no answer was sent (hang, reset). */
  readonly status: number;
  /** AWS error code, when the answer was an error. */
  readonly code?: string;
  /** The injected fault that hit this call, if any. */
  readonly fault?: FaultKind;
  /** True when the stand-in does not implement the action. */
  readonly unimplemented: boolean;
  readonly requestId: string;
  /** ISO-8601 arrival time. */
  readonly timestamp: string;
};

/** Filters for {@link CallLog.list}. */
type CallFilter = { readonly service?: string; readonly action?: string };

/** Append-only call log. */
class CallLog {
  #records: CallRecord[] = [];
  #seq = 0;

  /** Reserves the next sequence number (taken on arrival, so order is arrival order). */
  nextSeq(): number {
    this.#seq += 1;
    return this.#seq;
  }

  add(record: CallRecord): void {
    this.#records.push(record);
    this.#records.sort((a, b) => a.seq - b.seq);
  }

  list(filter: CallFilter = {}): CallRecord[] {
    return this.#records.filter(
      (r) =>
        (filter.service === undefined || r.service === filter.service) &&
        (filter.action === undefined || r.action === filter.action),
    );
  }

  clear(): void {
    this.#records = [];
  }
}

export { CallLog };
export type { CallRecord, CallFilter };
