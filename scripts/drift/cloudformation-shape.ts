/**
 * crkit's drift verdicts in CloudFormation's own shape: the `StackResourceDrift` list that
 * `DescribeStackResourceDrifts` returns, so tooling that reads CloudFormation's drift reads
 * crkit's. The schema is checked against `@aws-sdk/client-cloudformation`'s type at compile time:
 * a field it names that the SDK lacks, or a type the SDK would not accept, fails `tsc`.
 */
import type { StackResourceDrift } from '@aws-sdk/client-cloudformation';
import * as z from 'zod/mini';
import type { ResourceDrift } from '../../framework/index.js';

const PropertyDifferenceJson = z.object({
  PropertyPath: z.string(),
  ExpectedValue: z.string(),
  ActualValue: z.string(),
  DifferenceType: z.enum(['ADD', 'REMOVE', 'NOT_EQUAL']),
});

/**
 * One resource's drift as JSON: the SDK's `StackResourceDrift` with `Timestamp` as ISO-8601 text.
 */
const StackResourceDriftJson = z.object({
  StackId: z.string(),
  LogicalResourceId: z.string(),
  PhysicalResourceId: z.optional(z.string()),
  ResourceType: z.string(),
  PropertyDifferences: z.optional(z.array(PropertyDifferenceJson)),
  StackResourceDriftStatus: z.enum(['IN_SYNC', 'MODIFIED', 'DELETED', 'NOT_CHECKED']),
  Timestamp: z.iso.datetime(),
  DriftStatusReason: z.optional(z.string()),
});

/** What `crkit drift --json` prints. */
const StackResourceDriftsJson = z.array(StackResourceDriftJson);

type StackResourceDriftDocument = z.output<typeof StackResourceDriftJson>;

/**
 * True when every document a schema accepts, its `Timestamp` read back as a Date, is an SDK
 * `StackResourceDrift`, and the schema names no field the SDK type lacks; `never` otherwise.
 */
type MatchesSdkDrift<Document> = [Exclude<keyof Document, keyof StackResourceDrift>] extends [never]
  ? Omit<Document, 'Timestamp'> & { Timestamp: Date } extends StackResourceDrift
    ? true
    : never
  : never;

const schemaMatchesSdk: MatchesSdkDrift<StackResourceDriftDocument> = true;
void schemaMatchesSdk;

/** CloudFormation writes an absent side of an ADD or REMOVE as `null`. */
const shown = (value: string | undefined): string => value ?? 'null';

const reasonOf = (drift: ResourceDrift): string | undefined => {
  const notCompared = drift.notComparable.map((item) => `${item.property} (${item.why})`);
  const parts = [
    drift.why,
    notCompared.length === 0 ? undefined : `not comparable: ${notCompared.join('; ')}`,
  ].filter((part): part is string => part !== undefined && part !== '');
  return parts.length === 0 ? undefined : parts.join('. ');
};

/**
 * One verdict in CloudFormation's shape. A NOT_CHECKED verdict's reason, and the properties that
 * could not be compared, go to `DriftStatusReason`.
 * @example
 * JSON.stringify(drifts.map(toStackResourceDrift));
 */
function toStackResourceDrift(drift: ResourceDrift): StackResourceDriftDocument {
  const reason = reasonOf(drift);
  return {
    StackId: drift.stackId,
    LogicalResourceId: drift.logicalResourceId,
    ...(drift.physicalResourceId === '' ? {} : { PhysicalResourceId: drift.physicalResourceId }),
    ResourceType: drift.resourceType,
    ...(drift.status === 'MODIFIED' || drift.differences.length > 0
      ? {
          PropertyDifferences: drift.differences.map((difference) => ({
            PropertyPath: difference.propertyPath,
            ExpectedValue: shown(difference.expectedValue),
            ActualValue: shown(difference.actualValue),
            DifferenceType: difference.differenceType,
          })),
        }
      : {}),
    StackResourceDriftStatus: drift.status,
    Timestamp: drift.checkedAt,
    ...(reason === undefined ? {} : { DriftStatusReason: reason }),
  };
}

export { StackResourceDriftJson, StackResourceDriftsJson, toStackResourceDrift };
export type { MatchesSdkDrift, StackResourceDriftDocument };
