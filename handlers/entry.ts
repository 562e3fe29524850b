/**
 * The Lambda entry (`handler.handler`): chains the framework with the AWS edges. It makes no
 * decisions of its own.
 */
import { createHandler, readConfig } from '../framework/index.js';
import { auditTopic } from './aws/audit-topic.js';
import { cloudFormationStacks } from './aws/cloudformation.js';
import { sqsContinuation } from './aws/sqs.js';
import { resourceCatalog } from './registry.js';

/** The function CloudFormation (directly or through SNS) and the continuation queue invoke. */
const config = readConfig();
const handler = createHandler({
  resources: resourceCatalog,
  stacks: cloudFormationStacks(),
  continuation: sqsContinuation({ queueUrl: config.continuationQueueUrl, queueArn: config.continuationQueueArn, secretArn: config.continuationSecretArn }),
  onSignal: auditTopic(config.auditTopicArn),
});

export { handler };
