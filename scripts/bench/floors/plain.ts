/**
 * Floor (a): the hand-written no-op handler, paired with crkit's no-op resource type.
 */
import { answer, unwrap } from './answer.js';

/**
 * Answers every request SUCCESS at once.
 * @example
 * await handler(createEvent);
 */
async function handler(event: unknown): Promise<void> {
  const request = unwrap(event);
  await answer(
    request,
    request.PhysicalResourceId ?? `${request.LogicalResourceId}-${request.RequestId.slice(0, 8)}`,
  );
}

export { handler };
