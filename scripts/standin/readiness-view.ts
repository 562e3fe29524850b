/**
 * Every resource that settles per a {@link Readiness} (images, placement groups), as the
 * controls show it: when it was created, when it settled (or will), and how many Describe calls
 * saw it pending. The simulator and the bench read it to measure how long an answer lagged
 * behind the moment the resource became ready.
 */
import type { ImageRecord } from './images.js';
import type { PlacementGroupRecord } from './placement-groups.js';
import type { Progress, Readiness } from './readiness.js';
import type { World } from './world.js';

/** One tracked resource. Times are epoch ms on the stand-in's clock. */
type ReadinessRecord = {
  readonly kind: 'image' | 'placement-group';
  /** The id a Describe call names it by (image id, group name). */
  readonly id: string;
  /** The Describe action that counts toward its readiness. */
  readonly describeAction: 'DescribeImages' | 'DescribePlacementGroups';
  readonly readiness: Readiness;
  /** What it settles into. */
  readonly becomes: ImageRecord['outcome']['result'] | 'available';
  /** When its readiness clock started (creation, or a later change of outcome). */
  readonly createdAt: number;
  /** When it settled, or will settle (`afterMs`); undefined while unknown or never. */
  readonly readyAt: number | undefined;
  /** Describe calls that saw it pending. */
  readonly pendingDescribes: number;
};

const fromProgress = (progress: Progress) => ({
  readiness: progress.readiness,
  createdAt: progress.createdAt,
  readyAt: progress.readyAt,
  pendingDescribes: progress.describes,
});

const imageRecord = (image: ImageRecord): ReadinessRecord => ({
  kind: 'image',
  id: image.imageId,
  describeAction: 'DescribeImages',
  becomes: image.outcome.result,
  ...fromProgress(image.progress),
});

const groupRecord = (group: PlacementGroupRecord): ReadinessRecord => ({
  kind: 'placement-group',
  id: group.groupName,
  describeAction: 'DescribePlacementGroups',
  becomes: 'available',
  ...fromProgress(group.progress),
});

/** Every tracked resource, oldest readiness clock first. @internal */
const readinessRecords = (world: World): ReadinessRecord[] =>
  [...world.images.all().map(imageRecord), ...world.placementGroups.all().map(groupRecord)].sort(
    (a, b) => a.createdAt - b.createdAt,
  );

export { readinessRecords };
export type { ReadinessRecord };
