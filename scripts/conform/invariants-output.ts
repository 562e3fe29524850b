/**
 * The invariants about what leaves the handler: redelivery creates nothing new, every body
 * fits CloudFormation's 4096 bytes with the definition's Data in full, and declared attributes
 * are answered.
 */
import { answeredId } from './drive.js';
import type { Exchange } from './harness.js';
import { result } from './invariants.js';
import type { InvariantResult, Judged } from './invariants.js';

function redelivery({ driven }: Judged): InvariantResult {
  const problems: string[] = [];
  const id = answeredId(driven.create);
  const warmCreates = driven.warmRedelivery.calls.filter((call) => call.fn === 'create').length;
  if (warmCreates > 0)
    problems.push(`redelivery to the same container called create ${warmCreates} time(s)`);
  if (JSON.stringify(driven.warmRedelivery.answers) !== JSON.stringify(driven.create.answers))
    problems.push('redelivery to the same container answered differently');
  const freshId = answeredId(driven.freshRedelivery);
  if (freshId !== id)
    problems.push(
      `redelivery to a new container answered ${String(freshId)}, the first delivery ` +
        `${String(id)}: a second resource`,
    );
  if (driven.freshCreations !== undefined && driven.freshCreations > 0)
    problems.push(
      `redelivery to a new container made ${driven.freshCreations} AWS call(s) that ` +
        `created something`,
    );
  return result(
    'duplicate delivery creates nothing new',
    problems,
    `both redeliveries answered ` +
      `${String(id)}${driven.freshCreations === undefined ? '' : ', with no creating AWS call'}`,
  );
}

function bodyBytes(
  outcomeData: Record<string, unknown>,
  exchange: Exchange,
  physicalId: string,
): number {
  const document = {
    Status: 'SUCCESS',
    PhysicalResourceId: physicalId,
    StackId: exchange.request.StackId,
    RequestId: exchange.request.RequestId,
    LogicalResourceId: exchange.request.LogicalResourceId,
    NoEcho: true,
    Data: Object.fromEntries(
      Object.entries(outcomeData).map(([key, value]) => [key, String(value)]),
    ),
  };
  return Buffer.byteLength(JSON.stringify(document));
}

function bodySize({ exchanges }: Judged): InvariantResult {
  const problems: string[] = [];
  for (const exchange of exchanges) {
    for (const bytes of exchange.answerBytes)
      if (bytes > 4096) problems.push(`${exchange.label}: a ${bytes}-byte answer was sent`);
    for (const call of exchange.calls) {
      if (call.outcome?.kind !== 'succeeded') continue;
      const bytes = bodyBytes(call.outcome.data, exchange, call.outcome.physicalId);
      if (bytes > 4096)
        problems.push(
          `${exchange.label}: ${call.fn} returned Data that makes a ${bytes}-byte body; ` +
            `crkit answered ${String(exchange.answers[0]?.Status)}: ` +
            `${String(exchange.answers[0]?.Reason ?? '')}`,
        );
    }
  }
  const largest = Math.max(0, ...exchanges.flatMap((exchange) => exchange.answerBytes));
  return result('body ≤ 4096 bytes', problems, `largest answer ${largest} bytes`);
}

function attributes({ definition, driven }: Judged): InvariantResult {
  const declared = definition.attributes ?? [];
  const problems: string[] = [];
  for (const exchange of [driven.create, driven.update, driven.rollback].filter(
    (item): item is Exchange => item !== undefined,
  )) {
    const answer = exchange.answers[0];
    if (answer?.Status !== 'SUCCESS') {
      problems.push(
        `${exchange.label} answered ${String(answer?.Status)}: ${String(answer?.Reason ?? '')}`,
      );
      continue;
    }
    const data = (answer.Data ?? {}) as Record<string, unknown>;
    const missing = declared.filter((name) => !(name in data));
    if (missing.length > 0)
      problems.push(`${exchange.label} answered without ${missing.join(', ')}`);
  }
  return result(
    'declared attributes present on create and update',
    problems,
    `${declared.join(', ') || 'no attributes declared'} answered on every create and update`,
  );
}

export { attributes, bodySize, redelivery };
