/**
 * The Lambda entry (`handler.handler`) of this repository's handler: the built-in resource
 * types served through the public API, exactly as a user's own entry would be written. The
 * entry also exports the types it serves as `resources`, which `crkit simulate` reads (the
 * entry contract in docs/cli.md).
 */
import { createAwsHandler } from './aws/index.js';
import { builtInResources } from './resources/index.js';

/** The resource types this handler serves. */
const resources = builtInResources;

/** The function CloudFormation (directly or through SNS) and the continuation queue invoke. */
const handler = createAwsHandler({ resources });

export { handler, resources };
