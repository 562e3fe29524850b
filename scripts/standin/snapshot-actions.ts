/**
 * DescribeSnapshots and DeleteSnapshot; a snapshot an image still references is `InUse`.
 */
import { ApiError } from './errors.js';
import { matchesFilters } from './filters.js';
import { findSnapshot, ownedBy } from './image-lookup.js';
import { listParam, parseFilters, required } from './query.js';
import type { Params } from './query.js';
import { snapshotXml } from './snapshots.js';
import type { SnapshotRecord } from './snapshots.js';
import type { World } from './world.js';
import { el, list } from './xml.js';
import type { Xml } from './xml.js';

const filterFields =
  (snapshot: SnapshotRecord) =>
  (name: string): string[] | undefined => {
    const fields: Record<string, string> = {
      'snapshot-id': snapshot.snapshotId,
      'volume-id': snapshot.volumeId,
      'volume-size': String(snapshot.volumeSize),
      'owner-id': snapshot.ownerId,
      description: snapshot.description,
      status: 'completed',
      encrypted: String(snapshot.encrypted),
      progress: '100%',
    };
    const value = fields[name];
    return value === undefined ? undefined : [value];
  };

const describeSnapshots = (world: World, params: Params): Xml => {
  const ids = listParam(params, 'SnapshotId');
  for (const id of ids) findSnapshot(world, id);
  const owners = listParam(params, 'Owner');
  const filters = parseFilters(params);
  const snapshots = world.snapshots
    .all()
    .filter((s) => ids.length === 0 || ids.includes(s.snapshotId))
    .filter(
      (s) => owners.length === 0 || owners.some((o) => ownedBy(world, o, s.ownerId, undefined)),
    )
    .filter((s) => matchesFilters(filters, filterFields(s), world.tags.of(s.snapshotId)));
  return list('snapshotSet', snapshots, (s) => [snapshotXml(s, world.tags.list(s.snapshotId))]);
};

const deleteSnapshot = (world: World, params: Params): Xml => {
  const snapshot = findSnapshot(world, required(params, 'SnapshotId', 'snapshotId'));
  const user = world.images.usingSnapshot(snapshot.snapshotId)[0];
  if (user) {
    throw new ApiError(
      'InvalidSnapshot.InUse',
      `The snapshot ${snapshot.snapshotId} is currently in use by ${user.imageId}`,
    );
  }
  world.snapshots.remove(snapshot.snapshotId);
  world.tags.drop(snapshot.snapshotId);
  return el('return', true);
};

export { describeSnapshots, deleteSnapshot };
