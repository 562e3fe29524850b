/**
 * Stack events while waiting: new ones are printed once each, failures are kept for the final
 * report.
 */
import {
  DescribeStackEventsCommand,
  type CloudFormationClient,
  type StackEvent,
} from '@aws-sdk/client-cloudformation';

/** One event as a terminal line. */
function formatEvent(event: StackEvent): string {
  const time = event.Timestamp?.toISOString().slice(11, 19) ?? '--:--:--';
  const reason = event.ResourceStatusReason === undefined ? '' : ` ${event.ResourceStatusReason}`;
  return (
    `  ${time} ${event.ResourceStatus ?? '?'} ${event.LogicalResourceId ?? '?'} ` +
    `(${event.ResourceType ?? '?'})${reason}`
  );
}

/** True for an event that records a failure. */
function isFailure(event: StackEvent): boolean {
  return (event.ResourceStatus ?? '').endsWith('_FAILED');
}

/**
 * Follows a stack's events: `start` marks the newest existing event (no clock comparison, so clock
 * skew does not matter), then each `poll` returns the events that came after it and were not
 * returned before, oldest first.
 * @example
 * const tracker = trackEvents(cloudformation, 'crkit-state');
 * await tracker.start();
 * for (const event of await tracker.poll()) console.log(formatEvent(event));
 */
function trackEvents(cloudformation: CloudFormationClient, stackName: string) {
  const seen = new Set<string>();
  const failures: StackEvent[] = [];
  const page = async () =>
    (await cloudformation.send(new DescribeStackEventsCommand({ StackName: stackName })))
      .StackEvents ?? [];
  return {
    async start(): Promise<void> {
      for (const event of await page()) if (event.EventId !== undefined) seen.add(event.EventId);
    },
    async poll(): Promise<StackEvent[]> {
      const fresh = (await page())
        .filter(
          (event): event is StackEvent & { EventId: string } =>
            event.EventId !== undefined && !seen.has(event.EventId),
        )
        .reverse();
      for (const event of fresh) {
        seen.add(event.EventId);
        if (isFailure(event)) failures.push(event);
      }
      return fresh;
    },
    failures: (): readonly StackEvent[] => failures,
  };
}

export { formatEvent, isFailure, trackEvents };
