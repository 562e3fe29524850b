/**
 * The invariants about a type's `read` (drift detection), judged from the kit's reads: in sync
 * right after create and after an update, MODIFIED when one observed property's expectation is
 * altered (naming it), gone after delete. A type without `read` has them not run: its resources
 * are NOT_CHECKED by drift detection.
 */
import type { ResourceDrift } from '../../framework/index.js';
import { result } from './invariants.js';
import type { InvariantResult, Judged } from './invariants.js';
import type { ReadProbe } from './read-probe.js';

const InSync = 'read reports IN_SYNC after create and update';
const Modified = 'read reports MODIFIED when an observed property differs';
const Gone = 'read reports the resource gone after delete';

const differencesOf = (drift: ResourceDrift): string =>
  drift.differences
    .map(
      (item) =>
        `${item.propertyPath} expected ${String(item.expectedValue)}, actual ` +
        `${String(item.actualValue)}`,
    )
    .join('; ');

const verdictOf = (probe: {
  readonly drift: ResourceDrift | undefined;
  readonly error: string | undefined;
}): string =>
  probe.drift === undefined
    ? `read threw ${String(probe.error)}`
    : probe.drift.status +
      (probe.drift.differences.length === 0 ? '' : ` (${differencesOf(probe.drift)})`);

function inSync(reads: readonly ReadProbe[]): InvariantResult {
  const live = reads.filter((probe) => probe.label !== 'after delete');
  if (live.length === 0)
    return { name: InSync, status: 'not run', evidence: ['the resource was never created'] };
  const problems = live
    .filter((probe) => probe.drift?.status !== 'IN_SYNC')
    .map((probe) => `${probe.label}: ${verdictOf(probe)}`);
  return result(InSync, problems, `IN_SYNC ${live.map((probe) => probe.label).join(' and ')}`);
}

function modified(reads: readonly ReadProbe[]): InvariantResult {
  const altered = reads.find((probe) => probe.altered !== undefined)?.altered;
  if (altered === undefined)
    return {
      name: Modified,
      status: 'not run',
      evidence: ['the resource was never read in sync after create'],
    };
  if (altered === 'nothing observable')
    return {
      name: Modified,
      status: 'not run',
      evidence: [
        'read observes no declared property whose value the kit can alter (a string, ' +
          'number or boolean)',
      ],
    };
  const path = `/${altered.property}`;
  const named = altered.drift?.differences.some((item) => item.propertyPath === path) ?? false;
  const problems =
    altered.drift?.status === 'MODIFIED' && named
      ? []
      : [
          `with ${altered.property} expected otherwise: ${verdictOf(altered)}; does read ` +
            `observe ${altered.property}, or echo the properties it is given?`,
        ];
  return result(Modified, problems, `MODIFIED naming ${path} when its expected value was altered`);
}

function gone(reads: readonly ReadProbe[]): InvariantResult {
  const probe = reads.find((item) => item.label === 'after delete');
  if (probe === undefined)
    return { name: Gone, status: 'not run', evidence: ['the delete did not succeed'] };
  return result(
    Gone,
    probe.drift?.status === 'DELETED'
      ? []
      : [`after delete of ${probe.physicalId}: ${verdictOf(probe)}`],
    `DELETED after delete of ${probe.physicalId}`,
  );
}

/**
 * The read invariants.
 * @example
 * const verdicts = readInvariants(judged);
 */
function readInvariants({ definition, driven }: Judged): InvariantResult[] {
  if (definition.read === undefined) {
    const evidence = [
      'the type defines no read: drift detection reports its resources NOT_CHECKED',
    ];
    return [InSync, Modified, Gone].map((name) => ({ name, status: 'not run' as const, evidence }));
  }
  return [inSync(driven.reads), modified(driven.reads), gone(driven.reads)];
}

export { readInvariants };
