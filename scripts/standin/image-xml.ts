/**
 * The EC2 XML of one image (`imagesSet/item`) and of `DescribeImageAttribute`.
 * Element names follow the EC2 model's `xmlName`s, which the SDK deserializer reads.
 */
import type { BlockDevice, ImageRecord, StateReason } from './images.js';
import { tagSetXml } from './tags.js';
import type { Tag } from './tags.js';
import { el, field, join, list } from './xml.js';
import type { Xml } from './xml.js';

const blockDeviceXml = (device: BlockDevice): Xml[] => [
  el('deviceName', device.deviceName),
  field('virtualName', device.virtualName),
  device.snapshotId === undefined && device.volumeSize === undefined
    ? { xml: '' }
    : el(
        'ebs',
        field('snapshotId', device.snapshotId),
        field('volumeSize', device.volumeSize),
        field('deleteOnTermination', device.deleteOnTermination ?? true),
        field('volumeType', device.volumeType ?? 'gp3'),
        field('iops', device.iops),
        field('throughput', device.throughput),
        field('encrypted', device.encrypted ?? false),
      ),
];

/** Item content for one image in the state a Describe call sees. */
const imageXml = (
  image: ImageRecord,
  state: string,
  reason: StateReason | undefined,
  tags: readonly Tag[],
): Xml =>
  join(
    el('imageId', image.imageId),
    field('imageLocation', image.imageLocation ?? `${image.ownerId}/${image.name}`),
    el('imageState', state),
    el('imageOwnerId', image.ownerId),
    el('creationDate', image.creationDate),
    el('isPublic', image.isPublic),
    el('architecture', image.architecture),
    el('imageType', 'machine'),
    field('kernelId', image.kernelId),
    field('ramdiskId', image.ramdiskId),
    field('imageOwnerAlias', image.ownerAlias),
    el('platformDetails', 'Linux/UNIX'),
    el('usageOperation', 'RunInstances'),
    field('sriovNetSupport', image.sriovNetSupport),
    field('enaSupport', image.enaSupport),
    reason ? el('stateReason', el('code', reason.code), el('message', reason.message)) : undefined,
    el('name', image.name),
    field('description', image.description),
    el('rootDeviceType', image.rootDeviceType),
    field('rootDeviceName', image.rootDeviceName),
    list('blockDeviceMapping', image.blockDevices, blockDeviceXml),
    el('virtualizationType', image.virtualizationType),
    tagSetXml(tags),
    el('hypervisor', 'xen'),
    field('bootMode', image.bootMode),
    field('imdsSupport', image.imdsSupport),
    field('tpmSupport', image.tpmSupport),
  );

const value = (name: string, text: string | undefined): Xml =>
  text === undefined ? el(name) : el(name, el('value', text));

/**
 * Body of `DescribeImageAttribute` for the attributes the stand-in knows. Returns `undefined` for
 * others.
 */
const imageAttributeXml = (image: ImageRecord, attribute: string): Xml | undefined => {
  const single: Record<string, () => Xml> = {
    description: () => value('description', image.description),
    sriovNetSupport: () => value('sriovNetSupport', image.sriovNetSupport),
    bootMode: () => value('bootMode', image.bootMode),
    imdsSupport: () => value('imdsSupport', image.imdsSupport),
    tpmSupport: () => value('tpmSupport', image.tpmSupport),
    kernel: () => value('kernel', image.kernelId),
    ramdisk: () => value('ramdisk', image.ramdiskId),
    blockDeviceMapping: () => list('blockDeviceMapping', image.blockDevices, blockDeviceXml),
    launchPermission: () => el('launchPermission'),
    productCodes: () => el('productCodes'),
  };
  const build = single[attribute];
  return build ? join(el('imageId', image.imageId), build()) : undefined;
};

export { imageXml, imageAttributeXml };
