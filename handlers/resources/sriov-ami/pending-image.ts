/**
 * The id a Create answers with while the image it registers has no id yet. RegisterImage returns
 * the image id only in its answer, and that answer can be lost (the deadline, a reset connection,
 * no answer at all) after EC2 registered the image. The image's name is deterministic and its
 * ownership tags are set by the same call, so this id names how to find it: the rollback's
 * Delete looks the image up by name and ownership tags, and deregisters what it finds.
 */

const prefix = 'crkit:image-named:';

/**
 * The id that stands for "the image named `name`, if it exists".
 * @example
 * pendingImageId('web-Image-3f9a0c1b2d') // 'crkit:image-named:web-Image-3f9a0c1b2d'
 */
function pendingImageId(name: string): string {
  return `${prefix}${name}`;
}

/**
 * The image name a pending id stands for, or undefined for any other id.
 * @example
 * nameOfPendingImage('ami-0123456789abcdef0') // undefined
 */
function nameOfPendingImage(physicalId: string): string | undefined {
  return physicalId.startsWith(prefix) ? physicalId.slice(prefix.length) : undefined;
}

export { nameOfPendingImage, pendingImageId };
