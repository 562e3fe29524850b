/**
 * The handler with every AWS edge wired from the environment the handler stack sets: the stack
 * port (rollback detection, confirmation with CloudFormation, stack tags), the continuation
 * queue and its signing key, and the audit topic. One call, so none of them can be left out by
 * omission: without the stack port every rollback would be served as an update.
 */
import { createHandler, readConfig } from '../../framework/index.js';
import type { HandlerOptions } from '../../framework/index.js';
import { auditTopic } from './audit-topic.js';
import { cloudFormationStacks } from './cloudformation.js';
import { sqsContinuation } from './sqs.js';

/** What `createAwsHandler` takes: the resource types, and the framework's own options. */
type AwsHandlerOptions = Omit<HandlerOptions, 'stacks' | 'continuation' | 'onSignal'>;

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
    continuation: sqsContinuation({ queueUrl: config.continuationQueueUrl, queueArn: config.continuationQueueArn, secretArn: config.continuationSecretArn }),
    onSignal: auditTopic(config.auditTopicArn),
  });
}

export { createAwsHandler };
export type { AwsHandlerOptions };
