import {
  CreatePlacementGroupCommand,
  DescribeImagesCommand,
  DescribePlacementGroupsCommand,
  RegisterImageCommand,
} from '@aws-sdk/client-ec2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE_SOURCE_IMAGES, connectStandin } from '../../scripts/standin/index.js';
import type { ReadinessRecord, SeededImage } from '../../scripts/standin/index.js';
import { harness } from '../fixtures/standin/clients.js';
import type { Harness } from '../fixtures/standin/clients.js';

let h: Harness;
let source: SeededImage;
beforeEach(async () => {
  h = await harness();
  source = h.standin.seedImage(SAMPLE_SOURCE_IMAGES.hvmUefi);
});
afterEach(async () => {
  await h.close();
});

const register = async (name: string): Promise<string> => {
  const { ImageId } = await h.ec2.send(
    new RegisterImageCommand({
      Name: name,
      Architecture: 'x86_64',
      VirtualizationType: 'hvm',
      RootDeviceName: '/dev/xvda',
      BlockDeviceMappings: [
        { DeviceName: '/dev/xvda', Ebs: { SnapshotId: source.snapshotIds[0] ?? '' } },
      ],
    }),
  );
  return ImageId ?? '';
};

const stateOf = async (imageId: string) =>
  (await h.ec2.send(new DescribeImagesCommand({ ImageIds: [imageId] }))).Images?.[0]?.State;

const recordOf = (id: string): ReadinessRecord | undefined =>
  h.standin.readiness().find((record) => record.id === id);

describe('the stand-in records when a pending resource becomes ready', () => {
  it('an afterMs image is ready at its creation plus afterMs, known from the start', async () => {
    h.standin.setImageOutcome({ result: 'available', readiness: { afterMs: 60_000 } });
    const imageId = await register('later');
    expect(await stateOf(imageId)).toBe('pending');
    const record = recordOf(imageId);
    expect(record).toMatchObject({
      kind: 'image',
      describeAction: 'DescribeImages',
      becomes: 'available',
      readiness: { afterMs: 60_000 },
      pendingDescribes: 1,
    });
    expect(record?.readyAt).toBe((record?.createdAt ?? Number.NaN) + 60_000);
  });

  it(
    'an afterDescribes image is ready from the Describe that used up its count, and keeps ' +
      'that moment',
    async () => {
      h.standin.setImageOutcome({ result: 'available', readiness: { afterDescribes: 2 } });
      const imageId = await register('counted');
      expect(recordOf(imageId)?.readyAt).toBeUndefined();
      expect(await stateOf(imageId)).toBe('pending');
      expect(recordOf(imageId)).toMatchObject({ readyAt: undefined, pendingDescribes: 1 });
      const before = Date.now();
      expect(await stateOf(imageId)).toBe('pending');
      const after = Date.now();
      const readyAt = recordOf(imageId)?.readyAt ?? Number.NaN;
      expect(readyAt).toBeGreaterThanOrEqual(before);
      expect(readyAt).toBeLessThanOrEqual(after);
      expect(await stateOf(imageId)).toBe('available');
      expect(recordOf(imageId)).toMatchObject({ readyAt, pendingDescribes: 2 });
    },
  );

  it('an image that never settles, or settles into failed, says so', async () => {
    h.standin.setImageOutcome({ result: 'pending' }, 'stuck');
    h.standin.setImageOutcome({ result: 'failed', readiness: { afterDescribes: 0 } }, 'doomed');
    const stuck = await register('stuck');
    const doomed = await register('doomed');
    expect(recordOf(stuck)).toMatchObject({
      becomes: 'pending',
      readyAt: undefined,
      readiness: { never: true },
    });
    const failed = recordOf(doomed);
    expect(failed).toMatchObject({ becomes: 'failed', pendingDescribes: 0 });
    expect(failed?.readyAt).toBe(failed?.createdAt);
  });

  it('seeded images are ready when seeded, and placement groups are tracked by name', async () => {
    expect(recordOf(source.imageId)).toMatchObject({
      kind: 'image',
      becomes: 'available',
      pendingDescribes: 0,
    });
    expect(recordOf(source.imageId)?.readyAt).toBe(recordOf(source.imageId)?.createdAt);
    h.standin.setPlacementGroupReadiness({ afterDescribes: 1 });
    await h.ec2.send(new CreatePlacementGroupCommand({ GroupName: 'grid', Strategy: 'cluster' }));
    expect(recordOf('grid')).toMatchObject({
      kind: 'placement-group',
      describeAction: 'DescribePlacementGroups',
      readyAt: undefined,
    });
    await h.ec2.send(new DescribePlacementGroupsCommand({ GroupNames: ['grid'] }));
    expect(recordOf('grid')?.readyAt).toBeTypeOf('number');
  });

  it('the control API gives the same records to another process', async () => {
    h.standin.setImageOutcome({ result: 'available', readiness: { afterMs: 5_000 } });
    await register('remote');
    const remote = connectStandin(h.standin.url);
    expect(await remote.readiness()).toEqual(h.standin.readiness());
  });
});
