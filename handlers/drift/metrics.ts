/**
 * The scheduled drift check's metrics, in CloudWatch embedded metric format: one `crkit.metrics`
 * line per run, without dimensions, so one alarm on `DriftedResources` covers the account and
 * region. `DriftedResources` counts MODIFIED and DELETED resources.
 */
import type { ResourceDrift } from '../../framework/drift.js';

/** Metric names and units, as CloudWatch shows them. */
const DriftMetrics = [
  { Name: 'DriftedResources', Unit: 'Count' },
  { Name: 'CheckedResources', Unit: 'Count' },
  { Name: 'NotCheckedResources', Unit: 'Count' },
] as const;

/** True for a resource that differs from its stack (MODIFIED) or no longer exists (DELETED). */
function hasDrifted(drift: ResourceDrift): boolean {
  return drift.status === 'MODIFIED' || drift.status === 'DELETED';
}

/**
 * The EMF fields of one run; write them with `log.record('crkit.metrics', …)`.
 * @example
 * log.record('crkit.metrics', driftMetricsFields(drifts, 'crkit'));
 */
function driftMetricsFields(
  drifts: readonly ResourceDrift[],
  namespace: string,
  now: number = Date.now(),
) {
  return {
    _aws: {
      Timestamp: now,
      CloudWatchMetrics: [{ Namespace: namespace, Dimensions: [[]], Metrics: DriftMetrics }],
    },
    DriftedResources: drifts.filter(hasDrifted).length,
    CheckedResources: drifts.filter((drift) => drift.status !== 'NOT_CHECKED').length,
    NotCheckedResources: drifts.filter((drift) => drift.status === 'NOT_CHECKED').length,
  };
}

export { DriftMetrics, driftMetricsFields, hasDrifted };
