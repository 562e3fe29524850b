/**
 * Captures the lines a logger writes, parsed, for assertions on crkit's records.
 */
import type { LogSink } from '../../framework/index.js';

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
  const all = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
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
