/**
 * How the loopback ResponseURL server answers PUTs: a list of steps taken in order, the last one
 * repeating.
 */

/** One answer: an HTTP status, `'reset'` (drop the connection unanswered), or a delayed status. */
type AnswerStep = number | 'reset' | { readonly status: number; readonly delayMs: number };

/** Steps in order; the last one repeats. An empty script answers 200. */
type AnswerScript = readonly AnswerStep[];

/** The step for the answer numbered `index` (0 for the first). */
function stepAt(script: AnswerScript, index: number): AnswerStep {
  return script[Math.min(index, script.length - 1)] ?? 200;
}

/** The status and delay of a step that answers. */
function statusOf(step: Exclude<AnswerStep, 'reset'>): {
  readonly status: number;
  readonly delayMs: number;
} {
  return typeof step === 'number' ? { status: step, delayMs: 0 } : step;
}

/** Ready-made scripts for common ResponseURL behaviours. */
const AnswerScripts = {
  ok: [200],
  /** 500 on the first PUT, 200 afterwards. */
  failOnce: [500, 200],
  /** 403, as an expired pre-signed URL answers. */
  forbidden: [403],
  /** Destroys the connection without answering, every time. */
  reset: ['reset'],
  /** Answers 200 after 1.2 s. */
  slow: [{ status: 200, delayMs: 1200 }],
  /** 503 every time. */
  unavailable: [503],
} as const satisfies Record<string, AnswerScript>;

export { AnswerScripts, statusOf, stepAt };
export type { AnswerScript, AnswerStep };
