/**
 * Serving one continuation step: the resource type, the action and the replacement decision come
 * from the message (they were decided by the invocation CloudFormation started), the step resumes
 * at once (the queue's delay was the wait), and the outcome is checked by the same protocol rules
 * as any other. Never throws: every failure becomes a FAILED decision that keeps the physical id
 * of what the operation already made, so the rollback that follows can clean it up.
 */
import type { ContinuationMessage } from './continuation.js';
import { within } from './deadline.js';
import type { CreatedMark } from './created.js';
import { confirmRequest } from './confirmation.js';
import type { Provenance } from './confirmation.js';
import { failedDecision, unconfirmedDecision } from './decision.js';
import { baseInput, finish } from './dispatch.js';
import type { Decision } from './decision.js';
import type { DispatchContext } from './dispatch.js';
import { summariseFailure } from './failure.js';
import { inProgress } from './outcome.js';
import { parseProperties, sensitiveValues } from './properties.js';
import type { Logger } from './logging.js';
import type { AnyResourceDefinition } from './resource.js';
import { settle } from './settle.js';
import { memoisedStack } from './stacks.js';

type ResumeContext = DispatchContext & { readonly budget: NonNullable<DispatchContext['budget']> };

function sensitiveOf(definition: AnyResourceDefinition, message: ContinuationMessage): string[] {
  const { request } = message;
  const old = request.RequestType === 'Update' ? request.OldResourceProperties : undefined;
  return [...sensitiveValues(definition.sensitive ?? [], request.ResourceProperties), ...sensitiveValues(definition.sensitive ?? [], old)];
}

/** The properties resume receives: parsed as before (their sensitive values masked in parsed form too), or undefined when they no longer parse. */
function propertiesOf(definition: AnyResourceDefinition, message: ContinuationMessage, log: Logger): Record<string, unknown> | undefined {
  const parsed = parseProperties(definition.properties, message.request.ResourceProperties);
  if (!parsed.ok) return undefined;
  log.redactor.add(sensitiveValues(definition.sensitive ?? [], parsed.value));
  return Object.freeze(parsed.value);
}

/**
 * Runs one step of a long operation.
 * @internal
 */
async function resumeStep(message: ContinuationMessage, context: ResumeContext): Promise<Decision> {
  const { request, action } = message;
  const { log, deadline } = context;
  let provenance: Provenance = 'unchecked';
  try {
    const definition = await within(deadline.signal, () => context.registry.resolve(request.ResourceType));
    log.redactor.add(sensitiveOf(definition, message));
    log.record('crkit.continued', { step: message.step, action, waitingFor: message.waitingFor, physicalId: message.physicalId, startedAt: new Date(message.startedAt).toISOString() });
    const describe = memoisedStack(context.stacks, request.StackId, deadline.signal);
    // Every step asks again: CloudFormation may have given up on the request (a timeout, a cancelled update) since the last one.
    const confirmation = await within(deadline.signal, () => confirmRequest(request, { stacks: context.stacks, describe, signal: deadline.signal, log, ownAccount: context.ownAccount }));
    provenance = confirmation.provenance;
    if (confirmation.provenance === 'contradicted' || confirmation.provenance === 'settled') return unconfirmedDecision(request, action, confirmation, log);
    const created: CreatedMark = { id: message.physicalId };
    const base = baseInput(request, action, context, describe, created);
    const step = inProgress({ waitingFor: message.waitingFor, state: message.state, physicalId: message.physicalId });
    const operation = { ...context.budget, replacing: message.replacing, step: message.step, chain: message.chain };
    const properties = propertiesOf(definition, message, log);
    const outcome = await settle(step, { definition, base, properties, deadline, continuation: context.continuation, request, operation, lookNow: true });
    if (outcome === 'deferred') return { ...failedDecision(request, action, 'in progress'), deferred: true };
    return { ...(await finish(request, { definition, base, properties, replacing: message.replacing, created, deadline }, outcome)), provenance };
  } catch (error) {
    const doing = `${action} of ${request.ResourceType}`;
    const summary = summariseFailure(error, doing);
    log.error(`${doing} failed in a continuation`, { error });
    return { ...failedDecision(request, action, summary.reason, summary.physicalId ?? message.physicalId), provenance };
  }
}

export { resumeStep };
export type { ResumeContext };
