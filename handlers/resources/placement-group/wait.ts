/**
 * Waiting for a new group to go from `pending` to `available`. Short waits happen inline, with
 * backoff; when the invocation runs short, the wait becomes `inProgress`, and the framework
 * resumes it later (`resume.ts`, step `available`).
 */
import type { PlacementGroup } from '@aws-sdk/client-ec2';
import type { Outcome } from '../../../framework/index.js';
import { failed, inProgress, sleep, succeeded } from '../../../framework/index.js';
import { delayAfter, hasTimeFor } from './aws-call.js';
import type { StepContext } from './aws-call.js';
import { attributesOf, describeGroup } from './groups.js';

/**
 * Resume steps of this resource, as carried in continuation state.
 * @example
 * inProgress({ waitingFor, state: { step: Steps.delete, groupName, attempts: 1 }, delaySeconds: 1 })
 * @internal
 */
const Steps = { available: 'available', delete: 'delete', recreate: 'recreate' } as const;

/**
 * Answers once `group` (named `name`) is available; polls while it is pending.
 * @example
 * return awaitAvailable(context, created, name, 0);
 */
async function awaitAvailable(context: StepContext, group: PlacementGroup | undefined, name: string, polls: number): Promise<Outcome> {
  let current = group;
  for (let poll = polls; ; poll += 1) {
    if (current?.State === 'available') return succeeded(name, attributesOf(current, context.request));
    if (current?.State === 'deleting' || current?.State === 'deleted') {
      return failed(`placement group ${name} went to state ${current.State} while crkit waited for it to become available; something else is deleting it`, name);
    }
    const delayMs = delayAfter(poll, context.pacing);
    if (!hasTimeFor(delayMs, context)) {
      return inProgress({
        waitingFor: `placement group ${name} to become available`,
        state: { step: Steps.available, groupName: name, polls: poll + 1 },
        delaySeconds: Math.ceil(delayMs / 1000),
        physicalId: name,
      });
    }
    context.log.info('placement group not available yet; waiting', { groupName: name, state: current?.State ?? 'not visible yet', delayMs });
    await sleep(delayMs, context.signal);
    current = await describeGroup(context, name, name);
  }
}

export { Steps, awaitAvailable };
