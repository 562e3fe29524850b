/**
 * Serving a scheduled event: the drift check, started by the EventBridge rule the handler stack
 * configures. The event is accepted only when its `resources` name that rule (its ARN comes from
 * the environment, set by the template); anything else is refused with a `crkit.rejected` record
 * and no AWS call. A scheduled task only reads, so even an event forged by someone allowed to
 * invoke the function could change nothing: at worst it costs one check.
 */
import type { IntakeItem } from './events.js';
import type { Logger } from './logging.js';

/** What a scheduled task receives. */
type ScheduledInput = {
  /** The handler's logger (crkit's records go through `record`). */
  readonly log: Logger;
  /** Aborted shortly before the invocation's time is over. */
  readonly signal: AbortSignal;
  /** The EMF namespace of crkit's metrics; undefined writes none. */
  readonly metricsNamespace: string | undefined;
  /** The invoked function's ARN, when the context says. */
  readonly functionArn: string | undefined;
};

/** Work started by a schedule. */
type ScheduledTask = {
  /** The EventBridge rule ARN whose events are accepted; undefined accepts none. */
  readonly sourceArn: string | undefined;
  /** The work; reads only. */
  run(input: ScheduledInput): Promise<void>;
};

/** Time kept back at the end of the invocation, so the task's last records are written. */
const ScheduledReserveMs = 2_000;

type ScheduledItem = Extract<IntakeItem, { kind: 'scheduled' }>;

/** What serving a scheduled event needs of the handler. */
type ScheduledHost = {
  readonly scheduled: ScheduledTask | undefined;
  readonly log: Logger;
  readonly metricsNamespace: string | undefined;
};

/**
 * Runs the scheduled task for an event from the configured rule, or refuses the event.
 * @internal
 */
async function serveScheduled(
  runtime: ScheduledHost,
  item: ScheduledItem,
  remainingMs: number,
  functionArn: string | undefined,
): Promise<void> {
  const refuse = (why: string) =>
    runtime.log.record('crkit.rejected', {
      via: item.via,
      why,
      resources: item.resources.slice(0, 5),
    });
  const task = runtime.scheduled;
  if (task?.sourceArn === undefined)
    return refuse('no schedule is configured, so no scheduled event is accepted');
  if (item.resources.length !== 1 || item.resources[0] !== task.sourceArn)
    return refuse('the scheduled event does not come from the configured schedule');
  const signal = AbortSignal.timeout(Math.max(1, remainingMs - ScheduledReserveMs));
  try {
    await task.run({
      log: runtime.log,
      signal,
      metricsNamespace: runtime.metricsNamespace,
      functionArn,
    });
  } catch (error) {
    runtime.log.error('the scheduled task failed', {
      error: error instanceof Error ? error : String(error),
    });
  }
}

export { serveScheduled };
export type { ScheduledInput, ScheduledTask };
