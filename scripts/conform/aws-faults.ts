/**
 * How the kit makes a type's AWS calls fail without real AWS: a fault it can switch on and off,
 * and a count of the calls made. The command line uses the local stand-in's fault injection; a
 * test can pass an injected port of its own.
 */
import type { Standin } from '../standin/index.js';

/** A way to make every AWS call a type makes fail, and to see whether it made any. */
type AwsFaults = {
  /** The AWS error code the refused calls fail with; a clear Reason names it. */
  readonly code: string;
  /** From now on, every AWS call fails with `code`. */
  refuse(): void;
  /** AWS answers normally again. */
  restore(): void;
  /** How many AWS calls were made so far. */
  calls(): number;
};

/** The error the stand-in answers every call with while refusing. */
const refusal = {
  status: 403,
  code: 'UnauthorizedOperation',
  message: 'You are not authorized to perform this operation.',
} as const;

/**
 * The stand-in's fault injection as AwsFaults: every call answered 403 UnauthorizedOperation.
 * @example
 * await runConformance(definition, { properties, awsFaults: standinFaults(standin) });
 */
function standinFaults(standin: Pick<Standin, 'inject' | 'clearFaults' | 'calls'>): AwsFaults {
  return {
    code: refusal.code,
    refuse: () => void standin.inject({ kind: 'error', ...refusal, times: 1_000_000 }),
    restore: () => standin.clearFaults(),
    calls: () => standin.calls().length,
  };
}

export { standinFaults };
export type { AwsFaults };
