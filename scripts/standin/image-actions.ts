/**
 * DescribeImages, DeregisterImage, ModifyImageAttribute and DescribeImageAttribute.
 */
import { ApiError, invalidValue, missingParameter } from './errors.js';
import { matchesFilters } from './filters.js';
import { checkImageId, findImage, ownedBy } from './image-lookup.js';
import { imageAttributeXml, imageXml } from './image-xml.js';
import { imageState } from './images.js';
import type { ImageRecord } from './images.js';
import { listParam, parseFilters, required } from './query.js';
import type { Params } from './query.js';
import type { World } from './world.js';
import { el, join, list } from './xml.js';
import type { Xml } from './xml.js';

const filterFields =
  (image: ImageRecord) =>
  (name: string): string[] | undefined => {
    const fields: Record<string, () => (string | boolean | undefined)[]> = {
      name: () => [image.name],
      'image-id': () => [image.imageId],
      state: () => [imageState(image, false).state],
      architecture: () => [image.architecture],
      'virtualization-type': () => [image.virtualizationType],
      'root-device-type': () => [image.rootDeviceType],
      'root-device-name': () => [image.rootDeviceName],
      'owner-id': () => [image.ownerId],
      'owner-alias': () => [image.ownerAlias],
      description: () => [image.description],
      'sriov-net-support': () => [image.sriovNetSupport],
      'ena-support': () => [image.enaSupport],
      'boot-mode': () => [image.bootMode],
      'is-public': () => [image.isPublic],
      'image-type': () => ['machine'],
      hypervisor: () => ['xen'],
      'block-device-mapping.snapshot-id': () => image.blockDevices.map((d) => d.snapshotId),
      'block-device-mapping.device-name': () => image.blockDevices.map((d) => d.deviceName),
    };
    const read = fields[name];
    return read?.()
      .filter((v) => v !== undefined)
      .map(String);
  };

const describeImages = (world: World, params: Params): Xml => {
  const ids = listParam(params, 'ImageId');
  for (const id of ids) findImage(world, id);
  const owners = listParam(params, 'Owner');
  const filters = parseFilters(params);
  const images = world.images
    .all()
    .filter((image) => ids.length === 0 || ids.includes(image.imageId))
    .filter(
      (image) =>
        owners.length === 0 ||
        owners.some((o) => ownedBy(world, o, image.ownerId, image.ownerAlias)),
    )
    .filter((image) => matchesFilters(filters, filterFields(image), world.tags.of(image.imageId)));
  return list('imagesSet', images, (image) => {
    const { state, reason } = imageState(image, true);
    return [imageXml(image, state, reason, world.tags.list(image.imageId))];
  });
};

const deleteSnapshotResults = (world: World, image: ImageRecord): Xml => {
  const ids = [...new Set(image.blockDevices.flatMap((d) => (d.snapshotId ? [d.snapshotId] : [])))];
  return list('deleteSnapshotResultSet', ids, (snapshotId) => {
    if (world.images.usingSnapshot(snapshotId, image.imageId).length > 0)
      return [el('snapshotId', snapshotId), el('returnCode', 'skipped')];
    world.snapshots.remove(snapshotId);
    world.tags.drop(snapshotId);
    return [el('snapshotId', snapshotId), el('returnCode', 'success')];
  });
};

const deregisterImage = (world: World, params: Params): Xml => {
  const image = findImage(world, required(params, 'ImageId', 'imageId'));
  if (image.ownerId !== world.account)
    throw new ApiError('AuthFailure', `Not authorized for image:${image.imageId}`);
  world.images.remove(image.imageId);
  world.tags.drop(image.imageId);
  const results =
    params.DeleteAssociatedSnapshots === 'true' ? deleteSnapshotResults(world, image) : undefined;
  return join(el('return', true), results);
};

const modifyImageAttribute = (world: World, params: Params): Xml => {
  const image = findImage(world, required(params, 'ImageId', 'imageId'));
  const attribute = params.Attribute;
  const description =
    params['Description.Value'] ?? (attribute === 'description' ? params.Value : undefined);
  if (description === undefined) {
    if (attribute !== undefined)
      throw invalidValue('attribute', attribute, 'The stand-in can modify only description.');
    throw missingParameter('description');
  }
  if (description.length > 255)
    throw invalidValue('description', description, 'At most 255 characters.');
  image.description = description;
  return el('return', true);
};

const describeImageAttribute = (world: World, params: Params): Xml => {
  const attribute = required(params, 'Attribute', 'attribute');
  const id = required(params, 'ImageId', 'imageId');
  checkImageId(id);
  const body = imageAttributeXml(findImage(world, id), attribute);
  if (!body) throw invalidValue('attribute', attribute);
  return body;
};

export { describeImages, deregisterImage, modifyImageAttribute, describeImageAttribute };
