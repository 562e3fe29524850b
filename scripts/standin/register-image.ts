/**
 * RegisterImage: validates like EC2 (name rules, duplicate names, snapshots that must exist,
 * image-only tag specifications) and stores a `pending` image that settles per its outcome.
 */
import { ApiError, invalidValue, missingParameter } from './errors.js';
import { findSnapshot } from './image-lookup.js';
import { setOutcome } from './images.js';
import type { BlockDevice, ImageRecord } from './images.js';
import { boolParam, intParam, structList } from './query.js';
import type { Params } from './query.js';
import { parseTagSpecifications } from './tags.js';
import type { World } from './world.js';
import { el } from './xml.js';
import type { Xml } from './xml.js';

const NAME = /^[A-Za-z0-9()[\] ./\-'@_]{3,128}$/;
const ARCHITECTURES = ['i386', 'x86_64', 'arm64', 'x86_64_mac', 'arm64_mac'];
const BOOT_MODES = ['legacy-bios', 'uefi', 'uefi-preferred'];

const oneOf = (name: string, value: string | undefined, allowed: readonly string[]): void => {
  if (value !== undefined && !allowed.includes(value))
    throw invalidValue(name, value, `Valid values: ${allowed.join(' | ')}`);
};

const parseMappings = (world: World, params: Params): BlockDevice[] =>
  structList(params, 'BlockDeviceMapping').map((entry) => {
    const snapshotId = entry['Ebs.SnapshotId'];
    if (snapshotId !== undefined) findSnapshot(world, snapshotId);
    const encrypted = boolParam(entry, 'Ebs.Encrypted');
    if (snapshotId !== undefined && encrypted !== undefined) {
      throw new ApiError(
        'InvalidParameterCombination',
        'The parameter Encrypted cannot be used together with SnapshotId.',
      );
    }
    const deviceName = entry.DeviceName;
    if (!deviceName)
      throw new ApiError(
        'InvalidBlockDeviceMapping',
        'Each block device mapping needs a DeviceName.',
      );
    return {
      deviceName,
      snapshotId,
      volumeSize:
        intParam(entry, 'Ebs.VolumeSize') ??
        (snapshotId ? world.snapshots.get(snapshotId)?.volumeSize : undefined),
      volumeType: entry['Ebs.VolumeType'],
      deleteOnTermination: boolParam(entry, 'Ebs.DeleteOnTermination'),
      encrypted,
      iops: intParam(entry, 'Ebs.Iops'),
      throughput: intParam(entry, 'Ebs.Throughput'),
      virtualName: entry.VirtualName,
    };
  });

const checkRoot = (
  rootDeviceName: string | undefined,
  imageLocation: string | undefined,
  devices: readonly BlockDevice[],
): void => {
  if (imageLocation !== undefined) return;
  if (rootDeviceName === undefined) throw missingParameter('rootDeviceName');
  const root = devices.find((device) => device.deviceName === rootDeviceName);
  if (!root?.snapshotId) {
    throw new ApiError(
      'InvalidBlockDeviceMapping',
      `The root device ${rootDeviceName} must map to an EBS snapshot in BlockDeviceMapping.`,
    );
  }
};

const readFields = (params: Params): { name: string; description: string | undefined } => {
  const name = params.Name;
  if (name === undefined || name === '') throw missingParameter('name');
  if (!NAME.test(name)) {
    throw new ApiError(
      'InvalidAMIName.Malformed',
      `AMI names must be between 3 and 128 characters long, and may contain letters, ` +
        `numbers, '(', ')', '.', '-', '/' and '_' (got '${name}')`,
    );
  }
  const description = params.Description;
  if (description !== undefined && description.length > 255)
    throw invalidValue('description', description, 'At most 255 characters.');
  oneOf('architecture', params.Architecture, ARCHITECTURES);
  oneOf('virtualizationType', params.VirtualizationType, ['hvm', 'paravirtual']);
  oneOf('bootMode', params.BootMode, BOOT_MODES);
  return { name, description };
};

const registerImage = (world: World, params: Params): Xml => {
  const { name, description } = readFields(params);
  const tags = parseTagSpecifications(params, 'image');
  const devices = parseMappings(world, params);
  const imageLocation = params.ImageLocation;
  checkRoot(params.RootDeviceName, imageLocation, devices);
  const duplicate = world.images.byName(name, world.account);
  if (duplicate)
    throw new ApiError(
      'InvalidAMIName.Duplicate',
      `AMI name ${name} is already in use by AMI ${duplicate.imageId}`,
    );
  const imageId = world.nextId('ami');
  world.tags.put(imageId, tags);
  const image: ImageRecord = {
    imageId,
    name,
    description,
    architecture: params.Architecture ?? 'i386',
    virtualizationType: params.VirtualizationType ?? 'paravirtual',
    rootDeviceName: params.RootDeviceName,
    rootDeviceType: imageLocation === undefined ? 'ebs' : 'instance-store',
    blockDevices: devices,
    sriovNetSupport: params.SriovNetSupport,
    enaSupport: boolParam(params, 'EnaSupport'),
    bootMode: params.BootMode,
    imdsSupport: params.ImdsSupport,
    tpmSupport: params.TpmSupport,
    imageLocation,
    kernelId: params.KernelId,
    ramdiskId: params.RamdiskId,
    ownerId: world.account,
    ownerAlias: undefined,
    isPublic: false,
    creationDate: new Date().toISOString(),
    outcome: world.images.defaultOutcome,
    progress: { readiness: { never: true }, createdAt: 0, describes: 0, readyAt: undefined },
  };
  setOutcome(image, world.images.outcomeByName.get(name) ?? world.images.defaultOutcome);
  world.images.add(image);
  return el('imageId', imageId);
};

export { registerImage };
