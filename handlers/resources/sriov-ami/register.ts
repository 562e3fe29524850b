/**
 * Registering, idempotently. RegisterImage has no ClientToken; the image's name is the key. A
 * repeated Create gets `InvalidAMIName.Duplicate` and adopts the image only when its ownership
 * tags name this stack and logical id (they were set atomically, at registration). The snapshots
 * the image references are never tagged: they are the source image's or the author's, not crkit's.
 */
import { ResourceError } from '../../../framework/index.js';
import type { Image } from '@aws-sdk/client-ec2';
import type { CreateInput } from '../../../framework/index.js';
import { describeOwner, isOwnedBy } from '../ownership.js';
import { awsErrorCode } from '../../../framework/index.js';
import { callEc2 } from '../ec2-call.js';
import { pendingImageId } from './pending-image.js';
import type { Plan } from './plan.js';
import type { SriovAmiProperties } from './schema.js';

type Input = Pick<
  CreateInput<SriovAmiProperties>,
  'action' | 'request' | 'log' | 'signal' | 'replacing' | 'creating'
>;

async function imageNamed(name: string, input: Input): Promise<Image | undefined> {
  const { Images } = await callEc2(input, 'DescribeImages', ({ client, sdk }) =>
    client.send(
      new sdk.DescribeImagesCommand({
        Owners: ['self'],
        Filters: [{ Name: 'name', Values: [name] }],
      }),
      { abortSignal: input.signal },
    ),
  );
  return Images?.find(
    (image) => image.Name === name && image.ImageId !== undefined && image.State !== 'deregistered',
  );
}

/**
 * In an update rollback, the image this resource registered for the properties it returns to:
 * the original AMI (its name is derived from, or given by, those properties). Looked up before
 * anything else, so the rollback neither re-reads a source image that may be gone by now nor
 * registers anything.
 * @example
 * const original =
 *   input.action === 'rollback' ? await earlierRegistration(name, input) : undefined;
 */
async function earlierRegistration(name: string, input: Input): Promise<string | undefined> {
  const existing = await imageNamed(name, input);
  if (existing?.ImageId === undefined || !isOwnedBy(existing.Tags, input.request)) return undefined;
  input.log.info('update rollback: returning to the image registered before the update', {
    imageId: existing.ImageId,
    name,
  });
  return existing.ImageId;
}

async function adopt(name: string, input: Input): Promise<string> {
  const existing = await imageNamed(name, input);
  if (existing?.ImageId === undefined) {
    throw new ResourceError(
      `The image name ${name} is taken, but DescribeImages shows no such image ` +
        `(deregistered moments ago?); retry the stack operation in a few minutes`,
    );
  }
  // A rollback returns to the image the failed update was replacing: that one is the answer.
  if (existing.ImageId === input.replacing?.physicalId && input.action !== 'rollback') {
    throw new ResourceError(
      `Name ${name} is still used by ${existing.ImageId}, the image this update ` +
        `replaces; give the replacement another Name, or remove Name to let crkit derive ` +
        `one`,
    );
  }
  if (!isOwnedBy(existing.Tags, input.request)) {
    throw new ResourceError(
      `An image named ${name} already exists (${existing.ImageId}) and belongs to ` +
        `${describeOwner(existing.Tags)}; crkit adopts only images it registered for this ` +
        `resource. Choose another Name`,
    );
  }
  input.log.info('adopting the image an earlier attempt registered', {
    imageId: existing.ImageId,
    name,
  });
  return existing.ImageId;
}

/**
 * Registers the plan's image, or adopts the one an earlier attempt registered.
 * @example
 * const imageId = await registerOrAdopt(plan, input);
 */
async function registerOrAdopt(plan: Plan, input: Input): Promise<string> {
  const name = plan.input.Name ?? '';
  try {
    // Until EC2 answers, the image may exist without an id we know: the answer names it by name.
    const { ImageId } = await input.creating(pendingImageId(name), () =>
      callEc2(input, 'RegisterImage', ({ client, sdk }) =>
        client.send(new sdk.RegisterImageCommand(plan.input), { abortSignal: input.signal }),
      ),
    );
    if (ImageId === undefined)
      throw new ResourceError(`ec2:RegisterImage returned no ImageId for ${name}`);
    input.log.info('registered the image', { imageId: ImageId, name });
    return ImageId;
  } catch (error) {
    if (awsErrorCode(error) !== 'InvalidAMIName.Duplicate') throw error;
    return adopt(name, input);
  }
}

export { earlierRegistration, imageNamed, registerOrAdopt };
