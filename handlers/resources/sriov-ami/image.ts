/**
 * Reading the registered image back: DescribeImages by id (a just-registered image may not be
 * visible yet: eventual consistency), its state turned into an outcome, and the attributes.
 */
import type { Image } from '@aws-sdk/client-ec2';
import { failed, inProgress, succeeded } from '../../../framework/index.js';
import type { BaseInput, Outcome } from '../../../framework/index.js';
import { describeOwner, isOwnedBy } from '../ownership.js';
import { awsErrorCode } from '../../../framework/index.js';
import { callEc2 } from '../ec2-call.js';
import type { Ec2CallContext } from '../ec2-call.js';

/** The attributes `Fn::GetAtt` may read. */
const Attributes = ['ImageId', 'Name', 'SriovNetSupport', 'EnaSupport', 'RootSnapshotId'] as const;

/**
 * How long DescribeImages may not show a registered image (eventual consistency) before crkit gives
 * up.
 */
const invisibleForMs = 120_000;

/** The codes with which EC2 says it knows no such image. */
const ImageGoneCodes: ReadonlySet<string> = new Set([
  'InvalidAMIID.NotFound',
  'InvalidAMIID.Unavailable',
]);

/**
 * The image, or undefined when EC2 does not know it (not yet, or no longer).
 * @example
 * const image = await describeImage(input, 'ami-0abc');
 */
async function describeImage(
  context: Ec2CallContext,
  imageId: string,
  leftBehind?: string,
): Promise<Image | undefined> {
  try {
    const { Images } = await callEc2(
      context,
      'DescribeImages',
      ({ client, sdk }) =>
        client.send(new sdk.DescribeImagesCommand({ ImageIds: [imageId] }), {
          abortSignal: context.signal,
        }),
      leftBehind,
    );
    return Images?.find((image) => image.ImageId === imageId);
  } catch (error) {
    if (ImageGoneCodes.has(awsErrorCode(error) ?? '')) return undefined;
    throw error;
  }
}

/**
 * The answer's attributes, read from the image.
 * @example
 * succeeded(image.ImageId, attributesOf(image))
 */
function attributesOf(image: Image): Record<(typeof Attributes)[number], string> {
  const root = image.BlockDeviceMappings?.find(
    (mapping) => mapping.DeviceName === image.RootDeviceName,
  );
  return {
    ImageId: image.ImageId ?? '',
    Name: image.Name ?? '',
    SriovNetSupport: image.SriovNetSupport ?? '',
    EnaSupport: String(image.EnaSupport === true),
    RootSnapshotId: root?.Ebs?.SnapshotId ?? '',
  };
}

/**
 * Where a wait for an image stands: its id, the looks so far, and since when (epoch ms) crkit
 * waits.
 */
type ImageWait = { readonly imageId: string; readonly polls: number; readonly since: number };

/**
 * The step that waits for `imageId` to become available, on the framework's polling schedule.
 * @example
 * return waitForImage({ imageId: 'ami-0abc', polls: 0, since: Date.now() });
 */
function waitForImage(wait: ImageWait): Outcome {
  return inProgress({
    waitingFor: `image ${wait.imageId} to become available`,
    state: { ...wait },
    physicalId: wait.imageId,
  });
}

/**
 * One look at the image: available → SUCCESS; pending → wait again; failed, error, invalid (or
 * gone) → FAILED with the image's StateReason. An image without this resource's ownership tags
 * is never waited for or answered with, whatever the step's state names.
 * @example
 * return checkImage({ imageId, polls }, input);
 */
async function checkImage(
  step: ImageWait,
  input: Pick<BaseInput, 'signal' | 'request'>,
): Promise<Outcome> {
  const { imageId, polls } = step;
  const next = { ...step, polls: polls + 1 };
  const image = await describeImage(input, imageId, imageId);
  if (image === undefined) {
    const waitedSeconds = Math.round((Date.now() - step.since) / 1000);
    return Date.now() - step.since < invisibleForMs
      ? waitForImage(next)
      : failed(
          `image ${imageId} was registered but DescribeImages has not shown it in ` +
            `${waitedSeconds} s`,
          imageId,
        );
  }
  if (!isOwnedBy(image.Tags, input.request)) {
    return failed(
      `image ${imageId} belongs to ${describeOwner(image.Tags)}, not to this resource; ` +
        `crkit does not wait for or answer with it`,
    );
  }
  switch (image.State) {
    case 'available':
      return succeeded(imageId, attributesOf(image));
    case 'pending':
    case 'transient':
      return waitForImage(next);
    default: {
      const why =
        image.StateReason === undefined
          ? 'no reason given'
          : `${image.StateReason.Code ?? 'unknown'}: ${image.StateReason.Message ?? ''}`.trim();
      return failed(
        `image ${imageId} became ${image.State ?? 'unusable'} instead of available (${why})`,
        imageId,
      );
    }
  }
}

export { Attributes, ImageGoneCodes, attributesOf, checkImage, describeImage, waitForImage };
