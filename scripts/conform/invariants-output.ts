/**
 * The invariants about what leaves the handler: redelivery creates nothing new, every body
 * fits CloudFormation's 4096 bytes with the definition's Data in full, declared attributes are
 * answered, and no sensitive value appears in a log line, an answer or a Reason.
 */
import { answeredId } from './drive.js';
import type { Exchange } from './harness.js';
import { result } from './invariants.js';
import type { InvariantResult, Judged } from './invariants.js';

function redelivery({ driven }: Judged): InvariantResult {
  const problems: string[] = [];
  const id = answeredId(driven.create);
  const warmCreates = driven.warmRedelivery.calls.filter((call) => call.fn === 'create').length;
  if (warmCreates > 0) problems.push(`redelivery to the same container called create ${warmCreates} time(s)`);
  if (JSON.stringify(driven.warmRedelivery.answers) !== JSON.stringify(driven.create.answers)) problems.push('redelivery to the same container answered differently');
  const freshId = answeredId(driven.freshRedelivery);
  if (freshId !== id) problems.push(`redelivery to a new container answered ${String(freshId)}, the first delivery ${String(id)}: a second resource`);
  if (driven.freshCreations !== undefined && driven.freshCreations > 0) problems.push(`redelivery to a new container made ${driven.freshCreations} AWS call(s) that created something`);
  return result('duplicate delivery creates nothing new', problems, `both redeliveries answered ${String(id)}${driven.freshCreations === undefined ? '' : ', with no creating AWS call'}`);
}

function bodyBytes(outcomeData: Record<string, unknown>, exchange: Exchange, physicalId: string): number {
  const document = { Status: 'SUCCESS', PhysicalResourceId: physicalId, StackId: exchange.request.StackId, RequestId: exchange.request.RequestId, LogicalResourceId: exchange.request.LogicalResourceId, NoEcho: true, Data: Object.fromEntries(Object.entries(outcomeData).map(([key, value]) => [key, String(value)])) };
  return Buffer.byteLength(JSON.stringify(document));
}

function bodySize({ exchanges }: Judged): InvariantResult {
  const problems: string[] = [];
  for (const exchange of exchanges) {
    exchange.answerBytes.filter((bytes) => bytes > 4096).forEach((bytes) => problems.push(`${exchange.label}: a ${bytes}-byte answer was sent`));
    for (const call of exchange.calls) {
      if (call.outcome?.kind !== 'succeeded') continue;
      const bytes = bodyBytes(call.outcome.data, exchange, call.outcome.physicalId);
      if (bytes > 4096) problems.push(`${exchange.label}: ${call.fn} returned Data that makes a ${bytes}-byte body; crkit answered ${String(exchange.answers[0]?.Status)}: ${String(exchange.answers[0]?.Reason ?? '')}`);
    }
  }
  const largest = Math.max(0, ...exchanges.flatMap((exchange) => exchange.answerBytes));
  return result('body ≤ 4096 bytes', problems, `largest answer ${largest} bytes`);
}

function attributes({ definition, driven }: Judged): InvariantResult {
  const declared = definition.attributes ?? [];
  const problems: string[] = [];
  for (const exchange of [driven.create, driven.update, driven.rollback].filter((item): item is Exchange => item !== undefined)) {
    const answer = exchange.answers[0];
    if (answer?.Status !== 'SUCCESS') {
      problems.push(`${exchange.label} answered ${String(answer?.Status)}: ${String(answer?.Reason ?? '')}`);
      continue;
    }
    const data = (answer.Data ?? {}) as Record<string, unknown>;
    const missing = declared.filter((name) => !(name in data));
    if (missing.length > 0) problems.push(`${exchange.label} answered without ${missing.join(', ')}`);
  }
  return result('declared attributes present on create and update', problems, `${declared.join(', ') || 'no attributes declared'} answered on every create and update`);
}

function sensitiveValuesOf(keys: readonly string[], ...sources: (Record<string, unknown> | undefined)[]): string[] {
  const found: string[] = [];
  const visit = (value: unknown): void => {
    if (typeof value === 'string' || typeof value === 'number') found.push(String(value));
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(visit);
  };
  for (const source of sources) for (const key of keys) visit(source?.[key]);
  return found.filter((value) => value.length >= 4);
}

function secrets({ definition, logs, exchanges, properties, update }: Judged): InvariantResult {
  const values = sensitiveValuesOf(definition.sensitive ?? [], properties, update);
  const noEcho = exchanges.flatMap((exchange) => exchange.answers).filter((answer) => answer.NoEcho === true).flatMap((answer) => Object.values((answer.Data ?? {}) as Record<string, string>)).filter((value) => value.length >= 4);
  const problems: string[] = [];
  logs.forEach((line, index) => [...values, ...noEcho].filter((value) => line.includes(value)).forEach(() => problems.push(`log line ${index + 1} contains a sensitive or NoEcho value`)));
  for (const exchange of exchanges) {
    for (const answer of exchange.answers) if (values.some((value) => JSON.stringify(answer).includes(value))) problems.push(`${exchange.label}: the answer contains a sensitive property value`);
  }
  if (values.length === 0 && noEcho.length === 0) return { name: 'no sensitive value in any output', status: 'not run', evidence: ['no sensitive property and no NoEcho answer'] };
  return result('no sensitive value in any output', problems, `${values.length} sensitive and ${noEcho.length} NoEcho values absent from ${logs.length} log lines and every answer`);
}

export { attributes, bodySize, redelivery, secrets };
