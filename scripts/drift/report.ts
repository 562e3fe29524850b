/**
 * `crkit drift` for people: a line per resource with its status, then what differs (expected,
 * actual), why a resource was not checked, and which properties could not be compared. A
 * sensitive property's difference arrives with both values `(sensitive)` and is shown without them.
 */
import { SensitiveMark } from '../../framework/drift.js';
import type { PropertyDifference, ResourceDrift } from '../../framework/index.js';

const shown = (value: string | undefined): string => (value === undefined ? '(absent)' : value);

const differenceLine = (difference: PropertyDifference): string => {
  if (difference.expectedValue === SensitiveMark && difference.actualValue === SensitiveMark) {
    return `${difference.propertyPath}: differs (sensitive: neither value is shown)`;
  }
  const kind = difference.differenceType === 'NOT_EQUAL' ? '' : ` [${difference.differenceType}]`;
  return (
    `${difference.propertyPath}: expected ${shown(difference.expectedValue)}, actual ` +
    `${shown(difference.actualValue)}${kind}`
  );
};

/**
 * The lines for one stack's verdicts.
 * @example
 * formatStackDrift('fleet', drifts).forEach((line) => console.log(line));
 */
function formatStackDrift(stackName: string, drifts: readonly ResourceDrift[]): string[] {
  const counted =
    drifts.length === 0
      ? 'no crkit resource'
      : `${drifts.length} crkit resource${drifts.length === 1 ? '' : 's'}`;
  const lines = [
    `stack ${stackName}${drifts[0] === undefined ? '' : ` (${drifts[0].stackId})`}: ${counted}`,
  ];
  const width = Math.max(0, ...drifts.map((drift) => drift.logicalResourceId.length));
  for (const drift of drifts) {
    const id = drift.physicalResourceId === '' ? '' : ` ${drift.physicalResourceId}`;
    lines.push(
      `  ${drift.status.padEnd(11)} ${drift.logicalResourceId.padEnd(width)} ` +
        `${drift.resourceType}${id}`,
    );
    if (drift.status === 'NOT_CHECKED') lines.push(`      why: ${drift.why ?? 'not given'}`);
    if (drift.status === 'DELETED') lines.push('      the resource no longer exists');
    for (const difference of drift.differences) lines.push(`      ${differenceLine(difference)}`);
    for (const item of drift.notComparable)
      lines.push(`      not comparable: ${item.property} (${item.why})`);
  }
  return lines;
}

/** Counts per status, for the summary line. */
function summaryLine(drifts: readonly ResourceDrift[]): string {
  const count = (status: ResourceDrift['status']) =>
    drifts.filter((drift) => drift.status === status).length;
  const drifted = count('MODIFIED') + count('DELETED');
  return (
    `${drifts.length} resource${drifts.length === 1 ? '' : 's'}: ${count('IN_SYNC')} in ` +
    `sync, ${count('MODIFIED')} modified, ${count('DELETED')} deleted, ` +
    `${count('NOT_CHECKED')} not checked — ${drifted === 0 ? 'no drift' : 'DRIFTED'}`
  );
}

/** True when any verdict is MODIFIED or DELETED. */
const hasDrifted = (drifts: readonly ResourceDrift[]): boolean =>
  drifts.some((drift) => drift.status === 'MODIFIED' || drift.status === 'DELETED');

export { formatStackDrift, hasDrifted, summaryLine };
