/**
 * The handler with every AWS edge wired from the environment the handler stack sets: the stack
 * port (rollback detection, confirmation with CloudFormation, stack tags), the continuation
 * queue and its signing key, the audit topic, and the scheduled drift check of the same types.
 * One call, so none of them can be left out by omission: without the stack port every rollback
 * would be served as an update.
 */
import { createHandler, createRegistry, readConfig } from '../../framework/index.js';
import type { HandlerOptions } from '../../framework/index.js';
import { auditTopic } from './audit-topic.js';
import { cloudFormationStacks } from './cloudformation.js';
import { sqsContinuation } from './sqs.js';

/** What `createAwsHandler` takes: the resource types, and the framework's own options. */
type AwsHandlerOptions = Omit<HandlerOptions, 'stacks' | 'continuation' | 'onSignal' | 'scheduled'>;

/**
 * The Lambda handler for `resources`, with the AWS ports configured from the environment.
 * @example
 * export const handler = createAwsHandler({ resources: [...builtInResources, randomPassword] });
 */
function createAwsHandler(options: AwsHandlerOptions): ReturnType<typeof createHandler> {
  const config = readConfig();
  return createHandler({
    ...options,
    stacks: cloudFormationStacks(),
    continuation: sqsContinuation({
      queueUrl: config.continuationQueueUrl,
      queueArn: config.continuationQueueArn,
      secretArn: config.continuationSecretArn,
    }),
    onSignal: auditTopic(config.auditTopicArn),
    // Loaded on the first scheduled event only: the request path never loads the drift check or its
    // YAML parser.
    scheduled: {
      sourceArn: config.driftScheduleArn,
      run: async (input) => {
        const { scheduledDriftCheck } = await import('../drift/scheduled.js');
        await scheduledDriftCheck(input, {
          serviceToken: config.serviceToken,
          auditTopicArn: config.auditTopicArn,
          registry: createRegistry(options.resources),
        });
      },
    },
  });
}

export { createAwsHandler };
export type { AwsHandlerOptions };
