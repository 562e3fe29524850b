/**
 * The protocol's invariants, judged from what the kit observed: the answers CloudFormation
 * received and the raw outcomes the definition returned before the framework checked them.
 */
import type { ResourceDefinition } from '../../framework/index.js';
import { answeredId } from './drive.js';
import type { Driven } from './drive.js';
import type { Exchange } from './harness.js';

/** One invariant's verdict with its evidence. */
type InvariantResult = { readonly name: string; readonly status: 'pass' | 'fail' | 'not run'; readonly evidence: readonly string[] };

type Judged = { readonly definition: ResourceDefinition; readonly driven: Driven; readonly logs: readonly string[]; readonly exchanges: readonly Exchange[]; readonly properties: Record<string, unknown>; readonly update: Record<string, unknown> | undefined };

function result(name: string, problems: readonly string[], proof: string): InvariantResult {
  return { name, status: problems.length === 0 ? 'pass' : 'fail', evidence: problems.length === 0 ? [proof] : problems };
}

function rawIds(exchange: Exchange, fn: string): string[] {
  return exchange.calls.flatMap((call) => (call.fn === fn && call.outcome?.kind === 'succeeded' ? [call.outcome.physicalId] : []));
}

function oneAnswer({ exchanges }: Judged): InvariantResult {
  const problems = exchanges.filter((exchange) => exchange.answers.length !== 1).map((exchange) => `${exchange.label}: ${exchange.answers.length} answers`);
  return result('one answer per request', problems, `${exchanges.length} deliveries, one answer each`);
}

function idOnDelete({ driven }: Judged): InvariantResult {
  const problems: string[] = [];
  for (const exchange of [driven.delete, driven.deleteMissing, driven.cleanup].filter((item): item is Exchange => item !== undefined)) {
    const sent = String(exchange.request.PhysicalResourceId);
    for (const id of rawIds(exchange, 'delete')) if (id !== sent) problems.push(`${exchange.label}: sent ${sent}, delete returned ${id}`);
    const answered = answeredId(exchange);
    if (answered !== sent) problems.push(`${exchange.label}: sent ${sent}, answered ${String(answered)}`);
  }
  return result('physical id unchanged on Delete', problems, `delete returned and answered ${String(driven.delete.request.PhysicalResourceId)}`);
}

function replaceOnChanged(definition: ResourceDefinition, old: Record<string, unknown>, next: Record<string, unknown>): string[] {
  return definition.replaceOn.filter((key) => JSON.stringify(old[key] ?? null) !== JSON.stringify(next[key] ?? null));
}

function updates(judged: Judged): InvariantResult[] {
  const { driven, definition, update, properties } = judged;
  if (driven.update === undefined || update === undefined) {
    const skipped = ['no --update properties given'];
    return [
      { name: 'physical id unchanged on in-place update', status: 'not run', evidence: skipped },
      { name: 'replacement only when a replace-on property changed', status: 'not run', evidence: skipped },
    ];
  }
  const sent = String(driven.update.request.PhysicalResourceId);
  const changed = replaceOnChanged(definition, properties, update);
  const returned = [...rawIds(driven.update, 'update'), ...rawIds(driven.update, 'create'), ...(driven.rollback === undefined ? [] : rawIds(driven.rollback, 'update').concat(rawIds(driven.rollback, 'rollback')))];
  const answered = answeredId(driven.update);
  const inPlace = changed.length > 0
    ? { name: 'physical id unchanged on in-place update', status: 'not run' as const, evidence: [`the update changes replace-on ${changed.join(', ')}`] }
    : result('physical id unchanged on in-place update', [...returned.filter((id) => id !== sent).map((id) => `update returned ${id} for ${sent}`), ...(answered === sent ? [] : [`answered ${String(answered)} for ${sent}`])], `kept ${sent} on update and rollback`);
  const replaced = answered !== undefined && answered !== sent && driven.update.answers[0]?.Status === 'SUCCESS';
  const replacement = result('replacement only when a replace-on property changed', replaced === changed.length > 0 ? [] : [`replace-on changed: ${changed.join(', ') || 'none'}; answered ${String(answered)} for ${sent}`], changed.length > 0 ? `replaced ${sent} by ${String(answered)} (${changed.join(', ')} changed)` : 'no replace-on property changed and the id was kept');
  return [inPlace, replacement];
}

function markerHandled({ driven }: Judged): InvariantResult {
  const failed = driven.failedCreate.answers[0];
  const problems: string[] = [];
  if (failed?.Status !== 'FAILED') problems.push(`a create with an unknown property answered ${String(failed?.Status)}`);
  if (driven.markerDelete.answers[0]?.Status !== 'SUCCESS') problems.push(`the rollback Delete of ${String(answeredId(driven.failedCreate))} answered ${String(driven.markerDelete.answers[0]?.Status)}: ${String(driven.markerDelete.answers[0]?.Reason)}`);
  if (driven.markerDelete.calls.length > 0) problems.push(`the rollback Delete of the marker called ${driven.markerDelete.calls.map((call) => call.fn).join(', ')}`);
  return result('failed-Create marker handled', problems, `FAILED with ${String(answeredId(driven.failedCreate))}; its Delete succeeded without calling the definition`);
}

function missingDelete({ driven }: Judged): InvariantResult {
  const answer = driven.deleteMissing.answers[0];
  return result('Delete of a missing resource succeeds', answer?.Status === 'SUCCESS' ? [] : [`a second Delete of ${String(driven.deleteMissing.request.PhysicalResourceId)} answered ${String(answer?.Status)}: ${String(answer?.Reason)}`], 'a second Delete answered SUCCESS');
}

export { idOnDelete, markerHandled, missingDelete, oneAnswer, result, updates };
export type { InvariantResult, Judged };
