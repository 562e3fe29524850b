/**
 * `Custom::SriovAmiRegistration`: registers an AMI with SR-IOV enhanced networking
 * (`SriovNetSupport: simple`, and ENA by default), so every instance launched from it has it.
 * Create refuses unsafe input before any call, registers (or adopts its own earlier
 * registration) with the image's tags set by the registering call itself, then waits for
 * `available` through the framework's long-operation support. Physical id: the AMI id. The
 * snapshots the image references are never tagged or changed: they are not crkit's.
 */
import {
  ResourceError,
  defineResource,
  deterministicName,
  failed,
} from '../../../framework/index.js';
import type { CreateInput, Outcome, ResumeInput } from '../../../framework/index.js';
import { tagsToWrite } from '../stack-tags.js';
import { deregister } from './deregister.js';
import { sriovAmiIamStatements } from './iam.js';
import { Attributes, checkImage, waitForImage } from './image.js';
import { updateInPlace } from './in-place.js';
import { planRegistration } from './plan.js';
import { readSriovAmi } from './read.js';
import { refusalOf } from './refusals.js';
import { earlierRegistration, registerOrAdopt } from './register.js';
import { replaceOn, sriovAmiSchema } from './schema.js';
import type { SriovAmiProperties } from './schema.js';

/**
 * The image name: the author's, or one derived from the stack, the logical id and the replace-on
 * values.
 */
function imageNameOf(input: CreateInput<SriovAmiProperties>): string {
  const { properties, request } = input;
  if (properties.Name !== undefined) return properties.Name;
  const identity = Object.fromEntries(replaceOn.map((key) => [key, properties[key]]));
  return deterministicName({
    stackId: request.stackId,
    logicalResourceId: request.logicalResourceId,
    identity,
    maxLength: 128,
    disallowed: /[^A-Za-z0-9()[\]./'@_-]/g,
  });
}

async function create(input: CreateInput<SriovAmiProperties>): Promise<Outcome> {
  const refusal = refusalOf(input.properties);
  if (refusal !== undefined) return failed(refusal);
  const tags = await tagsToWrite(input, input.properties.Tags);
  const name = imageNameOf(input);
  const original = input.action === 'rollback' ? await earlierRegistration(name, input) : undefined;
  if (original !== undefined)
    return waitForImage({ imageId: original, polls: 0, since: Date.now() });
  const plan = await planRegistration(input.properties, { name, tags }, input);
  const imageId = await registerOrAdopt(plan, input);
  // From here on the image exists: whatever happens next (the deadline included), the answer names
  // it.
  input.markCreated(imageId);
  return waitForImage({ imageId, polls: 0, since: Date.now() });
}

async function resume(input: ResumeInput<SriovAmiProperties>): Promise<Outcome> {
  const { imageId, polls, since } = input.state;
  if (typeof imageId !== 'string' || typeof polls !== 'number')
    throw new ResourceError('the continuation state names no image', {
      physicalId: input.physicalId,
    });
  // A wait handed over before `since` was carried starts its clock now.
  return checkImage(
    {
      imageId,
      polls,
      since: typeof since === 'number' && Number.isFinite(since) ? since : Date.now(),
    },
    input,
  );
}

/** The resource definition the registry loads. */
const definition = defineResource({
  type: 'Custom::SriovAmiRegistration',
  properties: sriovAmiSchema,
  replaceOn,
  attributes: Attributes,
  iamStatements: sriovAmiIamStatements,
  create,
  update: updateInPlace,
  delete: deregister,
  resume,
  read: readSriovAmi,
});

export { definition };
