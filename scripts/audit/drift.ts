/**
 * The audit's view of drift: the latest `crkit.drift` verdict of each resource in the trail
 * (the scheduled check writes one per resource per run), with what differs or why it was not
 * checked. Drift is a finding about the resources, not about the trail: it never breaks it.
 */
import type { JsonRecord, TrailLine } from './read.js';

/** One resource's latest verdict. */
type DriftRow = {
  readonly line: number;
  readonly checkedAt: string;
  readonly stackId: string;
  readonly logicalResourceId: string;
  readonly resourceType: string;
  readonly physicalResourceId: string;
  readonly status: string;
  /** The differing property paths with their kind, or why the resource was not checked. */
  readonly detail: string;
};

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function detailOf(record: JsonRecord): string {
  const differences = Array.isArray(record.differences) ? record.differences : [];
  const paths = differences.flatMap((item: unknown) => {
    const difference = (typeof item === 'object' && item !== null ? item : {}) as Record<
      string,
      unknown
    >;
    return text(difference.propertyPath) === ''
      ? []
      : [`${text(difference.propertyPath)} ${text(difference.differenceType)}`];
  });
  return paths.length > 0 ? paths.join(', ') : text(record.why);
}

/**
 * The latest verdict per stack and logical id, drifted first (DELETED, MODIFIED), then the rest.
 * @example
 * const rows = latestDrift(records);
 */
function latestDrift(
  records: readonly { readonly line: TrailLine; readonly record: JsonRecord }[],
): DriftRow[] {
  const latest = new Map<string, DriftRow>();
  for (const { line, record } of records) {
    if (record.type !== 'crkit.drift') continue;
    const row: DriftRow = {
      line: line.line,
      checkedAt: text(record.checkedAt) || text(record.time),
      stackId: text(record.stackId),
      logicalResourceId: text(record.logicalResourceId),
      resourceType: text(record.resourceType),
      physicalResourceId: text(record.physicalResourceId),
      status: text(record.status),
      detail: detailOf(record),
    };
    const key = `${row.stackId}|${row.logicalResourceId}`;
    const known = latest.get(key);
    if (known === undefined || known.checkedAt <= row.checkedAt) latest.set(key, row);
  }
  const rank = (status: string) =>
    ['DELETED', 'MODIFIED', 'NOT_CHECKED', 'IN_SYNC'].indexOf(status);
  return [...latest.values()].sort(
    (a, b) =>
      rank(a.status) - rank(b.status) ||
      `${a.stackId} ${a.logicalResourceId}`.localeCompare(`${b.stackId} ${b.logicalResourceId}`),
  );
}

export { latestDrift };
export type { DriftRow };
