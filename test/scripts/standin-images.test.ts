import {
  CreateTagsCommand,
  DeleteSnapshotCommand,
  DeregisterImageCommand,
  DescribeImageAttributeCommand,
  DescribeImagesCommand,
  DescribeSnapshotsCommand,
  ModifyImageAttributeCommand,
  RegisterImageCommand,
} from '@aws-sdk/client-ec2';
import type { RegisterImageCommandInput } from '@aws-sdk/client-ec2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE_SOURCE_IMAGES } from '../../scripts/standin/index.js';
import type { SeededImage } from '../../scripts/standin/index.js';
import { harness } from '../fixtures/standin/clients.js';
import type { Harness } from '../fixtures/standin/clients.js';

let h: Harness;
let source: SeededImage;
beforeEach(async () => {
  h = await harness({ images: [SAMPLE_SOURCE_IMAGES.paravirtual] });
  source = h.standin.seedImage(SAMPLE_SOURCE_IMAGES.hvmUefi);
});
afterEach(async () => {
  await h.close();
});

const rootSnapshot = (): string => source.snapshotIds[0] ?? '';

const register = (name: string, extra: Partial<RegisterImageCommandInput> = {}) =>
  h.ec2.send(
    new RegisterImageCommand({
      Name: name,
      Architecture: 'x86_64',
      VirtualizationType: 'hvm',
      BootMode: 'uefi',
      RootDeviceName: '/dev/xvda',
      BlockDeviceMappings: [
        { DeviceName: '/dev/xvda', Ebs: { SnapshotId: rootSnapshot(), DeleteOnTermination: true } },
      ],
      SriovNetSupport: 'simple',
      EnaSupport: true,
      Description: 'sriov copy',
      TagSpecifications: [{ ResourceType: 'image', Tags: [{ Key: 'owner', Value: 'crkit' }] }],
      ...extra,
    }),
  );

const describeOne = async (imageId: string) =>
  (await h.ec2.send(new DescribeImagesCommand({ ImageIds: [imageId] }))).Images?.[0];

describe('seeded source images', () => {
  it('describes the seeded images by owner and by filter', async () => {
    const own = await h.ec2.send(
      new DescribeImagesCommand({
        Owners: ['self'],
        Filters: [{ Name: 'virtualization-type', Values: ['hvm'] }],
      }),
    );
    const pv = await h.ec2.send(
      new DescribeImagesCommand({ Filters: [{ Name: 'name', Values: ['standin-pv-*'] }] }),
    );

    expect(own.Images).toHaveLength(1);
    expect(own.Images?.[0]).toMatchObject({
      ImageId: source.imageId,
      State: 'available',
      BootMode: 'uefi',
      EnaSupport: true,
      SriovNetSupport: 'simple',
      RootDeviceType: 'ebs',
      BlockDeviceMappings: [
        { DeviceName: '/dev/xvda', Ebs: { SnapshotId: rootSnapshot(), VolumeSize: 8 } },
      ],
    });
    expect(pv.Images?.[0]).toMatchObject({
      VirtualizationType: 'paravirtual',
      KernelId: 'aki-919dcaf8',
    });
  });

  it('seeds an instance-store image without snapshots', () => {
    const seeded = h.standin.seedImage(SAMPLE_SOURCE_IMAGES.instanceStore);

    expect(seeded.snapshotIds).toEqual([]);
    expect(seeded.imageId).toMatch(/^ami-[0-9a-f]{17}$/);
  });
});

describe('RegisterImage', () => {
  it('registers an image pending, then available, with its attributes and tags', async () => {
    const { ImageId } = await register('copy-1');

    const first = await describeOne(ImageId ?? '');
    const second = await describeOne(ImageId ?? '');

    expect(ImageId).toMatch(/^ami-[0-9a-f]{17}$/);
    expect(first?.State).toBe('pending');
    expect(second).toMatchObject({
      State: 'available',
      Name: 'copy-1',
      Architecture: 'x86_64',
      VirtualizationType: 'hvm',
      SriovNetSupport: 'simple',
      EnaSupport: true,
      Description: 'sriov copy',
      OwnerId: '123456789012',
      Tags: [{ Key: 'owner', Value: 'crkit' }],
    });
  });

  it('defaults to i386 and paravirtual like EC2', async () => {
    const { ImageId } = await register('defaults', {
      Architecture: undefined,
      VirtualizationType: undefined,
    });

    expect(await describeOne(ImageId ?? '')).toMatchObject({
      Architecture: 'i386',
      VirtualizationType: 'paravirtual',
    });
  });

  it(
    'rejects a duplicate name with InvalidAMIName.Duplicate and finds the holder by name ' +
      'filter',
    async () => {
      const { ImageId } = await register('dup-name');

      await expect(register('dup-name')).rejects.toMatchObject({
        name: 'InvalidAMIName.Duplicate',
        message: expect.stringContaining(ImageId ?? '?'),
      });
      const found = await h.ec2.send(
        new DescribeImagesCommand({
          Owners: ['self'],
          Filters: [{ Name: 'name', Values: ['dup-name'] }],
        }),
      );
      expect(found.Images?.map((i) => i.ImageId)).toEqual([ImageId]);
    },
  );

  it('validates name, snapshot, tag resource type and Encrypted with SnapshotId', async () => {
    await expect(register('has:colon')).rejects.toMatchObject({ name: 'InvalidAMIName.Malformed' });
    await expect(
      register('missing-snap', {
        BlockDeviceMappings: [
          { DeviceName: '/dev/xvda', Ebs: { SnapshotId: 'snap-0123456789abcdef0' } },
        ],
      }),
    ).rejects.toMatchObject({ name: 'InvalidSnapshot.NotFound' });
    await expect(
      register('bad-tags', {
        TagSpecifications: [{ ResourceType: 'snapshot', Tags: [{ Key: 'a', Value: 'b' }] }],
      }),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValue',
    });
    await expect(
      register('enc', {
        BlockDeviceMappings: [
          { DeviceName: '/dev/xvda', Ebs: { SnapshotId: rootSnapshot(), Encrypted: true } },
        ],
      }),
    ).rejects.toMatchObject({ name: 'InvalidParameterCombination' });
  });

  it('settles into failed with a StateReason when told to', async () => {
    h.standin.setImageOutcome(
      {
        result: 'failed',
        readiness: { afterDescribes: 0 },
        reason: { code: 'Client.InvalidSnapshot.NotFound', message: 'gone' },
      },
      'doomed',
    );

    const { ImageId } = await register('doomed');

    expect(await describeOne(ImageId ?? '')).toMatchObject({
      State: 'failed',
      StateReason: { Code: 'Client.InvalidSnapshot.NotFound', Message: 'gone' },
    });
  });

  it('stays pending forever when told to', async () => {
    h.standin.setImageOutcome({ result: 'pending' });
    const { ImageId } = await register('stuck');

    for (let i = 0; i < 5; i += 1) await describeOne(ImageId ?? '');

    expect((await describeOne(ImageId ?? ''))?.State).toBe('pending');
  });
});

