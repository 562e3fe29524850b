/**
 * Waiting for a new group to go from `pending` to `available`: the wait is `inProgress`, and the
 * framework resumes it on its own schedule (`long-operations.ts`, step `available`).
 */
import type { PlacementGroup } from '@aws-sdk/client-ec2';
import type { Outcome } from '../../../framework/index.js';
import { failed, inProgress, succeeded } from '../../../framework/index.js';
import type { StepContext } from './pacing.js';
import { attributesOf } from './groups.js';

/**
 * Resume steps of this resource, as carried in continuation state.
 * @example
 * inProgress({ waitingFor, state: { step: Steps.delete, groupName, attempts: 1 } })
 * @internal
 */
const Steps = { available: 'available', delete: 'delete', recreate: 'recreate' } as const;

/**
 * Answers once `group` (named `name`) is available; while it is pending, the framework looks
 * again on its polling schedule (`resume`, step `available`).
 * @example
 * return awaitAvailable(context, created, name, 0);
 */
function awaitAvailable(
  context: Pick<StepContext, 'request'>,
  group: PlacementGroup | undefined,
  name: string,
  polls: number,
): Outcome {
  if (group?.State === 'available') return succeeded(name, attributesOf(group, context.request));
  if (group?.State === 'deleting' || group?.State === 'deleted') {
    return failed(
      `placement group ${name} went to state ${group.State} while crkit waited for it to ` +
        `become available; something else is deleting it`,
      name,
    );
  }
  return inProgress({
    waitingFor: `placement group ${name} to become available`,
    state: { step: Steps.available, groupName: name, polls: polls + 1 },
    physicalId: name,
  });
}

export { Steps, awaitAvailable };
