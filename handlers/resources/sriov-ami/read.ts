/**
 * Drift detection's look at a registered image: one DescribeImages by id (the physical id).
 * An image EC2 no longer knows, or that is deregistered, is gone (DELETED): nothing can be
 * launched from it any more. An image in any other state than `available` (failed, error,
 * invalid, disabled, pending) still exists, so it is MODIFIED, with `/State` as the difference.
 * Name, SriovNetSupport, EnaSupport, Architecture, BootMode, RootDeviceName, Description and the
 * root device's snapshot (RootSnapshotId) are compared where the template declares them; an
 * undeclared SriovNetSupport or EnaSupport is expected at what create registers (`simple`,
 * `true`). Tags are compared with what crkit writes. The snapshots are never read or changed.
 */
import type { LiveState, ReadInput } from '../../../framework/index.js';
import { tagRecord } from '../ownership.js';
import { describeImage } from './image.js';
import { Simple } from './refusals.js';
import type { SriovAmiProperties } from './schema.js';

/**
 * The image as it is now.
 * @example
 * read: readSriovAmi
 */
async function readSriovAmi(input: ReadInput<SriovAmiProperties>): Promise<LiveState> {
  const image = await describeImage(input, input.physicalId);
  if (image === undefined || image.State === 'deregistered') return { kind: 'gone' };
  const root = image.BlockDeviceMappings?.find(
    (mapping) => mapping.DeviceName === image.RootDeviceName,
  );
  const observations: Record<string, { readonly expected: unknown; readonly actual: unknown }> = {
    State: { expected: 'available', actual: image.State },
  };
  if (input.properties.SriovNetSupport === undefined)
    observations.SriovNetSupport = { expected: Simple, actual: image.SriovNetSupport };
  if (input.properties.EnaSupport === undefined)
    observations.EnaSupport = { expected: true, actual: image.EnaSupport === true };
  return {
    kind: 'found',
    properties: {
      Name: image.Name,
      SriovNetSupport: image.SriovNetSupport,
      EnaSupport: image.EnaSupport === true,
      Architecture: image.Architecture,
      BootMode: image.BootMode,
      RootDeviceName: image.RootDeviceName,
      RootSnapshotId: root?.Ebs?.SnapshotId,
      Description: image.Description ?? '',
    },
    tags: tagRecord(image.Tags),
    observations,
  };
}

export { readSriovAmi };
