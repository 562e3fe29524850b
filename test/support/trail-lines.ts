/**
 * Checks on one line the handler writes, beyond being JSON: every key appears once in each
 * object of the line (JSON.parse would silently keep the last), and a `crkit.signal` or
 * `crkit.metrics` record names its `action` (docs/audit-queries.md).
 */

/** Records that must always carry `action`. */
const ActionRecords = new Set(['crkit.signal', 'crkit.metrics']);

/**
 * The keys that appear more than once in one object of a JSON text (the text must be valid JSON).
 */
function repeatedKeys(json: string): string[] {
  const repeated: string[] = [];
  // One entry per open object (its keys so far) or array (undefined).
  const open: (Set<string> | undefined)[] = [];
  let keyNext = false;
  for (let index = 0; index < json.length; index += 1) {
    const char = json[index];
    if (char === '"') {
      let end = index + 1;
      while (json[end] !== '"') end += json[end] === '\\' ? 2 : 1;
      const keys = open.at(-1);
      if (keyNext && keys !== undefined) {
        const key = JSON.parse(json.slice(index, end + 1)) as string;
        if (keys.has(key)) repeated.push(key);
        keys.add(key);
        keyNext = false;
      }
      index = end;
    } else if (char === '{') {
      open.push(new Set());
      keyNext = true;
    } else if (char === '[') {
      open.push(undefined);
    } else if (char === '}' || char === ']') {
      open.pop();
    } else if (char === ',') {
      keyNext = open.at(-1) !== undefined;
    }
  }
  return repeated;
}

/**
 * What is wrong with one written line: not a JSON object, a repeated key, a record without its
 * `action`.
 */
function lineProblems(line: string): string[] {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    return [`not JSON: ${line.slice(0, 120)}`];
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record))
    return [`not a JSON object: ${line.slice(0, 120)}`];
  const problems = repeatedKeys(line).map(
    (key) => `key ${JSON.stringify(key)} repeated in one line: ${line.slice(0, 120)}`,
  );
  const { type, action } = record as { type?: unknown; action?: unknown };
  if (
    typeof type === 'string' &&
    ActionRecords.has(type) &&
    (typeof action !== 'string' || action === '')
  )
    problems.push(`a ${type} record without action`);
  return problems;
}

export { lineProblems, repeatedKeys };
