/**
 * CloudFormation's view, in-process: the stand-in's own stack model (the same `requestSent` and
 * `answerReceived`), with a framework StackPort that reads it directly. For players that run a
 * handler in the same process (the conformance kit, unit tests) instead of over the stand-in's
 * HTTP API, so every player keeps the view the same way.
 */
import type { ResourceEvent, StackPort, StackResourceView } from '../../framework/index.js';
import { answerReceived, requestSent } from './cloudformation-view.js';
import { asCustomResourceRequest } from './custom-resource-request.js';
import type { CustomResourceAnswer } from './custom-resource-request.js';
import { StackStore } from './stacks.js';
import type { Tag } from './tags.js';

/** CloudFormation's view of the stacks a player drives, and the port a handler reads it through. */
type CloudFormationModel = {
  /** The port to give `createHandler`. */
  readonly stacks: StackPort;
  /** CloudFormation sends `request` (an object or SNS text; anything else is ignored). */
  requestSent(request: unknown): void;
  /** CloudFormation received `answer` to `request`. */
  answerReceived(request: unknown, answer: CustomResourceAnswer): void;
  /** Sets a stack's status (and tags), registering it when new. */
  setStack(stackId: string, status: string, tags?: readonly Tag[]): void;
};

/**
 * A fresh model with no stacks.
 * @example
 * const cloudFormation = cloudFormationModel();
 * const handler = createHandler({ resources, stacks: cloudFormation.stacks });
 * cloudFormation.requestSent(request);
 * await handler(request, context);
 */
function cloudFormationModel(region = 'us-east-1', account = '123456789012'): CloudFormationModel {
  const store = new StackStore(region, account);
  const stacks: StackPort = {
    describe: async (stackId) => {
      const stack = store.get(stackId);
      if (stack === undefined)
        throw Object.assign(new Error(`Stack with id ${stackId} does not exist`), {
          name: 'ValidationError',
          $metadata: { httpStatusCode: 400 },
        });
      return { status: stack.status, tags: stack.tags };
    },
    resource: async (stackId, logicalResourceId): Promise<StackResourceView> => {
      const resource = store.get(stackId)?.resources.get(logicalResourceId);
      return resource === undefined
        ? { found: false }
        : {
            found: true,
            resourceType: resource.resourceType,
            status: resource.status,
            physicalId: resource.physicalResourceId,
          };
    },
    resourceEvents: async (stackId, logicalResourceId): Promise<readonly ResourceEvent[]> =>
      (store.get(stackId)?.events.newestFirst() ?? [])
        .filter((event) => event.logicalResourceId === logicalResourceId)
        .map((event) => ({ physicalId: event.physicalResourceId, status: event.status })),
  };
  return {
    stacks,
    requestSent: (value) => {
      const request = asCustomResourceRequest(value);
      if (request !== undefined) requestSent(store, request);
    },
    answerReceived: (value, answer) => {
      const request = asCustomResourceRequest(value);
      if (request !== undefined) answerReceived(store, request, answer);
    },
    setStack: (stackId, status, tags) =>
      void store.put({ stackId, status, ...(tags === undefined ? {} : { tags }) }),
  };
}

export { cloudFormationModel };
export type { CloudFormationModel };
