/**
 * `runConformance`: drives one resource definition through the protocol's scenarios and its
 * own failure paths, and judges every invariant, with evidence; `formatReport` prints the verdicts.
 */
import type { ResourceDefinition } from '../../framework/index.js';
import type { AwsFaults } from './aws-faults.js';
import { drive } from './drive.js';
import { awsError, driveFailures, sabotaged, throwingCreate } from './failure-paths.js';
import { startHarness } from './harness.js';
import type { Harness } from './harness.js';
import {
  idOnDelete,
  markerHandled,
  missingDelete,
  oneAnswer,
  protocol,
  updates,
} from './invariants.js';
import type { InvariantResult, LogSpan } from './invariants.js';
import { attributes, bodySize, redelivery } from './invariants-output.js';
import { readInvariants } from './invariants-read.js';
import { secrets } from './invariants-secrets.js';
import { probeRead } from './read-probe.js';

/** How to drive a definition. */
type ConformanceOptions = {
  /** Properties of the Create, as a template would give them. */
  readonly properties: Record<string, unknown>;
  /** Properties of an Update; without them the update invariants are not run. @default none */
  readonly update?: Record<string, unknown>;
  /**
   * Counts AWS calls that created something so far (for example from the stand-in's call log).
   * @default unknown
   */
  readonly creations?: () => number;
  /** Time each invocation is given; waits beyond it go through continuations. @default 8000 */
  readonly remainingMs?: number;
  /**
   * A way to make the type's AWS calls fail; without it the AWS error path is not run. @default
   * none
   */
  readonly awsFaults?: AwsFaults;
};

/** The verdicts for one definition. */
type ConformanceReport = {
  readonly type: string;
  readonly ok: boolean;
  readonly invariants: readonly InvariantResult[];
};

/**
 * Drives the definition and judges every invariant. `ok` is false when any invariant fails.
 * @example
 * const report = await runConformance(definition, { properties: { Strategy: 'cluster' } });
 * expect(report.invariants.filter((item) => item.status === 'fail')).toEqual([]);
 */
async function runConformance(
  definition: ResourceDefinition,
  options: ConformanceOptions,
): Promise<ConformanceReport> {
  const sabotage = sabotaged(definition, options.properties);
  const started = await startHarness(sabotage.definition, {
    remainingMs: options.remainingMs ?? 8000,
  });
  const spans: LogSpan[] = [];
  const harness = withLogSpans(started, spans);
  try {
    const context = { definition, stackId: harness.stackId, logs: harness.logs };
    const probe =
      definition.read === undefined
        ? undefined
        : (
            label: string,
            id: string,
            properties: Record<string, unknown>,
            withAlteration: boolean,
          ) => probeRead(context, label, id, properties, withAlteration);
    const driven = await drive(harness, {
      properties: options.properties,
      update: options.update,
      creations: options.creations,
      probe,
    });
    const failures = await driveFailures(harness, sabotage, options.properties, options.awsFaults);
    const failureExchanges = [
      failures.throwing,
      ...(failures.aws === undefined ? [] : [failures.aws]),
    ].flatMap((path) => [path.create, path.rollbackDelete]);
    const judged = {
      definition,
      driven,
      logs: harness.logs,
      spans,
      exchanges: harness.exchanges,
      failureExchanges,
      update: options.update,
    };
    const invariants = [
      oneAnswer(judged),
      protocol(judged),
      idOnDelete(judged),
      ...updates(judged),
      markerHandled(judged),
      missingDelete(judged),
      throwingCreate(definition, failures),
      awsError(definition, failures, options.awsFaults),
      redelivery(judged),
      bodySize(judged),
      attributes(judged),
      ...readInvariants(judged),
      secrets(judged),
    ];
    return {
      type: definition.type,
      ok: invariants.every((item) => item.status !== 'fail'),
      invariants,
    };
  } finally {
    await harness.close();
  }
}

/** The harness, noting which log lines each delivery wrote, for the evidence. */
function withLogSpans(harness: Harness, spans: LogSpan[]): Harness {
  return {
    ...harness,
    deliver: async (label, request, container) => {
      const from = harness.logs.length;
      const exchange = await harness.deliver(label, request, container);
      spans.push({ label, from, to: harness.logs.length });
      return exchange;
    },
  };
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
    for (const line of item.evidence) lines.push(`          ${line}`);
  }
  const failed = report.invariants.filter((item) => item.status === 'fail');
  const verdict =
    failed.length === 0 ? 'CONFORMS' : `FAILS ${failed.map((item) => item.name).join('; ')}`;
  lines.push(
    `summary: ${report.type} ` +
      `${verdict} ` +
      `(${report.invariants.filter((item) => item.status === 'pass').length} passed, ` +
      `${failed.length} failed, ` +
      `${report.invariants.filter((item) => item.status === 'not run').length} not run)`,
  );
  return lines;
}

export { formatReport, runConformance };
export type { ConformanceOptions, ConformanceReport };
