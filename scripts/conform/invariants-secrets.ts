/**
 * "no sensitive value in any output", judged by the framework's own redaction rules: no log
 * line carries the value of a sensitive property or of a NoEcho attribute where the framework
 * would have masked it, and every answer whose Data carries a secret is NoEcho (the framework
 * forces it, as documented), with a Reason that carries none. The evidence names the log line,
 * the request it was written during, and whose value it carries, and shows the line redacted.
 */
import {
  checkAnswer,
  noEchoSecrets,
  requestSecrets,
  secretsIn,
} from '../../framework/testing/index.js';
import type { NamedSecret } from '../../framework/testing/index.js';
import { result } from './invariants.js';
import type { InvariantResult, Judged, LogSpan } from './invariants.js';

const ExcerptLength = 160;
const Mask = '***';

/**
 * Where a redacted log line was masked (field paths), and its message, to say where the value was.
 */
function located(redacted: string): {
  readonly message: string | undefined;
  readonly fields: string[];
} {
  let parsed: unknown;
  try {
    parsed = JSON.parse(redacted);
  } catch {
    return { message: undefined, fields: [] };
  }
  const fields: string[] = [];
  const visit = (value: unknown, path: string): void => {
    if (typeof value === 'string' && value.includes(Mask)) fields.push(path);
    else if (typeof value === 'object' && value !== null)
      for (const [key, item] of Object.entries(value))
        visit(item, path === '' ? key : `${path}.${key}`);
  };
  visit(parsed, '');
  const record = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<
    string,
    unknown
  >;
  const message = [record.msg, record.message].find(
    (item): item is string => typeof item === 'string',
  );
  return { message, fields };
}

/** A part of the redacted line around its first mask, so the evidence shows where the value was. */
function excerpt(redacted: string): string {
  if (redacted.length <= ExcerptLength) return redacted;
  const start = Math.max(0, redacted.indexOf(Mask) - ExcerptLength / 2);
  const before = start > 0 ? '…' : '';
  const after = start + ExcerptLength < redacted.length ? '…' : '';
  return `${before}${redacted.slice(start, start + ExcerptLength)}${after}`;
}

function unique(secrets: readonly NamedSecret[]): NamedSecret[] {
  return [
    ...new Map(secrets.map((secret) => [`${secret.property}\n${secret.value}`, secret])).values(),
  ];
}

const writtenDuring = (spans: readonly LogSpan[], index: number): string =>
  spans.find((span) => index >= span.from && index < span.to)?.label ?? 'a read of the resource';

/** "no sensitive value in any output". */
function secrets({ definition, logs, spans, exchanges }: Judged): InvariantResult {
  const name = 'no sensitive value in any output';
  const sensitive = unique(
    exchanges.flatMap((exchange) => requestSecrets(definition, exchange.request)),
  );
  const noEcho = unique(
    exchanges.flatMap((exchange) =>
      exchange.answers.flatMap((answer) => noEchoSecrets(definition, exchange.request, answer)),
    ),
  );
  if (sensitive.length === 0 && noEcho.length === 0)
    return { name, status: 'not run', evidence: ['no sensitive property and no NoEcho answer'] };
  const all = [...sensitive, ...noEcho];
  const problems: string[] = [];
  logs.forEach((line, index) => {
    const found = secretsIn(line, all);
    if (found.properties.length === 0) return;
    const where = located(found.redacted);
    const message = where.message === undefined ? '' : ` "${where.message}"`;
    const fields = where.fields.length === 0 ? '' : ` in ${where.fields.join(', ')}`;
    problems.push(
      `log line ${index + 1}${message}, written during ${writtenDuring(spans, index)}, ` +
        `carries the value of ${found.properties.join(' and ')}${fields}: ` +
        `${excerpt(found.redacted)}`,
    );
  });
  for (const exchange of exchanges) {
    for (const answer of exchange.answers) {
      const violations = checkAnswer({
        request: exchange.request,
        answer,
        definition,
        secrets: noEcho,
      }).filter(
        (violation) => violation.rule === 'no-echo' || violation.rule === 'secret-in-reason',
      );
      for (const violation of violations) problems.push(`${exchange.label}: ${violation.message}`);
    }
  }
  const count = (items: readonly NamedSecret[], what: string) =>
    `${new Set(items.map((item) => item.value)).size} ${what} ` +
    `value${new Set(items.map((item) => item.value)).size === 1 ? '' : 's'}`;
  return result(
    name,
    problems,
    `${count(sensitive, 'sensitive')} and ${count(noEcho, 'NoEcho')} absent from ` +
      `${logs.length} log lines; every answer carrying one is NoEcho`,
  );
}

export { secrets };
