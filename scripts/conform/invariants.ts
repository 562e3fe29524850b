/**
 * The protocol's invariants, judged from what the kit observed: the answers CloudFormation
 * received and the raw outcomes the definition returned before the framework checked them.
 */
import type { ResourceDefinition } from '../../framework/index.js';
import { checkAnswer, replaceOnChanges } from '../../framework/testing/index.js';
import type { AnswerRule } from '../../framework/testing/index.js';
import { answeredId } from './drive.js';
import type { Driven } from './drive.js';
import type { Exchange } from './harness.js';

/** One invariant's verdict with its evidence. */
type InvariantResult = {
  readonly name: string;
  readonly status: 'pass' | 'fail' | 'not run';
  readonly evidence: readonly string[];
};

/** The log lines written while one request was delivered (from inclusive, to exclusive). */
type LogSpan = { readonly label: string; readonly from: number; readonly to: number };

type Judged = {
  readonly definition: ResourceDefinition;
  readonly driven: Driven;
  readonly logs: readonly string[];
  /** Which request each stretch of the log belongs to. */
  readonly spans: readonly LogSpan[];
  readonly exchanges: readonly Exchange[];
  /** Exchanges of the failure paths, which their own invariants judge. */
  readonly failureExchanges: readonly Exchange[];
  readonly update: Record<string, unknown> | undefined;
};

function result(name: string, problems: readonly string[], proof: string): InvariantResult {
  return {
    name,
    status: problems.length === 0 ? 'pass' : 'fail',
    evidence: problems.length === 0 ? [proof] : problems,
  };
}

function rawIds(exchange: Exchange, fn: string): string[] {
  return exchange.calls.flatMap((call) =>
    call.fn === fn && call.outcome?.kind === 'succeeded' ? [call.outcome.physicalId] : [],
  );
}

function oneAnswer({ exchanges }: Judged): InvariantResult {
  const problems = exchanges
    .filter((exchange) => exchange.answers.length !== 1)
    .map((exchange) => `${exchange.label}: ${exchange.answers.length} answers`);
  return result(
    'one answer per request',
    problems,
    `${exchanges.length} deliveries, one answer each`,
  );
}

function idOnDelete({ driven }: Judged): InvariantResult {
  const problems: string[] = [];
  for (const exchange of [driven.delete, driven.deleteMissing, driven.cleanup].filter(
    (item): item is Exchange => item !== undefined,
  )) {
    const sent = String(exchange.request.PhysicalResourceId);
    for (const id of rawIds(exchange, 'delete'))
      if (id !== sent) problems.push(`${exchange.label}: sent ${sent}, delete returned ${id}`);
    const answered = answeredId(exchange);
    if (answered !== sent)
      problems.push(`${exchange.label}: sent ${sent}, answered ${String(answered)}`);
  }
  return result(
    'physical id unchanged on Delete',
    problems,
    `delete returned and answered ${String(driven.delete.request.PhysicalResourceId)}`,
  );
}

/** The rules other invariants judge with their own evidence. */
const judgedElsewhere: ReadonlySet<AnswerRule> = new Set([
  'size',
  'id-on-delete',
  'replacement',
  'no-echo',
  'secret-in-reason',
]);

function protocol({ definition, exchanges, failureExchanges }: Judged): InvariantResult {
  const judged = exchanges.filter((exchange) => !failureExchanges.includes(exchange));
  const problems = judged.flatMap((exchange) =>
    exchange.answers.flatMap((answer) =>
      checkAnswer({ request: exchange.request, answer, definition })
        .filter((violation) => !judgedElsewhere.has(violation.rule))
        .map((violation) => `${exchange.label}: ${violation.message}`),
    ),
  );
  const count = judged.reduce((sum, exchange) => sum + exchange.answers.length, 0);
  return result(
    'every answer keeps the protocol rules',
    problems,
    `${count} answers: status, echoed ids, a 1–1024-byte physical id, a Reason on FAILED`,
  );
}

