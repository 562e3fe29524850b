/**
 * The Lambda entry (`handler.handler`) of this repository's handler: the built-in resource
 * types served through the public API, exactly as a user's own entry would be written.
 */
import { createAwsHandler } from './aws/index.js';
import { builtInResources } from './resources/index.js';

/** The function CloudFormation (directly or through SNS) and the continuation queue invoke. */
const handler = createAwsHandler({ resources: builtInResources });

export { handler };
