/**
 * Delete: deregister the image, and nothing else. Its snapshots are never deleted: a
 * re-registration shares them with the source image, and a registration from a snapshot uses
 * the author's. An image that is already gone is success; one that does not carry this
 * resource's ownership tags is left alone (crkit deletes only what is its own). A pending id
 * (the answer of a Create whose RegisterImage outcome was lost) is resolved by name and ownership
 * tags, looking a few times because a just-registered image may not be visible yet.
 */
import { awsErrorCode, sleep, succeeded } from '../../../framework/index.js';
import type { DeleteInput, Outcome } from '../../../framework/index.js';
import { OwnershipTagKeys, describeOwner, isOwnedBy } from '../ownership.js';
import { callEc2 } from '../ec2-call.js';
import { ImageGoneCodes, describeImage } from './image.js';
import { nameOfPendingImage } from './pending-image.js';
import type { SriovAmiProperties } from './schema.js';

type Input = DeleteInput<SriovAmiProperties>;

/** Looks for a pending image this many times before concluding that none was registered. */
const pendingLooks = 3;

/** Wait before the second look; doubled for each further look. */
const firstLookDelayMs = 2000;

/** Time kept for the answer after a wait. */
const reserveMs = 3000;

async function deregisterOwned(imageId: string, input: Input): Promise<void> {
  try {
    await callEc2(input, 'DeregisterImage', ({ client, sdk }) =>
      client.send(new sdk.DeregisterImageCommand({ ImageId: imageId }), {
        abortSignal: input.signal,
      }),
    );
  } catch (error) {
    if (!ImageGoneCodes.has(awsErrorCode(error) ?? '')) throw error;
  }
  input.log.info('deregistered the image; its snapshots are kept', { imageId });
}

/** Images named `name` whose ownership tags name this resource. */
async function ownedImagesNamed(name: string, input: Input): Promise<string[]> {
  const { request, signal } = input;
  const filters = [
    { Name: 'name', Values: [name] },
    { Name: `tag:${OwnershipTagKeys.stackId}`, Values: [request.stackId] },
    { Name: `tag:${OwnershipTagKeys.logicalId}`, Values: [request.logicalResourceId] },
  ];
  const { Images } = await callEc2(input, 'DescribeImages', ({ client, sdk }) =>
    client.send(new sdk.DescribeImagesCommand({ Owners: ['self'], Filters: filters }), {
      abortSignal: signal,
    }),
  );
  return (Images ?? [])
    .filter(
      (image) =>
        image.Name === name && image.State !== 'deregistered' && isOwnedBy(image.Tags, request),
    )
    .flatMap((image) => (image.ImageId === undefined ? [] : [image.ImageId]));
}

/** Deregisters what a Create whose RegisterImage answer was lost may have registered. */
async function deregisterPending(name: string, input: Input): Promise<Outcome> {
  for (let look = 1; ; look += 1) {
    const found = await ownedImagesNamed(name, input);
    for (const imageId of found) await deregisterOwned(imageId, input);
    if (found.length > 0)
      return succeeded(
        input.physicalId,
        {},
        { note: `deregistered ${found.join(', ')}, registered by the failed create` },
      );
    const delayMs = firstLookDelayMs * 2 ** (look - 1);
    if (look >= pendingLooks || input.remainingMs() < delayMs + reserveMs) {
      input.log.info(
        'no image of this resource carries the name the failed create registered; ' +
          'nothing to deregister',
        { name, looks: look },
      );
      return succeeded(input.physicalId);
    }
    await sleep(delayMs, input.signal);
  }
}

/**
 * Deregisters the image if it is still there and ours.
 * @example
 * delete: (input) => deregister(input),
 */
async function deregister(input: Input): Promise<Outcome> {
  const { physicalId, log, request } = input;
  const pendingName = nameOfPendingImage(physicalId);
  if (pendingName !== undefined) return deregisterPending(pendingName, input);
  if (!/^ami-[0-9a-f]{8,17}$/.test(physicalId)) {
    log.warn('the physical id is not an image id: nothing to deregister', { physicalId });
    return succeeded(physicalId);
  }
  const image = await describeImage(input, physicalId);
  if (image === undefined || image.State === 'deregistered') return succeeded(physicalId);
  if (!isOwnedBy(image.Tags, request)) {
    const note =
      `image ${physicalId} was left in place: it belongs to ${describeOwner(image.Tags)}, ` +
      `not to this resource`;
    log.warn(note, { physicalId });
    return succeeded(physicalId, {}, { note });
  }
  await deregisterOwned(physicalId, input);
  return succeeded(physicalId);
}

export { deregister };
