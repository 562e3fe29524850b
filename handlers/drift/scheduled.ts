/**
 * The scheduled drift check: every stack in the account and region that holds a crkit resource,
 * checked one after the other. Per resource a `crkit.drift` record (the verdict, in which a
 * sensitive value is never shown); per run a `crkit.metrics` line (EMF, `DriftedResources`); and,
 * when the audit topic is configured and something drifted, one message to it listing the drifted
 * resources (the first 50, and how many). Reads only: GetTemplate, DescribeStacks,
 * DescribeStackResources, ListStacks and the types' Describe calls; the audit message is the only
 * write, and it goes to crkit's topic.
 */
import { createRegistry } from '../../framework/index.js';
import type { Registry, ScheduledInput } from '../../framework/index.js';
import type { DriftPorts, ResourceDrift } from '../../framework/drift.js';
import { auditPublisher } from '../aws/audit-topic.js';
import type { AuditPublisher } from '../aws/audit-topic.js';
import { cloudFormationDriftPorts } from '../aws/drift-ports.js';
import { builtInResources } from '../resources/index.js';
import { checkStackDrift, listCrkitStacks } from './check-stack.js';
import { driftMetricsFields, hasDrifted } from './metrics.js';

/**
 * Most drifted resources listed in one audit message (SNS takes 256 KB); the count is always given.
 */
const MaxListedInMessage = 50;

/** What the scheduled check is wired with. */
type ScheduledDriftOptions = {
  /** The ServiceToken templates use for this handler (CRKIT_SERVICE_TOKEN). @default undefined */
  readonly serviceToken: string | undefined;
  /** The audit topic (CRKIT_AUDIT_TOPIC_ARN). @default undefined: no message */
  readonly auditTopicArn: string | undefined;
  /** @default CloudFormation through the SDK */
  readonly ports?: DriftPorts | undefined;
  /** @default the registry of every built-in type */
  readonly registry?: Registry | undefined;
  /** @default an SNS publisher to `auditTopicArn` */
  readonly publish?: AuditPublisher | undefined;
};

async function checkAll(
  input: ScheduledInput,
  options: ScheduledDriftOptions,
  ports: DriftPorts,
  registry: Registry,
): Promise<ResourceDrift[]> {
  const { log, signal } = input;
  const serviceTokens = [options.serviceToken, input.functionArn].filter(
    (token): token is string => token !== undefined,
  );
  const drifts: ResourceDrift[] = [];
  for (const stackName of await listCrkitStacks({ ports, signal, registry })) {
    try {
      const found = await checkStackDrift({
        stackName,
        ports,
        registry,
        signal,
        log,
        serviceTokens: serviceTokens.length > 0 ? serviceTokens : undefined,
      });
      for (const drift of found) log.record('crkit.drift', { ...drift });
      drifts.push(...found);
    } catch (error) {
      log.warn('the drift check of a stack failed', {
        stackName,
        error: error instanceof Error ? error : String(error),
      });
    }
  }
  return drifts;
}

/**
 * Runs one scheduled check.
 * @example
 * scheduled: {
 *   sourceArn: config.driftScheduleArn,
 *   run: (input) => scheduledDriftCheck(input, { serviceToken, auditTopicArn }),
 * }
 */
async function scheduledDriftCheck(
  input: ScheduledInput,
  options: ScheduledDriftOptions,
): Promise<void> {
  const ports = options.ports ?? cloudFormationDriftPorts();
  const registry = options.registry ?? createRegistry(builtInResources);
  const drifts = await checkAll(input, options, ports, registry);
  if (input.metricsNamespace !== undefined)
    input.log.record('crkit.metrics', driftMetricsFields(drifts, input.metricsNamespace));
  const drifted = drifts.filter(hasDrifted);
  input.log.info('drift check done', { resources: drifts.length, drifted: drifted.length });
  const publish = options.publish ?? auditPublisher(options.auditTopicArn);
  if (publish === undefined || drifted.length === 0) return;
  try {
    const message = {
      type: 'crkit.drift',
      driftedCount: drifted.length,
      drifted: drifted.slice(0, MaxListedInMessage),
    };
    await publish(
      JSON.stringify(message),
      { type: 'crkit.drift', status: 'DRIFTED' },
      input.signal,
    );
  } catch (error) {
    input.log.warn('the drift message could not be published to the audit topic', {
      error: error instanceof Error ? error : String(error),
    });
  }
}

export { scheduledDriftCheck };
export type { ScheduledDriftOptions };
