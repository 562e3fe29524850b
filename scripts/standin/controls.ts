/**
 * The programmatic controls of a stand-in: state set-up, CloudFormation's view of custom
 * resources, fault injection, the call log and the message queue. The HTTP control API and the
 * remote client expose the same set.
 */
import type { CallFilter, CallLog, CallRecord } from './call-log.js';
import { answerReceived, requestSent } from './cloudformation-view.js';
import { requireCustomResourceRequest } from './custom-resource-request.js';
import type { CustomResourceAnswer, CustomResourceRequest } from './custom-resource-request.js';
import type { FaultQueue, FaultSpec } from './faults.js';
import { setOutcome } from './images.js';
import type { ImageOutcome } from './images.js';
import { deregisterImage, removeTags, setImageAttributes } from './out-of-band.js';
import type { DeregisterOptions, ImageAttributeChange } from './out-of-band.js';
import type { Readiness } from './readiness.js';
import { readinessRecords } from './readiness-view.js';
import type { ReadinessRecord } from './readiness-view.js';
import { seedImage, seedSnapshot } from './seeds.js';
import type { ImageSeed, SeededImage } from './seeds.js';
import type { SnapshotSeed } from './snapshots.js';
import { queueArnFor, queueUrlFor } from './sqs.js';
import type { SentMessage } from './sqs-messages.js';
import type { StackEventRecord } from './stack-events.js';
import { changeResource, recordEvent } from './stack-resources.js';
import type { StackResourceRecord } from './stack-resources.js';
import type { StackRecord, StackSeed } from './stacks.js';
import type { Tag } from './tags.js';
import type { World } from './world.js';

/** Identity of a registered stack. */
type StackRef = { readonly stackId: string; readonly stackName: string };

/** A resource's whole state, or one event, for a stack by id or name (registered if unknown). */
type StackResourceSeed = {
  readonly stack: string;
  readonly logicalResourceId: string;
  readonly resourceType: string;
  /** @default none */
  readonly physicalResourceId?: string | undefined;
  readonly status: string;
  /** @default none */
  readonly statusReason?: string | undefined;
};

/** A resource as DescribeStackResource shows it (times as ISO-8601 text). */
type StackResourceView = Omit<StackResourceRecord, 'lastUpdated'> & {
  readonly lastUpdated: string;
};

/** An event as DescribeStackEvents shows it (times as ISO-8601 text). */
type StackEventView = Omit<StackEventRecord, 'timestamp' | 'seq'> & { readonly timestamp: string };

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
  /** The ARN of a queue: what `toSqsEvent` puts in `eventSourceARN` for its messages. */
  queueArn(name: string): string;
  /** Creates a Secrets Manager secret (or gives it a new current version); returns its ARN. */
  putSecret(name: string, value: string): string;
  /**
   * CloudFormation sends `request`: puts the resource in the state CloudFormation is in then
   * (Create → `CREATE_IN_PROGRESS`; Update, Delete → `…_IN_PROGRESS` with the request's physical
   * id; a cleanup Delete of a replaced id only appends its event). False for a redelivered
   * RequestId.
   */
  requestSent(request: CustomResourceRequest): boolean;
  /**
   * CloudFormation receives `answer` to `request`: `…_COMPLETE` or `…_FAILED` as CloudFormation
   * records it. False when CloudFormation no longer waits for this answer.
   */
  answerReceived(request: CustomResourceRequest, answer: CustomResourceAnswer): boolean;
  /** Sets a resource's whole state (and appends its event), for states no request leads to. */
  setStackResource(seed: StackResourceSeed): void;
  /** Appends an event without changing any resource. */
  addStackEvent(seed: StackResourceSeed): void;
  /** A stack's resources, as DescribeStackResource shows them; none for an unknown stack. */
  stackResources(stack: string): StackResourceView[];
  /**
   * A stack's events, newest first, as DescribeStackEvents shows them; none for an unknown stack.
   */
  stackEvents(stack: string): StackEventView[];
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
  /**
   * Every image and placement group with its readiness: created, settled (or will), pending
   * Describes.
   */
  readiness(): ReadinessRecord[];
  /**
   * The next `attempts` deletes of the group fail with `InvalidPlacementGroup.InUse`. @default
   * attempts 1
   */
  markPlacementGroupInUse(groupName: string, attempts?: number): void;
  /**
   * Behind the provider's back: removes tags by key from an image, snapshot or placement group (by
   * id, or a group by name).
   */
  removeTags(resource: string, keys: readonly string[]): void;
  /** Behind the provider's back: changes an image's attributes (`null` removes one). */
  setImageAttributes(imageId: string, change: ImageAttributeChange): void;
  /**
   * Behind the provider's back: deregisters an image (gone, or with `lingering` still listed as
   * `deregistered`).
   */
  deregisterImage(imageId: string, options?: DeregisterOptions): void;
};

