import type { SignalRecord } from './signal-record.js';

/** The dimensions every answer metric carries, in EMF order. */
const MetricDimensions = ['ResourceType', 'Action', 'Status'] as const;

/** Metric names and units, as CloudWatch shows them. */
const AnswerMetrics = [
  { Name: 'Answers', Unit: 'Count' },
  { Name: 'Undelivered', Unit: 'Count' },
  { Name: 'DurationMs', Unit: 'Milliseconds' },
  { Name: 'PutAttempts', Unit: 'Count' },
  { Name: 'AwsCalls', Unit: 'Count' },
  { Name: 'AwsCallErrors', Unit: 'Count' },
  { Name: 'AwsRetries', Unit: 'Count' },
] as const;

type MetricName = (typeof AnswerMetrics)[number]['Name'];
type DimensionName = (typeof MetricDimensions)[number];

/** The fields of one EMF document (its `_aws` directive, dimension values and metric values). */
type MetricsFields = { readonly _aws: unknown; readonly action: string } & Readonly<
  Record<DimensionName, string>
> &
  Readonly<Record<MetricName, number>>;

/**
 * The EMF fields for one answer; write them with `log.record('crkit.metrics', …)`.
 * A dimension with no value (a malformed request has no action) is reported as `none`, because
 * EMF drops a whole document whose dimension is missing. `action` repeats the `Action` dimension
 * under the name every other record uses, so one query reads both records.
 * @example
 * log.record('crkit.metrics', metricsFields(record, 'crkit'));
 */
function metricsFields(
  record: SignalRecord,
  namespace: string,
  now: number = Date.now(),
): MetricsFields {
  const calls = record.awsCalls;
  return {
    _aws: {
      Timestamp: now,
      CloudWatchMetrics: [
        { Namespace: namespace, Dimensions: [[...MetricDimensions]], Metrics: AnswerMetrics },
      ],
    },
    ResourceType: record.resourceType === '' ? 'none' : record.resourceType,
    Action: record.action,
    action: record.action,
    Status: record.status,
    Answers: 1,
    Undelivered: record.delivered ? 0 : 1,
    DurationMs: record.durationMs,
    PutAttempts: record.attempts,
    AwsCalls: calls.length,
    AwsCallErrors: calls.filter((call) => call.errorCode !== undefined).length,
    AwsRetries: calls.reduce((sum, call) => sum + Math.max(0, call.attempts - 1), 0),
  };
}

export { AnswerMetrics, MetricDimensions, metricsFields };
export type { MetricsFields };
