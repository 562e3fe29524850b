/**
 * crkit as a row of an external custom-resource bench: `createHandler` serving one no-op type,
 * `Custom::BenchNoop`, whose schema takes the properties such a bench sends (every scalar a
 * string, as CloudFormation sends them) and which answers at once. Like entry (a), it has no
 * stack port: nothing here calls AWS.
 */
import * as z from 'zod/mini';
import {
  cfnBoolean,
  cfnInteger,
  createHandler,
  defineResource,
  succeeded,
} from '../../framework/index.js';

const benchNoop = defineResource({
  type: 'Custom::BenchNoop',
  properties: z.strictObject({
    Name: z.string(),
    Revision: cfnInteger({ min: 0, max: 1_000_000_000 }),
    Size: cfnInteger({ min: 1, max: 10 }),
    Enabled: cfnBoolean(),
    Tags: z.optional(z.array(z.strictObject({ Key: z.string(), Value: z.string() }))),
  }),
  replaceOn: ['Name'],
  iamStatements: [],
  create: async ({ request, properties }) =>
    succeeded(`${request.logicalResourceId}-${properties.Name}`),
  update: async ({ physicalId }) => succeeded(physicalId),
  delete: async ({ physicalId }) => succeeded(physicalId),
});

/** The bench handler: the framework serving only `Custom::BenchNoop`. */
const handler = createHandler({ resources: [benchNoop] });

export { handler };
