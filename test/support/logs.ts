/**
 * Captures the lines a logger writes, parsed, for assertions on crkit's records. Reading them
 * throws when a line breaks the trail's shape (a repeated key, a signal or metrics record
 * without `action`), so every test that reads its logs also checks that.
 */
import type { LogSink } from '../../framework/index.js';
import { lineProblems } from './trail-lines.js';

type LogCapture = {
  readonly sink: LogSink;
  readonly lines: string[];
  /** Parsed lines whose `type` is the given crkit record type. */
  records(type: string): Record<string, unknown>[];
  /** Every parsed line. */
  all(): Record<string, unknown>[];
};

function captureLogs(): LogCapture {
  const lines: string[] = [];
  const all = () =>
    lines.map((line) => {
      const problems = lineProblems(line);
      if (problems.length > 0)
        throw new Error(`a logged line breaks the trail's shape: ${problems.join('; ')}`);
      return JSON.parse(line) as Record<string, unknown>;
    });
  return {
    sink: (line) => {
      lines.push(line);
    },
    lines,
    records: (type) => all().filter((record) => record.type === type),
    all,
  };
}

export { captureLogs };
export type { LogCapture };
