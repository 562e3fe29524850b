/**
 * AMI records, the outcome a registration settles into, and the EC2 XML shape of an image.
 */
import { isSettled, observe, startProgress } from './readiness.js';
import type { Progress, Readiness } from './readiness.js';

/** One `BlockDeviceMapping` entry. */
type BlockDevice = {
  readonly deviceName: string;
  readonly snapshotId?: string | undefined;
  readonly volumeSize?: number | undefined;
  readonly volumeType?: string | undefined;
  readonly deleteOnTermination?: boolean | undefined;
  readonly encrypted?: boolean | undefined;
  readonly iops?: number | undefined;
  readonly throughput?: number | undefined;
  readonly virtualName?: string | undefined;
};

/** Why an image failed, as `StateReason`. */
type StateReason = { readonly code: string; readonly message: string };

/**
 * What a registered image becomes: `available` or `failed` once its readiness is reached,
 * `pending` forever, or `deregistered` at once (an image deregistered but still listed).
 */
type ImageOutcome =
  | { readonly result: 'available'; readonly readiness?: Readiness }
  | { readonly result: 'failed'; readonly readiness?: Readiness; readonly reason?: StateReason }
  | { readonly result: 'pending' }
  | { readonly result: 'deregistered' };

/** One stored image. @internal */
type ImageRecord = {
  readonly imageId: string;
  readonly name: string;
  description: string | undefined;
  readonly architecture: string;
  readonly virtualizationType: string;
  readonly rootDeviceName: string | undefined;
  readonly rootDeviceType: 'ebs' | 'instance-store';
  readonly blockDevices: readonly BlockDevice[];
  readonly sriovNetSupport: string | undefined;
  readonly enaSupport: boolean | undefined;
  readonly bootMode: string | undefined;
  readonly imdsSupport: string | undefined;
  readonly tpmSupport: string | undefined;
  readonly imageLocation: string | undefined;
  readonly kernelId: string | undefined;
  readonly ramdiskId: string | undefined;
  readonly ownerId: string;
  readonly ownerAlias: string | undefined;
  readonly isPublic: boolean;
  readonly creationDate: string;
  outcome: ImageOutcome;
  progress: Progress;
};

const DEFAULT_FAILURE: StateReason = {
  code: 'Server.InternalError',
  message: 'Internal error (stand-in: image set to fail)',
};

/** Settles the image's state; `count` marks a Describe call that counts toward readiness. */
const imageState = (
  image: ImageRecord,
  count: boolean,
): { state: string; reason?: StateReason } => {
  const { outcome } = image;
  if (outcome.result === 'pending') return { state: 'pending' };
  if (outcome.result === 'deregistered') return { state: 'deregistered' };
  const settled = count ? observe(image.progress) : isSettled(image.progress);
  if (!settled) return { state: 'pending' };
  if (outcome.result === 'available') return { state: 'available' };
  return { state: 'failed', reason: outcome.reason ?? DEFAULT_FAILURE };
};

/** Points an image at a new outcome, restarting its readiness clock. */
const setOutcome = (image: ImageRecord, outcome: ImageOutcome): void => {
  image.outcome = outcome;
  image.progress = startProgress(
    outcome.result === 'pending' || outcome.result === 'deregistered'
      ? { never: true }
      : (outcome.readiness ?? { afterDescribes: 0 }),
  );
};

/** All images, including their names for the per-account uniqueness rule. */
class ImageStore {
  #byId = new Map<string, ImageRecord>();
  /** Outcome for images registered from now on. */
  defaultOutcome: ImageOutcome = { result: 'available', readiness: { afterDescribes: 1 } };
  /** Outcomes for names not registered yet. */
  readonly outcomeByName = new Map<string, ImageOutcome>();

  add(image: ImageRecord): ImageRecord {
    this.#byId.set(image.imageId, image);
    return image;
  }

  get(id: string): ImageRecord | undefined {
    return this.#byId.get(id);
  }

  byName(name: string, ownerId: string): ImageRecord | undefined {
    return this.all().find((image) => image.name === name && image.ownerId === ownerId);
  }

  all(): ImageRecord[] {
    return [...this.#byId.values()];
  }

  /** Images other than `except` that reference a snapshot. */
  usingSnapshot(snapshotId: string, except?: string): ImageRecord[] {
    return this.all().filter(
      (image) =>
        image.imageId !== except && image.blockDevices.some((d) => d.snapshotId === snapshotId),
    );
  }

  remove(id: string): void {
    this.#byId.delete(id);
  }
}

export { ImageStore, imageState, setOutcome };
export type { BlockDevice, StateReason, ImageOutcome, ImageRecord };
