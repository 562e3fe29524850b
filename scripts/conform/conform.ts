/**
 * `runConformance`: drives one resource definition through the protocol's scenarios and
 * judges every invariant, with evidence; `formatReport` prints the verdicts.
 */
import type { ResourceDefinition } from '../../framework/index.js';
import { drive } from './drive.js';
import { startHarness } from './harness.js';
import { idOnDelete, markerHandled, missingDelete, oneAnswer, updates } from './invariants.js';
import type { InvariantResult } from './invariants.js';
import { attributes, bodySize, redelivery, secrets } from './invariants-output.js';
import { readInvariants } from './invariants-read.js';
import { probeRead } from './read-probe.js';

/** How to drive a definition. */
type ConformanceOptions = {
  /** Properties of the Create, as a template would give them. */
  readonly properties: Record<string, unknown>;
  /** Properties of an Update; without them the update invariants are not run. @default none */
  readonly update?: Record<string, unknown>;
  /** Counts AWS calls that created something so far (for example from the stand-in's call log). @default unknown */
  readonly creations?: () => number;
  /** Time each invocation is given; waits beyond it go through continuations. @default 8000 */
  readonly remainingMs?: number;
};

/** The verdicts for one definition. */
type ConformanceReport = { readonly type: string; readonly ok: boolean; readonly invariants: readonly InvariantResult[] };

/**
 * Drives the definition and judges every invariant. `ok` is false when any invariant fails.
 * @example
 * const report = await runConformance(definition, { properties: { Strategy: 'cluster' } });
 * expect(report.invariants.filter((item) => item.status === 'fail')).toEqual([]);
 */
async function runConformance(definition: ResourceDefinition, options: ConformanceOptions): Promise<ConformanceReport> {
  const harness = await startHarness(definition, { remainingMs: options.remainingMs ?? 8000 });
  try {
    const context = { definition, stackId: harness.stackId, logs: harness.logs };
    const probe = definition.read === undefined ? undefined : (label: string, id: string, properties: Record<string, unknown>, withAlteration: boolean) => probeRead(context, label, id, properties, withAlteration);
    const driven = await drive(harness, { properties: options.properties, update: options.update, creations: options.creations, probe });
    const judged = { definition, driven, logs: harness.logs, exchanges: harness.exchanges, properties: options.properties, update: options.update };
    const invariants = [oneAnswer(judged), idOnDelete(judged), ...updates(judged), markerHandled(judged), missingDelete(judged), redelivery(judged), bodySize(judged), attributes(judged), ...readInvariants(judged), secrets(judged)];
    return { type: definition.type, ok: invariants.every((item) => item.status !== 'fail'), invariants };
  } finally {
    await harness.close();
  }
}

/**
 * The report as lines: one per invariant (pass, FAIL or skip) with its evidence.
 * @example
 * formatReport(report).forEach((line) => console.info(line));
 */
function formatReport(report: ConformanceReport): string[] {
  const mark = { pass: 'pass', fail: 'FAIL', 'not run': 'skip' } as const;
  const lines = [`crkit conform ${report.type}`];
  for (const item of report.invariants) {
    lines.push(`  ${mark[item.status]}  ${item.name}`);
    item.evidence.forEach((line) => lines.push(`          ${line}`));
  }
  const failed = report.invariants.filter((item) => item.status === 'fail');
  lines.push(`summary: ${report.type} ${failed.length === 0 ? 'CONFORMS' : `FAILS ${failed.map((item) => item.name).join('; ')}`} (${report.invariants.filter((item) => item.status === 'pass').length} passed, ${failed.length} failed, ${report.invariants.filter((item) => item.status === 'not run').length} not run)`);
  return lines;
}

export { formatReport, runConformance };
export type { ConformanceOptions, ConformanceReport };
