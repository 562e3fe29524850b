/**
 * Changes made behind a provider's back, as a person with console access or another tool would
 * make them: a tag removed, an image attribute changed, an image deregistered. They change the
 * state directly, so they never show up in the call log of the provider under test.
 */
import type { ImageRecord } from './images.js';
import { setOutcome } from './images.js';
import type { World } from './world.js';

/** New values for image attributes; `null` removes the attribute, a missing key leaves it. */
type ImageAttributeChange = {
  readonly enaSupport?: boolean | null;
  readonly sriovNetSupport?: string | null;
  readonly bootMode?: string | null;
  readonly description?: string | null;
};

/** How an image goes away: gone from every Describe at once, or still listed as `deregistered`. */
type DeregisterOptions = { readonly lingering?: boolean };

const requireImage = (world: World, imageId: string): ImageRecord => {
  const image = world.images.get(imageId);
  if (image === undefined) throw new TypeError(`No image ${imageId} in the stand-in`);
  return image;
};

/**
 * The EC2 id of a tagged resource given by id (`pg-…`, `ami-…`, `snap-…`) or by placement group
 * name.
 */
const taggedResourceId = (world: World, resource: string): string => {
  if (
    world.images.get(resource) ??
    world.snapshots.get(resource) ??
    world.placementGroups.byId(resource)
  )
    return resource;
  const group = world.placementGroups.byName(resource);
  if (group === undefined)
    throw new TypeError(`No image, snapshot or placement group ${resource} in the stand-in`);
  return group.groupId;
};

/** Removes tags by key from a resource. */
const removeTags = (world: World, resource: string, keys: readonly string[]): void => {
  world.tags.remove(
    taggedResourceId(world, resource),
    keys.map((Key) => ({ Key })),
  );
};

const changed = <T>(value: T | null | undefined, current: T | undefined): T | undefined =>
  value === undefined ? current : (value ?? undefined);

/** Changes image attributes in place (the image keeps its id, tags and state). */
const setImageAttributes = (world: World, imageId: string, change: ImageAttributeChange): void => {
  const image = requireImage(world, imageId);
  world.images.add({
    ...image,
    enaSupport: changed(change.enaSupport, image.enaSupport),
    sriovNetSupport: changed(change.sriovNetSupport, image.sriovNetSupport),
    bootMode: changed(change.bootMode, image.bootMode),
    description: changed(change.description, image.description),
  });
};

/** Deregisters an image (its snapshots stay, as DeregisterImage leaves them by default). */
const deregisterImage = (world: World, imageId: string, options: DeregisterOptions = {}): void => {
  const image = requireImage(world, imageId);
  if (options.lingering === true) {
    setOutcome(image, { result: 'deregistered' });
    return;
  }
  world.images.remove(imageId);
  world.tags.drop(imageId);
};

export { deregisterImage, removeTags, setImageAttributes };
export type { DeregisterOptions, ImageAttributeChange };
