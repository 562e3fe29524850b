/**
 * Judging one pattern with recheck, a ReDoS checker: it proves a pattern linear (or constant)
 * with automata where it can, and otherwise fuzzes it for inputs that take super-linear time.
 * recheck runs its native binary when the platform has one (an optional package) and else the
 * same checker compiled to JavaScript in a worker thread; `RECHECK_BACKEND=worker` forces that.
 * Its fuzzing is seeded and limited by steps, not by time, so a verdict is the same from run to
 * run, on either backend, however busy the machine; the overall time limit is only a backstop.
 */
import { check } from 'recheck';

/** What recheck said about one pattern. */
type Verdict = {
  readonly status: 'safe' | 'vulnerable' | 'unknown';
  /** `linear`, `polynomial (degree 2)`, `exponential`, or why there is no verdict. */
  readonly complexity: string;
  /** For a vulnerable pattern, an input that stalls it (recheck's own notation). */
  readonly attack?: string;
};

/** Longest one pattern may be checked, in ms. */
const CheckTimeoutMs = 120_000;

/**
 * recheck's verdict on a pattern.
 * @example
 * (await judge('^(a+)+$', '')).status // 'vulnerable'
 */
async function judge(source: string, flags: string): Promise<Verdict> {
  // No time limit on a fuzzing phase: each stops at its step limit (recheck's defaults) instead.
  const diagnostics = await check(source, flags, {
    timeout: CheckTimeoutMs,
    attackTimeout: null,
    incubationTimeout: null,
    seedingTimeout: null,
  });
  switch (diagnostics.status) {
    case 'safe':
      return { status: 'safe', complexity: diagnostics.complexity.type };
    case 'vulnerable': {
      const { complexity } = diagnostics;
      const kind =
        complexity.type === 'polynomial'
          ? `polynomial (degree ${complexity.degree})`
          : complexity.type;
      return { status: 'vulnerable', complexity: kind, attack: diagnostics.attack.pattern };
    }
    case 'unknown': {
      const { error } = diagnostics;
      return {
        status: 'unknown',
        complexity: 'message' in error ? `${error.kind}: ${error.message}` : error.kind,
      };
    }
  }
}

export { CheckTimeoutMs, judge };
export type { Verdict };
