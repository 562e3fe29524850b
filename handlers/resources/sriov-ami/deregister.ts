/**
 * Delete: deregister the image, and nothing else. Its snapshots are never deleted: a
 * re-registration shares them with the source image, and a registration from a snapshot uses
 * the author's. An image that is already gone is success; one that no longer carries this
 * resource's ownership tags is left alone (crkit deletes only what is its own).
 */
import { succeeded } from '../../../framework/index.js';
import type { DeleteInput, Outcome } from '../../../framework/index.js';
import { describeOwner, isOwnedBy } from '../ownership.js';
import { awsErrorCode } from '../../../framework/index.js';
import { callEc2 } from './ec2-call.js';
import { describeImage } from './image.js';
import type { SriovAmiProperties } from './schema.js';

const goneCodes = new Set(['InvalidAMIID.NotFound', 'InvalidAMIID.Unavailable']);

/**
 * Deregisters the image if it is still there and ours.
 * @example
 * delete: (input) => deregister(input),
 */
async function deregister(input: DeleteInput<SriovAmiProperties>): Promise<Outcome> {
  const { physicalId, signal, log, request } = input;
  if (!/^ami-[0-9a-f]{8,17}$/.test(physicalId)) {
    log.warn('the physical id is not an image id: nothing to deregister', { physicalId });
    return succeeded(physicalId);
  }
  const image = await describeImage(physicalId, signal);
  if (image === undefined || image.State === 'deregistered') return succeeded(physicalId);
  if (!isOwnedBy(image.Tags, request)) {
    const note = `image ${physicalId} was left in place: it belongs to ${describeOwner(image.Tags)}, not to this resource`;
    log.warn(note, { physicalId });
    return succeeded(physicalId, {}, { note });
  }
  try {
    await callEc2('DeregisterImage', ({ client, sdk }) => client.send(new sdk.DeregisterImageCommand({ ImageId: physicalId }), { abortSignal: signal }));
  } catch (error) {
    if (!goneCodes.has(awsErrorCode(error) ?? '')) throw error;
  }
  log.info('deregistered the image; its snapshots are kept', { physicalId });
  return succeeded(physicalId);
}

export { deregister };
