/**
 * Bench entry (a): crkit's framework with one no-op resource type, bundled with the same build
 * options as the Lambda handler. It measures what the framework itself costs against the
 * hand-written floor: intake, strict property parsing, dispatch, logging, the budgeted answer,
 * its PUT and the signal record.
 */
import * as z from 'zod/mini';
import { cfnInteger, createHandler, defineResource, succeeded } from '../../framework/index.js';

/** A resource that answers at once; its schema makes crkit parse one string-typed integer. */
const noop = defineResource({
  type: 'Custom::Noop',
  properties: z.strictObject({ Name: z.string(), Size: cfnInteger({ min: 1, max: 10 }) }),
  replaceOn: ['Name'],
  iamStatements: [],
  create: async ({ request, properties }) =>
    succeeded(`${request.logicalResourceId}-${properties.Name}`, { Size: properties.Size }),
  update: async ({ physicalId, properties }) => succeeded(physicalId, { Size: properties.Size }),
  delete: async ({ physicalId }) => succeeded(physicalId),
});

/** The bench handler: the framework serving only `Custom::Noop`. */
const handler = createHandler({ resources: [noop] });

export { handler };
