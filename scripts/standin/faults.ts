/**
 * Fault injection: a FIFO of faults, each matching a service and action (or any) for its
 * next N calls. Specs are plain JSON so they can also arrive over the control API.
 */
import type { Service } from './wire.js';

/** What a fault does to one call. */
type FaultEffect =
  /** Answer with this HTTP status and AWS error code in the service's error shape. */
  | {
      readonly kind: 'error';
      readonly status: number;
      readonly code: string;
      readonly message?: string;
    }
  /** Do not answer: forever (until `stop()`), or for `ms` and then answer normally. */
  | { readonly kind: 'hang'; readonly ms?: number }
  /** Destroy the TCP connection without an answer. */
  | { readonly kind: 'reset' }
  /** Answer 200 with a body the SDK cannot parse. */
  | { readonly kind: 'malformed' }
  /** Carry the call out, then lose its answer: destroy the connection, or (`hang`) never answer. */
  | { readonly kind: 'lost'; readonly then?: 'reset' | 'hang' };

/** A fault and which calls it hits. */
type FaultSpec = FaultEffect & {
  /** @default '*' (any service) */
  readonly service?: Service | '*';
  /** An action name such as `DescribeImages`. @default '*' (any action) */
  readonly action?: string;
  /** How many matching calls it hits. @default 1 */
  readonly times?: number;
};

/** The kind names, for the call log. */
type FaultKind = FaultEffect['kind'];

type Entry = { readonly id: string; readonly spec: FaultSpec; remaining: number };

/** Queued faults, consumed in the order they were injected. */
class FaultQueue {
  #entries: Entry[] = [];
  #counter = 0;

  /** Queues a fault; returns its id. */
  add(spec: FaultSpec): string {
    const times = spec.times ?? 1;
    if (!Number.isInteger(times) || times < 1)
      throw new TypeError(`Fault times must be a positive integer, got ${String(spec.times)}`);
    this.#counter += 1;
    const id = `fault-${this.#counter}`;
    this.#entries.push({ id, spec, remaining: times });
    return id;
  }

  /** Takes one use of the first fault matching a call, if any. */
  take(service: string, action: string): FaultEffect | undefined {
    const entry = this.#entries.find(({ spec }) => matches(spec, service, action));
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining === 0) this.#entries = this.#entries.filter((e) => e !== entry);
    return entry.spec;
  }

  /** Faults still queued, with their remaining uses. */
  pending(): { id: string; spec: FaultSpec; remaining: number }[] {
    return this.#entries.map((e) => ({ ...e }));
  }

  clear(): void {
    this.#entries = [];
  }
}

const matches = (spec: FaultSpec, service: string, action: string): boolean =>
  ((spec.service ?? '*') === '*' || spec.service === service) &&
  ((spec.action ?? '*') === '*' || spec.action === action);

export { FaultQueue };
export type { FaultSpec, FaultEffect, FaultKind };
