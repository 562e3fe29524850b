/**
 * EBS snapshot records (seeded or implied by seeded images) and their EC2 XML shape.
 * Snapshots are always `completed`: the stand-in has no volumes to copy.
 */
import { tagSetXml } from './tags.js';
import type { Tag } from './tags.js';
import { el, field, join } from './xml.js';
import type { Xml } from './xml.js';

/** One stored snapshot. */
type SnapshotRecord = {
  readonly snapshotId: string;
  readonly volumeId: string;
  readonly volumeSize: number;
  readonly description: string;
  readonly ownerId: string;
  readonly encrypted: boolean;
  readonly startTime: Date;
};

/** Fields a test may give when seeding a snapshot. */
type SnapshotSeed = {
  /** @default a generated `snap-…` id */
  readonly snapshotId?: string;
  /** @default 8 */
  readonly volumeSize?: number;
  /** @default '' */
  readonly description?: string;
  /** @default the stand-in's account */
  readonly ownerId?: string;
  /** @default false */
  readonly encrypted?: boolean;
  /** @default none */
  readonly tags?: readonly Tag[];
};

/** All snapshots. */
class SnapshotStore {
  #byId = new Map<string, SnapshotRecord>();

  add(record: SnapshotRecord): SnapshotRecord {
    this.#byId.set(record.snapshotId, record);
    return record;
  }

  get(id: string): SnapshotRecord | undefined {
    return this.#byId.get(id);
  }

  all(): SnapshotRecord[] {
    return [...this.#byId.values()];
  }

  remove(id: string): void {
    this.#byId.delete(id);
  }
}

/** The item content of one snapshot in `snapshotSet`. */
const snapshotXml = (snapshot: SnapshotRecord, tags: readonly Tag[]): Xml =>
  join(
    el('snapshotId', snapshot.snapshotId),
    el('volumeId', snapshot.volumeId),
    el('status', 'completed'),
    el('startTime', snapshot.startTime.toISOString()),
    el('progress', '100%'),
    el('ownerId', snapshot.ownerId),
    el('volumeSize', snapshot.volumeSize),
    field('description', snapshot.description),
    el('encrypted', snapshot.encrypted),
    el('storageTier', 'standard'),
    tagSetXml(tags),
  );

export { SnapshotStore, snapshotXml };
export type { SnapshotRecord, SnapshotSeed };
