/**
 * Everything one stand-in remembers: the fake account and Region, id source and the
 * per-service stores. Handlers receive it; nothing else is global.
 */
import { createIds } from './ids.js';
import type { IdSource } from './ids.js';
import { ImageStore } from './images.js';
import { MessageStore } from './sqs-messages.js';
import { PlacementGroupStore } from './placement-groups.js';
import { SecretStore } from './secrets.js';
import { SnapshotStore } from './snapshots.js';
import { StackStore } from './stacks.js';
import { TagStore } from './tags.js';

/** The stand-in's state. @internal */
type World = {
  readonly region: string;
  readonly account: string;
  /** Base URL of the running server, for queue URLs; set once listening. */
  url: string;
  readonly nextId: IdSource;
  readonly tags: TagStore;
  readonly placementGroups: PlacementGroupStore;
  readonly images: ImageStore;
  readonly snapshots: SnapshotStore;
  readonly stacks: StackStore;
  readonly messages: MessageStore;
  readonly secrets: SecretStore;
};

/** Creates empty state for one account and Region. */
const createWorld = (region: string, account: string): World => ({
  region,
  account,
  url: '',
  nextId: createIds(),
  tags: new TagStore(),
  placementGroups: new PlacementGroupStore(),
  images: new ImageStore(),
  snapshots: new SnapshotStore(),
  stacks: new StackStore(region, account),
  messages: new MessageStore(),
  secrets: new SecretStore(region, account),
});

/** Whether an EC2 resource id names something that exists (for CreateTags/DeleteTags). */
const resourceExists = (world: World, id: string): boolean =>
  world.images.get(id) !== undefined ||
  world.snapshots.get(id) !== undefined ||
  world.placementGroups.byId(id) !== undefined;

export { createWorld, resourceExists };
export type { World };
