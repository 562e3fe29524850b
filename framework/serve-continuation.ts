/**
 * Serving a continuation message (SQS). Each hand-over chain carries an id: a message of a chain
 * and step this container already served is a redelivery and changes nothing; a chain started by
 * a duplicate delivery of a request this container already answered gets that same answer again.
 */
import { answer, repeat, requestLogger, unanswerable } from './answer.js';
import type { Runtime } from './answer.js';
import { requestKey } from './answered.js';
import { invocationMs, limitOf, operationBudget } from './budget.js';
import { parseContinuation, stepKey } from './continuation.js';
import { createDeadline } from './deadline.js';
import { targetOf } from './events.js';
import type { IntakeItem } from './events.js';
import { resumeStep } from './resume.js';
import { inRequestScope } from './scope.js';

type ContinuationItem = Extract<IntakeItem, { kind: 'continuation' }>;

/**
 * Serves one step. Returns the message id when the message is worth retrying (the answer could
 * not be delivered for a transient reason while the budget lasts).
 * @internal
 */
async function serveContinuation(runtime: Runtime, item: ContinuationItem, remainingMs: number): Promise<string | undefined> {
  const { messageId } = item;
  const parsed = parseContinuation(item.body);
  if (!parsed.ok) return void runtime.log.record('crkit.rejected', { via: 'sqs', why: parsed.why, messageId });
  const { message } = parsed;
  const target = targetOf(message.request as unknown as Record<string, unknown>);
  const why = unanswerable(target, runtime.origins);
  if (why !== undefined) return void runtime.log.record('crkit.rejected', { via: 'sqs', why, messageId, requestId: target.requestId, stackId: target.stackId });
  const log = requestLogger(runtime, target, 'sqs');
  const step = `${stepKey(message.request, message.step)}#${message.chain}`;
  if (!runtime.steps.claim(step)) {
    return void log.record('crkit.duplicate', { messageId, step: message.step, why: 'this step of this chain was already served by this container' });
  }
  const budget = operationBudget(message.request.ResourceProperties, message.startedAt);
  const deadline = createDeadline({ remainingMs: invocationMs(remainingMs, budget), limit: limitOf(remainingMs, budget), answerReserveMs: runtime.answerReserveMs });
  try {
    const key = requestKey(message.request);
    if (await repeat(runtime, log, deadline, { target, via: 'sqs', startedAt: message.startedAt }, key)) return undefined;
    const { registry, stacks, continuation } = runtime;
    const { result: decision, awsCalls } = await inRequestScope(() => resumeStep(message, { registry, stacks, continuation, log, deadline, budget }));
    if (decision.deferred === true) return void log.record('crkit.deferred', { action: decision.action, step: message.step, awsCalls });
    const delivery = await answer(runtime, log, deadline, { target, via: 'sqs', decision, awsCalls, startedAt: message.startedAt }, key);
    const transient = !delivery.delivered && (delivery.httpStatus ?? 500) >= 500 && Date.now() < budget.endsAt;
    if (transient) runtime.steps.release(step);
    return transient ? messageId : undefined;
  } catch (error) {
    runtime.steps.release(step);
    throw error;
  } finally {
    deadline.dispose();
  }
}

export { serveContinuation };
