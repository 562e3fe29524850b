/**
 * Finding images and snapshots by id with EC2's malformed / not-found errors.
 */
import { ApiError } from './errors.js';
import type { ImageRecord } from './images.js';
import type { SnapshotRecord } from './snapshots.js';
import type { World } from './world.js';

const AMI_ID = /^ami-[0-9a-f]{8,17}$/;
const SNAPSHOT_ID = /^snap-[0-9a-f]{8,17}$/;

/** Checks the `ami-…` form. */
const checkImageId = (id: string): void => {
  if (!AMI_ID.test(id))
    throw new ApiError('InvalidAMIID.Malformed', `Invalid id: "${id}" (expecting "ami-...")`);
};

/** The image, or `InvalidAMIID.Malformed` / `InvalidAMIID.NotFound`. */
const findImage = (world: World, id: string): ImageRecord => {
  checkImageId(id);
  const image = world.images.get(id);
  if (!image) throw new ApiError('InvalidAMIID.NotFound', `The image id '[${id}]' does not exist`);
  return image;
};

/** The snapshot, or `InvalidSnapshotID.Malformed` / `InvalidSnapshot.NotFound`. */
const findSnapshot = (world: World, id: string): SnapshotRecord => {
  if (!SNAPSHOT_ID.test(id))
    throw new ApiError('InvalidSnapshotID.Malformed', `Invalid id: "${id}" (expecting "snap-...")`);
  const snapshot = world.snapshots.get(id);
  if (!snapshot)
    throw new ApiError('InvalidSnapshot.NotFound', `The snapshot '${id}' does not exist.`);
  return snapshot;
};

/** Whether an owner selector (`self`, `amazon`, an account id) matches. */
const ownedBy = (
  world: World,
  owner: string,
  ownerId: string,
  ownerAlias: string | undefined,
): boolean =>
  owner === 'self' ? ownerId === world.account : owner === ownerId || owner === ownerAlias;

export { checkImageId, findImage, findSnapshot, ownedBy };
