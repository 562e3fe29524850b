/**
 * CloudFormation's side for in-process handler tests: every request a test invokes the handler
 * with is one CloudFormation sent (registered in the stand-in's model first), so the handler's
 * confirmation sees what real CloudFormation would show.
 */
import { cloudFormationModel } from '../../scripts/standin/index.js';
import type { CloudFormationModel } from '../../scripts/standin/index.js';

type Handler = (event: unknown, context: never) => Promise<unknown>;

/** The requests in a Lambda event: the event itself, or each SNS record's message. */
function requestsIn(event: unknown): unknown[] {
  const records = (event as { Records?: unknown } | null)?.Records;
  if (!Array.isArray(records)) return [event];
  return records.map((record) => (record as { Sns?: { Message?: unknown } } | null)?.Sns?.Message);
}

/**
 * Wraps a handler so that CloudFormation has sent every request it is invoked with.
 * @example
 * const handler = sentByCloudFormation(model, createHandler({ resources, stacks: model.stacks }));
 */
function sentByCloudFormation<H extends Handler>(model: CloudFormationModel, handler: H): H {
  return (async (event: unknown, context: never) => {
    for (const request of requestsIn(event)) model.requestSent(request);
    return handler(event, context);
  }) as H;
}

export { cloudFormationModel, requestsIn, sentByCloudFormation };
export type { CloudFormationModel };
