/**
 * Placement group records and their EC2 XML shape. A group reports `pending` until its
 * {@link Readiness} says it settled, then `available`.
 */
import { isSettled, observe, startProgress } from './readiness.js';
import type { Progress, Readiness } from './readiness.js';
import { tagSetXml } from './tags.js';
import type { Tag } from './tags.js';
import { el, field, join } from './xml.js';
import type { Xml } from './xml.js';

/** One stored placement group. @internal */
type PlacementGroupRecord = {
  readonly groupName: string;
  readonly groupId: string;
  readonly groupArn: string;
  readonly strategy: string | undefined;
  readonly partitionCount: number | undefined;
  readonly spreadLevel: string | undefined;
  readonly progress: Progress;
  /** Delete attempts still to be refused with `InvalidPlacementGroup.InUse`. */
  inUseAttempts: number;
};

/** Fields a new group is created with. @internal */
type NewPlacementGroup = Omit<PlacementGroupRecord, 'progress' | 'inUseAttempts'>;

/** All placement groups of the stand-in's one account and Region. */
class PlacementGroupStore {
  #byName = new Map<string, PlacementGroupRecord>();
  #inUseLater = new Map<string, number>();
  readiness: Readiness = { afterDescribes: 1 };

  /** Adds a group that starts `pending`. */
  add(fields: NewPlacementGroup): PlacementGroupRecord {
    const inUseAttempts = this.#inUseLater.get(fields.groupName) ?? 0;
    this.#inUseLater.delete(fields.groupName);
    const record: PlacementGroupRecord = {
      ...fields,
      progress: startProgress(this.readiness),
      inUseAttempts,
    };
    this.#byName.set(record.groupName, record);
    return record;
  }

  /** Makes the next `attempts` deletes of a group (existing or created later) fail with `InUse`. */
  markInUse(name: string, attempts: number): void {
    const group = this.#byName.get(name);
    if (group) group.inUseAttempts = attempts;
    else this.#inUseLater.set(name, attempts);
  }

  byName(name: string): PlacementGroupRecord | undefined {
    return this.#byName.get(name);
  }

  byId(id: string): PlacementGroupRecord | undefined {
    return [...this.#byName.values()].find((group) => group.groupId === id);
  }

  all(): PlacementGroupRecord[] {
    return [...this.#byName.values()];
  }

  get size(): number {
    return this.#byName.size;
  }

  remove(name: string): void {
    this.#byName.delete(name);
  }
}

/** The group's state without counting a Describe (for Create responses and filters). */
const stateOf = (group: PlacementGroupRecord): string =>
  isSettled(group.progress) ? 'available' : 'pending';

/** The group's state as one Describe call sees it (counts toward readiness). */
const describeState = (group: PlacementGroupRecord): string =>
  observe(group.progress) ? 'available' : 'pending';

/** `<groupName>…</groupName><state>…` for one group (the item content). */
const placementGroupXml = (group: PlacementGroupRecord, state: string, tags: readonly Tag[]): Xml =>
  join(
    el('groupName', group.groupName),
    el('state', state),
    field('strategy', group.strategy),
    field('partitionCount', group.partitionCount),
    el('groupId', group.groupId),
    tagSetXml(tags),
    el('groupArn', group.groupArn),
    field('spreadLevel', group.spreadLevel),
  );

export { PlacementGroupStore, stateOf, describeState, placementGroupXml };
export type { PlacementGroupRecord, NewPlacementGroup };
