/**
 * Seeding source images and snapshots, plus three sample source images (HVM/UEFI EBS,
 * paravirtual EBS, instance-store) for re-registration flows.
 */
import { setOutcome } from './images.js';
import type { BlockDevice, ImageOutcome, ImageRecord } from './images.js';
import type { SnapshotRecord, SnapshotSeed } from './snapshots.js';
import type { Tag } from './tags.js';
import type { World } from './world.js';

/** A source image to seed. Seeded images are `available` unless `outcome` says otherwise. */
type ImageSeed = {
  readonly name: string;
  /** @default a generated `ami-…` id */
  readonly imageId?: string;
  /** @default 'x86_64' */
  readonly architecture?: string;
  /** @default 'hvm' */
  readonly virtualizationType?: string;
  /** `instance-store` images get an `imageLocation` and no root snapshot. @default 'ebs' */
  readonly rootDeviceType?: 'ebs' | 'instance-store';
  /** @default '/dev/xvda' */
  readonly rootDeviceName?: string;
  readonly bootMode?: string;
  readonly sriovNetSupport?: string;
  readonly enaSupport?: boolean;
  readonly description?: string;
  readonly kernelId?: string;
  /** @default the stand-in's account */
  readonly ownerId?: string;
  /** For example `amazon`. @default none */
  readonly ownerAlias?: string;
  /** @default false */
  readonly isPublic?: boolean;
  readonly tags?: readonly Tag[];
  /** The root snapshot for an EBS image (created). @default an 8 GiB snapshot */
  readonly rootSnapshot?: SnapshotSeed;
  /** @default { result: 'available' } */
  readonly outcome?: ImageOutcome;
};

/** Ids of what {@link seedImage} created. */
type SeededImage = { readonly imageId: string; readonly snapshotIds: readonly string[] };

/** Adds one completed snapshot. */
const seedSnapshot = (world: World, seed: SnapshotSeed = {}): SnapshotRecord => {
  const snapshot = world.snapshots.add({
    snapshotId: seed.snapshotId ?? world.nextId('snap'),
    volumeId: world.nextId('vol'),
    volumeSize: seed.volumeSize ?? 8,
    description: seed.description ?? '',
    ownerId: seed.ownerId ?? world.account,
    encrypted: seed.encrypted ?? false,
    startTime: new Date(),
  });
  world.tags.put(snapshot.snapshotId, seed.tags ?? []);
  return snapshot;
};

/** Adds one source image (and its root snapshot when EBS-backed). */
const seedImage = (world: World, seed: ImageSeed): SeededImage => {
  const ebs = (seed.rootDeviceType ?? 'ebs') === 'ebs';
  const rootDeviceName = seed.rootDeviceName ?? (ebs ? '/dev/xvda' : '/dev/sda1');
  const ownerId = seed.ownerId ?? world.account;
  const snapshot = ebs ? seedSnapshot(world, { ownerId, ...seed.rootSnapshot }) : undefined;
  const devices: BlockDevice[] = snapshot
    ? [
        {
          deviceName: rootDeviceName,
          snapshotId: snapshot.snapshotId,
          volumeSize: snapshot.volumeSize,
          deleteOnTermination: true,
          volumeType: 'gp3',
        },
      ]
    : [{ deviceName: 'sdb', virtualName: 'ephemeral0' }];
  const imageId = seed.imageId ?? world.nextId('ami');
  const image: ImageRecord = {
    imageId,
    name: seed.name,
    description: seed.description,
    architecture: seed.architecture ?? 'x86_64',
    virtualizationType: seed.virtualizationType ?? 'hvm',
    rootDeviceName,
    rootDeviceType: ebs ? 'ebs' : 'instance-store',
    blockDevices: devices,
    sriovNetSupport: seed.sriovNetSupport,
    enaSupport: seed.enaSupport,
    bootMode: seed.bootMode,
    imdsSupport: undefined,
    tpmSupport: undefined,
    imageLocation: ebs ? undefined : `my-bucket/${seed.name}/image.manifest.xml`,
    kernelId: seed.kernelId,
    ramdiskId: undefined,
    ownerId,
    ownerAlias: seed.ownerAlias,
    isPublic: seed.isPublic ?? false,
    creationDate: new Date().toISOString(),
    outcome: { result: 'available' },
    progress: { readiness: { afterDescribes: 0 }, createdAt: 0, describes: 0, readyAt: 0 },
  };
  setOutcome(image, seed.outcome ?? { result: 'available', readiness: { afterDescribes: 0 } });
  world.images.add(image);
  world.tags.put(imageId, seed.tags ?? []);
  return { imageId, snapshotIds: snapshot ? [snapshot.snapshotId] : [] };
};

/** Sample source images covering the registration paths a resource must tell apart. */
const SAMPLE_SOURCE_IMAGES = {
  /** HVM, EBS-backed, x86_64, UEFI, ENA, with a root snapshot. */
  hvmUefi: {
    name: 'standin-al2023-hvm-uefi-x86_64',
    bootMode: 'uefi',
    enaSupport: true,
    sriovNetSupport: 'simple',
    description: 'HVM EBS UEFI source image',
  },
  /** Paravirtual, EBS-backed, with a kernel id; not usable for SR-IOV/ENA. */
  paravirtual: {
    name: 'standin-pv-x86_64',
    virtualizationType: 'paravirtual',
    rootDeviceName: '/dev/sda1',
    kernelId: 'aki-919dcaf8',
    description: 'Paravirtual EBS source image',
  },
  /** Instance-store backed: no snapshot to register from. */
  instanceStore: {
    name: 'standin-instance-store-x86_64',
    rootDeviceType: 'instance-store',
    description: 'Instance-store source image',
  },
} as const satisfies Record<string, ImageSeed>;

export { seedImage, seedSnapshot, SAMPLE_SOURCE_IMAGES };
export type { ImageSeed, SeededImage };
