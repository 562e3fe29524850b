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
  // Loaded on the first scheduled event only: the request path never loads the drift check or its YAML parser.
  scheduled: {
    sourceArn: config.driftScheduleArn,
    run: async (input) => {
      const { scheduledDriftCheck } = await import('./drift/scheduled.js');
      await scheduledDriftCheck(input, { serviceToken: config.serviceToken, auditTopicArn: config.auditTopicArn });
    },
  },
});

export { handler };