describe('DescribeImages, DeregisterImage and attributes', () => {
  it('answers InvalidAMIID.NotFound and InvalidAMIID.Malformed', async () => {
    await expect(describeOne('ami-0123456789abcdef0')).rejects.toMatchObject({
      name: 'InvalidAMIID.NotFound',
    });
    await expect(
      h.ec2.send(new DeregisterImageCommand({ ImageId: 'ami-0123456789abcdef0' })),
    ).rejects.toMatchObject({ name: 'InvalidAMIID.NotFound' });
    await expect(
      h.ec2.send(new DeregisterImageCommand({ ImageId: 'not-an-ami' })),
    ).rejects.toMatchObject({ name: 'InvalidAMIID.Malformed' });
  });

  it('deregisters, deleting associated snapshots only when no other image uses them', async () => {
    const own = h.standin.seedSnapshot({ volumeSize: 16 });
    const { ImageId } = await register('with-own', {
      BlockDeviceMappings: [
        { DeviceName: '/dev/xvda', Ebs: { SnapshotId: rootSnapshot() } },
        { DeviceName: '/dev/xvdb', Ebs: { SnapshotId: own } },
      ],
    });

    const out = await h.ec2.send(
      new DeregisterImageCommand({ ImageId, DeleteAssociatedSnapshots: true }),
    );

    expect(out.Return).toBe(true);
    expect(out.DeleteSnapshotResults).toEqual([
      { SnapshotId: rootSnapshot(), ReturnCode: 'skipped' },
      { SnapshotId: own, ReturnCode: 'success' },
    ]);
    await expect(describeOne(ImageId ?? '')).rejects.toMatchObject({
      name: 'InvalidAMIID.NotFound',
    });
    await expect(
      h.ec2.send(new DescribeSnapshotsCommand({ SnapshotIds: [own] })),
    ).rejects.toMatchObject({ name: 'InvalidSnapshot.NotFound' });
  });

  it('modifies and reads the description and reads sriovNetSupport', async () => {
    await h.ec2.send(
      new ModifyImageAttributeCommand({
        ImageId: source.imageId,
        Description: { Value: 'new words' },
      }),
    );

    const description = await h.ec2.send(
      new DescribeImageAttributeCommand({ ImageId: source.imageId, Attribute: 'description' }),
    );
    const sriov = await h.ec2.send(
      new DescribeImageAttributeCommand({ ImageId: source.imageId, Attribute: 'sriovNetSupport' }),
    );

    expect(description.Description?.Value).toBe('new words');
    expect(sriov).toMatchObject({ ImageId: source.imageId, SriovNetSupport: { Value: 'simple' } });
  });
});

describe('snapshots', () => {
  it('describes snapshots with tags and refuses to delete one an image uses', async () => {
    await h.ec2.send(
      new CreateTagsCommand({ Resources: [rootSnapshot()], Tags: [{ Key: 'cost', Value: 'ami' }] }),
    );

    const out = await h.ec2.send(
      new DescribeSnapshotsCommand({
        OwnerIds: ['self'],
        Filters: [{ Name: 'tag:cost', Values: ['ami'] }],
      }),
    );

    expect(out.Snapshots).toHaveLength(1);
    expect(out.Snapshots?.[0]).toMatchObject({
      SnapshotId: rootSnapshot(),
      State: 'completed',
      VolumeSize: 8,
      Tags: [{ Key: 'cost', Value: 'ami' }],
    });
    expect(out.Snapshots?.[0]?.StartTime).toBeInstanceOf(Date);
    await expect(
      h.ec2.send(new DeleteSnapshotCommand({ SnapshotId: rootSnapshot() })),
    ).rejects.toMatchObject({ name: 'InvalidSnapshot.InUse' });
  });

  it('deletes an unused snapshot, then answers InvalidSnapshot.NotFound', async () => {
    const id = h.standin.seedSnapshot();

    await h.ec2.send(new DeleteSnapshotCommand({ SnapshotId: id }));

    await expect(h.ec2.send(new DeleteSnapshotCommand({ SnapshotId: id }))).rejects.toMatchObject({
      name: 'InvalidSnapshot.NotFound',
    });
    await expect(
      h.ec2.send(new DeleteSnapshotCommand({ SnapshotId: 'bad' })),
    ).rejects.toMatchObject({ name: 'InvalidSnapshotID.Malformed' });
  });
});
