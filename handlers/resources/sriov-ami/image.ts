/**
 * Reading the registered image back: DescribeImages by id (a just-registered image may not be
 * visible yet: eventual consistency), its state turned into an outcome, and the attributes.
 */
import type { Image } from '@aws-sdk/client-ec2';
import { failed, inProgress, succeeded } from '../../../framework/index.js';
import type { BaseInput, Outcome } from '../../../framework/index.js';
import { describeOwner, isOwnedBy } from '../ownership.js';
import { awsErrorCode } from '../../../framework/index.js';
import { callEc2 } from './ec2-call.js';

/** The attributes `Fn::GetAtt` may read. */
const Attributes = ['ImageId', 'Name', 'SriovNetSupport', 'EnaSupport', 'RootSnapshotId'] as const;

/** Looks so many times for an image that DescribeImages does not show yet before giving up. */
const maxInvisiblePolls = 8;

const goneCodes = new Set(['InvalidAMIID.NotFound', 'InvalidAMIID.Unavailable']);

/**
 * The image, or undefined when EC2 does not know it (not yet, or no longer).
 * @example
 * const image = await describeImage('ami-0abc', signal);
 */
async function describeImage(imageId: string, signal: AbortSignal, leftBehind?: string): Promise<Image | undefined> {
  try {
    const { Images } = await callEc2('DescribeImages', ({ client, sdk }) => client.send(new sdk.DescribeImagesCommand({ ImageIds: [imageId] }), { abortSignal: signal }), leftBehind);
    return Images?.find((image) => image.ImageId === imageId);
  } catch (error) {
    if (goneCodes.has(awsErrorCode(error) ?? '')) return undefined;
    throw error;
  }
}

/**
 * The answer's attributes, read from the image.
 * @example
 * succeeded(image.ImageId, attributesOf(image))
 */
function attributesOf(image: Image): Record<(typeof Attributes)[number], string> {
  const root = image.BlockDeviceMappings?.find((mapping) => mapping.DeviceName === image.RootDeviceName);
  return {
    ImageId: image.ImageId ?? '',
    Name: image.Name ?? '',
    SriovNetSupport: image.SriovNetSupport ?? '',
    EnaSupport: String(image.EnaSupport === true),
    RootSnapshotId: root?.Ebs?.SnapshotId ?? '',
  };
}

/**
 * The step that waits for `imageId` to become available: first look after 5 s, then every 15 s.
 * @example
 * return waitForImage('ami-0abc', 0);
 */
function waitForImage(imageId: string, polls: number): Outcome {
  return inProgress({ waitingFor: `image ${imageId} to become available`, state: { imageId, polls }, delaySeconds: polls === 0 ? 5 : 15, physicalId: imageId });
}

/**
 * One look at the image: available → SUCCESS; pending → wait again; failed, error, invalid (or
 * gone) → FAILED with the image's StateReason. An image without this resource's ownership tags
 * is never waited for or answered with, whatever the step's state names.
 * @example
 * return checkImage({ imageId, polls }, input);
 */
async function checkImage(step: { readonly imageId: string; readonly polls: number }, input: Pick<BaseInput, 'signal' | 'request'>): Promise<Outcome> {
  const { imageId, polls } = step;
  const image = await describeImage(imageId, input.signal, imageId);
  if (image === undefined) {
    return polls < maxInvisiblePolls ? waitForImage(imageId, polls + 1) : failed(`image ${imageId} was registered but DescribeImages does not show it`, imageId);
  }
  if (!isOwnedBy(image.Tags, input.request)) {
    return failed(`image ${imageId} belongs to ${describeOwner(image.Tags)}, not to this resource; crkit does not wait for or answer with it`);
  }
  switch (image.State) {
    case 'available':
      return succeeded(imageId, attributesOf(image));
    case 'pending':
    case 'transient':
      return waitForImage(imageId, polls + 1);
    default: {
      const why = image.StateReason === undefined ? 'no reason given' : `${image.StateReason.Code ?? 'unknown'}: ${image.StateReason.Message ?? ''}`.trim();
      return failed(`image ${imageId} became ${image.State ?? 'unusable'} instead of available (${why})`, imageId);
    }
  }
}

export { Attributes, attributesOf, checkImage, describeImage, waitForImage };