function updates(judged: Judged): InvariantResult[] {
  const { driven, definition, update } = judged;
  const drivenUpdate = driven.update;
  if (drivenUpdate === undefined || update === undefined) {
    const skipped = ['no --update properties given'];
    return [
      { name: 'physical id unchanged on in-place update', status: 'not run', evidence: skipped },
      {
        name: 'replacement only when a replace-on property changed',
        status: 'not run',
        evidence: skipped,
      },
    ];
  }
  const sent = String(drivenUpdate.request.PhysicalResourceId);
  const changed = replaceOnChanges(definition, drivenUpdate.request);
  const returned = [
    ...rawIds(drivenUpdate, 'update'),
    ...rawIds(drivenUpdate, 'create'),
    ...(driven.rollback === undefined
      ? []
      : rawIds(driven.rollback, 'update').concat(rawIds(driven.rollback, 'rollback'))),
  ];
  const answered = answeredId(drivenUpdate);
  const inPlace =
    changed.length > 0
      ? {
          name: 'physical id unchanged on in-place update',
          status: 'not run' as const,
          evidence: [`the update changes replace-on ${changed.join(', ')}`],
        }
      : result(
          'physical id unchanged on in-place update',
          [
            ...returned
              .filter((id) => id !== sent)
              .map((id) => `update returned ${id} for ${sent}`),
            ...(answered === sent ? [] : [`answered ${String(answered)} for ${sent}`]),
          ],
          `kept ${sent} on update and rollback`,
        );
  const status = drivenUpdate.answers[0]?.Status;
  const violations = drivenUpdate.answers.flatMap((answer) =>
    checkAnswer({ request: drivenUpdate.request, answer, definition }).filter(
      (violation) => violation.rule === 'replacement',
    ),
  );
  const failedReplacement =
    changed.length > 0
      ? [
          `replace-on ${changed.join(', ')} changed; the update answered ` +
            `${String(status)}: ${String(drivenUpdate.answers[0]?.Reason ?? '')}`,
        ]
      : [];
  const problems =
    status === 'SUCCESS' ? violations.map((violation) => violation.message) : failedReplacement;
  const replacement = result(
    'replacement only when a replace-on property changed',
    problems,
    changed.length > 0
      ? `replaced ${sent} by ${String(answered)} (${changed.join(', ')} changed)`
      : 'no replace-on property changed and the id was kept',
  );
  return [inPlace, replacement];
}

function markerHandled({ driven }: Judged): InvariantResult {
  const failed = driven.failedCreate.answers[0];
  const problems: string[] = [];
  if (failed?.Status !== 'FAILED')
    problems.push(`a create with an unknown property answered ${String(failed?.Status)}`);
  if (driven.markerDelete.answers[0]?.Status !== 'SUCCESS')
    problems.push(
      `the rollback Delete of ${String(answeredId(driven.failedCreate))} answered ` +
        `${String(driven.markerDelete.answers[0]?.Status)}: ` +
        `${String(driven.markerDelete.answers[0]?.Reason)}`,
    );
  if (driven.markerDelete.calls.length > 0)
    problems.push(
      `the rollback Delete of the marker called ` +
        `${driven.markerDelete.calls.map((call) => call.fn).join(', ')}`,
    );
  return result(
    'failed-Create marker handled',
    problems,
    `FAILED with ${String(answeredId(driven.failedCreate))}; its Delete succeeded ` +
      `without calling the definition`,
  );
}

function missingDelete({ driven }: Judged): InvariantResult {
  const answer = driven.deleteMissing.answers[0];
  return result(
    'Delete of a missing resource succeeds',
    answer?.Status === 'SUCCESS'
      ? []
      : [
          `a second Delete of ${String(driven.deleteMissing.request.PhysicalResourceId)} ` +
            `answered ${String(answer?.Status)}: ${String(answer?.Reason)}`,
        ],
    'a second Delete answered SUCCESS',
  );
}

export { idOnDelete, markerHandled, missingDelete, oneAnswer, protocol, result, updates };
export type { InvariantResult, Judged, LogSpan };
