/**
 * What this resource refuses before making any AWS call, each with a Reason that tells the
 * template author why and what to do. SR-IOV cannot be turned off once an image has it, so a
 * wrong registration cannot be repaired, only replaced.
 */
import type { SriovAmiProperties } from './schema.js';

/** The one value EC2 knows for SriovNetSupport. */
const Simple = 'simple';

function driverRefusal(properties: SriovAmiProperties): string | undefined {
  if (properties.DriverConfirmed === true) return undefined;
  return (
    'DriverConfirmed must be true. Enabling SR-IOV on an image whose operating system ' +
    'lacks the ixgbevf (Intel 82599) or ena driver ' +
    'leaves every instance launched from it without network, and the setting cannot be ' +
    'undone. Install the driver in the image first, ' +
    'then set DriverConfirmed: true'
  );
}

function valueRefusal(properties: SriovAmiProperties): string | undefined {
  const value = properties.SriovNetSupport;
  if (value === undefined || value === Simple) return undefined;
  return (
    `SriovNetSupport must be "simple" (got ${JSON.stringify(value.slice(0, 40))}): it is ` +
    `the only value EC2 knows, and once an image has it, it cannot be turned off`
  );
}

function sourceRefusal(properties: SriovAmiProperties): string | undefined {
  const { SourceImageId, RootSnapshotId } = properties;
  if ((SourceImageId === undefined) === (RootSnapshotId === undefined)) {
    return (
      'Give exactly one of SourceImageId (re-register that image with SR-IOV) or ' +
      'RootSnapshotId (register a new image from that snapshot)'
    );
  }
  if (
    RootSnapshotId !== undefined &&
    (properties.RootDeviceName === undefined || properties.Architecture === undefined)
  ) {
    return (
      'RootSnapshotId needs RootDeviceName (such as /dev/xvda) and Architecture (x86_64 or ' +
      'arm64): EC2 would otherwise register an i386 image'
    );
  }
  if (
    SourceImageId !== undefined &&
    (properties.RootDeviceName !== undefined || properties.Architecture !== undefined)
  ) {
    return (
      'RootDeviceName and Architecture are copied from SourceImageId; remove them, or ' +
      'register from RootSnapshotId instead'
    );
  }
  return undefined;
}

/**
 * The first reason to refuse these properties, or undefined.
 * @example
 * const refusal = refusalOf(properties);
 * if (refusal !== undefined) return failed(refusal);
 */
function refusalOf(properties: SriovAmiProperties): string | undefined {
  return driverRefusal(properties) ?? valueRefusal(properties) ?? sourceRefusal(properties);
}

export { Simple, refusalOf };
