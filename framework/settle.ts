/**
 * Long operations. A resource may answer `inProgress` (an image still pending). While the
 * invocation has time, the framework waits inline and calls `resume`; when it has not, it hands
 * the step to a continuation port (an SQS delay queue at the edge) or, without one, answers
 * FAILED saying what it was still waiting for.
 */
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import type { Deadline } from './deadline.js';
import { sleep, within } from './deadline.js';
import { DefinitionError } from './errors.js';
import { failed, isOutcome } from './outcome.js';
import type { InProgress, Outcome } from './outcome.js';
import type { AnyResourceDefinition, BaseInput } from './resource.js';

/** Hands a step that must wait longer than this invocation has to a later invocation. */
type ContinuationPort = {
  handOver(step: { readonly request: CloudFormationCustomResourceEvent; readonly action: BaseInput['action']; readonly outcome: InProgress; readonly startedAt: number }): Promise<void>;
};

type SettleInput = {
  readonly definition: AnyResourceDefinition;
  readonly base: BaseInput;
  readonly properties: Record<string, unknown> | undefined;
  readonly deadline: Deadline;
  readonly continuation: ContinuationPort | undefined;
  readonly request: CloudFormationCustomResourceEvent;
  /** When the operation began (epoch ms); a continuation keeps the first invocation's time. @default now */
  readonly startedAt?: number;
};

/** Time beyond the wait itself that one resume step is given before waiting inline is worth it. */
const stepAllowanceMs = 1000;

/**
 * Waits out `inProgress` outcomes inline while time allows.
 * @internal
 */
async function settle(first: Outcome, input: SettleInput): Promise<Outcome | 'deferred'> {
  const startedAt = input.startedAt ?? Date.now();
  let outcome = first;
  while (outcome.kind === 'in-progress') {
    const resume = input.definition.resume;
    if (resume === undefined) {
      throw new DefinitionError(`${input.definition.type} answered inProgress but defines no resume function`);
    }
    const waitMs = Math.max(0, outcome.delaySeconds * 1000);
    if (input.deadline.workRemainingMs() <= waitMs + stepAllowanceMs) {
      if (input.continuation === undefined) {
        const seconds = Math.round((Date.now() - startedAt) / 1000);
        return failed(`still waiting for ${outcome.waitingFor} after ${seconds} s, and no continuation queue is configured`, outcome.physicalId);
      }
      await input.continuation.handOver({ request: input.request, action: input.base.action, outcome, startedAt });
      return 'deferred';
    }
    await sleep(waitMs, input.deadline.signal);
    const step: InProgress = outcome;
    const next: unknown = await within(input.deadline.signal, () =>
      resume(Object.freeze({ ...input.base, properties: input.properties, physicalId: step.physicalId, state: step.state })),
    );
    if (!isOutcome(next)) throw new DefinitionError(`resume of ${input.definition.type} returned no outcome`);
    outcome = next;
  }
  return outcome;
}

export { settle };
export type { ContinuationPort, SettleInput };
