/**
 * The programmatic controls of a stand-in: state set-up, fault injection, the call log and
 * the message queue. The HTTP control API and the remote client expose the same set.
 */
import type { CallFilter, CallLog, CallRecord } from './call-log.js';
import type { FaultQueue, FaultSpec } from './faults.js';
import { setOutcome } from './images.js';
import type { ImageOutcome } from './images.js';
import type { Readiness } from './readiness.js';
import { seedImage, seedSnapshot } from './seeds.js';
import type { ImageSeed, SeededImage } from './seeds.js';
import type { SnapshotSeed } from './snapshots.js';
import { queueUrlFor } from './sqs.js';
import type { SentMessage } from './sqs-messages.js';
import type { StackSeed } from './stacks.js';
import type { Tag } from './tags.js';
import type { World } from './world.js';

/** Identity of a registered stack. */
type StackRef = { readonly stackId: string; readonly stackName: string };

/** Everything a test can do to a running stand-in. */
type StandinControls = {
  /** Calls seen so far, in arrival order, optionally filtered by service and action. */
  calls(filter?: CallFilter): CallRecord[];
  /** Calls to actions or services the stand-in does not implement. */
  unexpectedCalls(): CallRecord[];
  clearCalls(): void;
  /** Queues a fault; returns its id. */
  inject(fault: FaultSpec): string;
  clearFaults(): void;
  /** Faults still queued, with their remaining uses. */
  pendingFaults(): { id: string; spec: FaultSpec; remaining: number }[];
  /** Removes and returns sent SQS messages (all queues, or one by name or URL). */
  takeMessages(queue?: string): SentMessage[];
  /** The stand-in URL of a queue, under the stand-in's own origin. */
  queueUrl(name: string): string;
  /** Registers a stack, or updates one with the same id or name. */
  putStack(seed: StackSeed): StackRef;
  /** Sets a stack's status (registering the stack if unknown). */
  setStackStatus(stack: string, status: string, reason?: string): void;
  /** Sets a stack's tags (registering the stack if unknown). */
  setStackTags(stack: string, tags: readonly Tag[]): void;
  seedImage(seed: ImageSeed): SeededImage;
  /** Seeds a completed snapshot; returns its id. */
  seedSnapshot(seed?: SnapshotSeed): string;
  /**
   * Sets what images become. No target: images registered from now on. A target image id or
   * name: that image (restarting its readiness) and any later registration under that name.
   */
  setImageOutcome(outcome: ImageOutcome, target?: string): void;
  /** How long placement groups created from now on stay `pending`. */
  setPlacementGroupReadiness(readiness: Readiness): void;
  /** The next `attempts` deletes of the group fail with `InvalidPlacementGroup.InUse`. @default attempts 1 */
  markPlacementGroupInUse(groupName: string, attempts?: number): void;
};

const applyImageOutcome = (world: World, outcome: ImageOutcome, target: string | undefined): void => {
  if (target === undefined) {
    world.images.defaultOutcome = outcome;
    return;
  }
  const byId = world.images.get(target);
  if (byId) return setOutcome(byId, outcome);
  world.images.outcomeByName.set(target, outcome);
  const byName = world.images.byName(target, world.account);
  if (byName) setOutcome(byName, outcome);
};

/** Builds the controls over one stand-in's state. @internal */
const createControls = (world: World, faults: FaultQueue, log: CallLog): StandinControls => ({
  calls: (filter) => log.list(filter),
  unexpectedCalls: () => log.list().filter((call) => call.unimplemented),
  clearCalls: () => log.clear(),
  inject: (fault) => faults.add(fault),
  clearFaults: () => faults.clear(),
  pendingFaults: () => faults.pending(),
  takeMessages: (queue) => world.messages.take(queue),
  queueUrl: (name) => queueUrlFor(world, name),
  putStack: (seed) => {
    const { stackId, stackName } = world.stacks.put(seed);
    return { stackId, stackName };
  },
  setStackStatus: (stack, status, reason) => {
    world.stacks.put(reason === undefined ? { stackId: stack, status } : { stackId: stack, status, statusReason: reason });
  },
  setStackTags: (stack, tags) => {
    world.stacks.put({ stackId: stack, tags });
  },
  seedImage: (seed) => seedImage(world, seed),
  seedSnapshot: (seed) => seedSnapshot(world, seed).snapshotId,
  setImageOutcome: (outcome, target) => applyImageOutcome(world, outcome, target),
  setPlacementGroupReadiness: (readiness) => {
    world.placementGroups.readiness = readiness;
  },
  markPlacementGroupInUse: (groupName, attempts = 1) => world.placementGroups.markInUse(groupName, attempts),
});

export { createControls };
export type { StandinControls, StackRef };
