/**
 * Reading a trail: JSON lines as the handler writes them, the JSON that
 * `aws logs filter-log-events` (or `get-log-events`) prints, or exported lines with a timestamp
 * (and Lambda's request id and level) before the JSON. Lines that hold no JSON object
 * (START, END, REPORT) are kept as text, so leaks in them are still found.
 */

/** The input formats recognised. */
const TrailFormats = ['json-lines', 'log-events', 'exported-lines'] as const;
type TrailFormat = (typeof TrailFormats)[number];

type JsonRecord = Record<string, unknown>;

/** One line of the trail: its text, the JSON object in it (if any), and where it came from. */
type TrailLine = {
  readonly line: number;
  readonly text: string;
  readonly record: JsonRecord | undefined;
  readonly prefix: string;
};

type Trail = { readonly format: TrailFormat; readonly lines: readonly TrailLine[] };

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The JSON object that ends a line, after any prefix (`2026-… <id> INFO {…}`). */
function parseLine(text: string, line: number): TrailLine {
  const start = text.indexOf('{');
  if (start < 0) return { line, text, record: undefined, prefix: text.trim() };
  try {
    const parsed: unknown = JSON.parse(text.slice(start));
    return {
      line,
      text,
      record: isRecord(parsed) ? parsed : undefined,
      prefix: text.slice(0, start).trim(),
    };
  } catch {
    return { line, text, record: undefined, prefix: text.trim() };
  }
}

/**
 * `{"events":[{"timestamp":…,"message":"…"}]}` from the AWS CLI; undefined when the input is not
 * that.
 */
function logEvents(input: string): TrailLine[] | undefined {
  const trimmed = input.trim();
  if (!trimmed.startsWith('{')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return undefined;
  }
  if (!isRecord(parsed) || !Array.isArray(parsed.events)) return undefined;
  const lines: TrailLine[] = [];
  parsed.events.forEach((event: unknown, index) => {
    const message = isRecord(event) && typeof event.message === 'string' ? event.message : '';
    for (const part of message.split('\n'))
      if (part.trim() !== '') lines.push(parseLine(part, index + 1));
  });
  return lines;
}

/**
 * Parses a trail in any of the recognised formats.
 * @example
 * const trail = readTrail(readFileSync('trail.jsonl', 'utf8'));
 */
function readTrail(input: string): Trail {
  const events = logEvents(input);
  if (events !== undefined) return { format: 'log-events', lines: events };
  const lines = input
    .split(/\r?\n/)
    .map((text, index) => parseLine(text, index + 1))
    .filter((line) => line.text.trim() !== '');
  const prefixed = lines.some((line) => line.record !== undefined && line.prefix !== '');
  return { format: prefixed ? 'exported-lines' : 'json-lines', lines };
}

export { readTrail, TrailFormats };
export type { JsonRecord, Trail, TrailFormat, TrailLine };