const applyImageOutcome = (
  world: World,
  outcome: ImageOutcome,
  target: string | undefined,
): void => {
  if (target === undefined) {
    world.images.defaultOutcome = outcome;
    return;
  }
  const byId = world.images.get(target);
  if (byId) {
    setOutcome(byId, outcome);
    return;
  }
  world.images.outcomeByName.set(target, outcome);
  const byName = world.images.byName(target, world.account);
  if (byName) setOutcome(byName, outcome);
};

const stackFor = (world: World, stack: string): StackRecord =>
  world.stacks.get(stack) ?? world.stacks.put({ stackId: stack });

const resourceState = (seed: StackResourceSeed) => ({
  logicalResourceId: seed.logicalResourceId,
  resourceType: seed.resourceType,
  physicalResourceId: seed.physicalResourceId,
  status: seed.status,
  statusReason: seed.statusReason,
});

const requireAnswer = (answer: CustomResourceAnswer | undefined): CustomResourceAnswer => {
  if (typeof answer?.Status !== 'string')
    throw new TypeError('An answer needs a Status (SUCCESS or FAILED)');
  return answer;
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
  queueArn: (name) => queueArnFor(world.region, world.account, name),
  putSecret: (name, value) => world.secrets.put(name, value).arn,
  requestSent: (request) => requestSent(world.stacks, requireCustomResourceRequest(request)),
  answerReceived: (request, answer) =>
    answerReceived(world.stacks, requireCustomResourceRequest(request), requireAnswer(answer)),
  setStackResource: (seed) => void changeResource(stackFor(world, seed.stack), resourceState(seed)),
  addStackEvent: (seed) => recordEvent(stackFor(world, seed.stack), resourceState(seed)),
  stackResources: (stack) =>
    [...(world.stacks.get(stack)?.resources.values() ?? [])].map((resource) => ({
      ...resource,
      lastUpdated: resource.lastUpdated.toISOString(),
    })),
  stackEvents: (stack) =>
    (world.stacks.get(stack)?.events.newestFirst() ?? []).map(({ seq: _seq, ...event }) => ({
      ...event,
      timestamp: event.timestamp.toISOString(),
    })),
  putStack: (seed) => {
    const { stackId, stackName } = world.stacks.put(seed);
    return { stackId, stackName };
  },
  setStackStatus: (stack, status, reason) => {
    world.stacks.put(
      reason === undefined
        ? { stackId: stack, status }
        : { stackId: stack, status, statusReason: reason },
    );
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
  markPlacementGroupInUse: (groupName, attempts = 1) =>
    world.placementGroups.markInUse(groupName, attempts),
  readiness: () => readinessRecords(world),
  removeTags: (resource, keys) => removeTags(world, resource, keys),
  setImageAttributes: (imageId, change) => setImageAttributes(world, imageId, change),
  deregisterImage: (imageId, options) => deregisterImage(world, imageId, options),
});

export { createControls };
export type { StandinControls, StackEventView, StackRef, StackResourceSeed, StackResourceView };
