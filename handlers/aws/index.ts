/**
 * `crkit/aws`: the framework's ports implemented with the AWS SDK, and the one call that wires
 * them all into a Lambda handler.
 */
export { createAwsHandler } from './create-aws-handler.js';
export type { AwsHandlerOptions } from './create-aws-handler.js';
export { auditTopic } from './audit-topic.js';
export { cloudFormationStacks } from './cloudformation.js';
export { sqsContinuation } from './sqs.js';
export type { ContinuationSettings } from './sqs.js';
export { instrument } from './instrument.js';
