import {
  CreateTagsCommand,
  DeleteTagsCommand,
  DescribeImagesCommand,
  EC2Client,
  RegisterImageCommand,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { ResourceError } from '../../../../framework/index.js';
import type { CreatedMark } from '../../../../framework/created.js';
import { definition } from '../../../../handlers/resources/sriov-ami/definition.js';
import { pendingImageId } from '../../../../handlers/resources/sriov-ami/pending-image.js';
import { base, ec2Error, ownership, parsed, sourceImage } from './support.js';
import { pattern } from '../../../support/pattern.js';

/** The refusal of a Name the image being replaced still holds. */
const NameStillUsed =
  /Name web-sriov-2026-11 is still used by ami-0fffffffffffffff6, the image this update replaces/;

const ec2 = mockClient(EC2Client);
const newImage = 'ami-0ccccccccccccccc3';

const fromSource = (extra: Record<string, unknown> = {}) =>
  parsed({
    SourceImageId: 'ami-0aaaaaaaaaaaaaaa1',
    Name: 'web-sriov-2026-11',
    DriverConfirmed: 'true',
    Tags: [{ Key: 'app', Value: 'web' }],
    ...extra,
  });

const create = (properties: ReturnType<typeof parsed>, replacing?: { physicalId: string }) =>
  definition.create(
    Object.freeze({
      ...base('create'),
      properties,
      replacing: replacing === undefined ? undefined : { ...replacing, properties: undefined },
    }),
  );

const allTags = [...ownership, { Key: 'app', Value: 'web' }, { Key: 'cost-center', Value: '42' }];

afterEach(() => {
  ec2.reset();
});

describe('Custom::SriovAmiRegistration create', () => {
  it(
    're-registers the source with SR-IOV, ENA, hvm, its architecture, boot mode and block ' +
      'devices',
    async () => {
      ec2.on(DescribeImagesCommand).resolves({ Images: [sourceImage()] });
      ec2.on(RegisterImageCommand).resolves({ ImageId: newImage });

      const outcome = await create(fromSource({ Description: 'web with SR-IOV' }));

      expect(ec2.commandCalls(DescribeImagesCommand)[0]?.args[0].input).toEqual({
        ImageIds: ['ami-0aaaaaaaaaaaaaaa1'],
      });
      expect(ec2.commandCalls(RegisterImageCommand)[0]?.args[0].input).toEqual({
        Name: 'web-sriov-2026-11',
        Description: 'web with SR-IOV',
        Architecture: 'x86_64',
        VirtualizationType: 'hvm',
        RootDeviceName: '/dev/xvda',
        BootMode: 'uefi-preferred',
        SriovNetSupport: 'simple',
        EnaSupport: true,
        ImdsSupport: 'v2.0',
        BlockDeviceMappings: [
          {
            DeviceName: '/dev/xvda',
            Ebs: {
              SnapshotId: 'snap-0aaaaaaaaaaaaaaa1',
              VolumeSize: 8,
              VolumeType: 'gp3',
              Iops: 3000,
              Throughput: 125,
              DeleteOnTermination: true,
            },
          },
          {
            DeviceName: '/dev/xvdb',
            Ebs: {
              SnapshotId: 'snap-0bbbbbbbbbbbbbbb2',
              VolumeSize: 100,
              VolumeType: 'gp2',
              DeleteOnTermination: false,
            },
          },
          { DeviceName: '/dev/sdc', VirtualName: 'ephemeral0' },
        ],
        TagSpecifications: [{ ResourceType: 'image', Tags: allTags }],
      });
      expect(outcome).toMatchObject({
        kind: 'in-progress',
        waitingFor: `image ${newImage} to become available`,
        state: { imageId: newImage, polls: 0 },
        delaySeconds: undefined,
        physicalId: newImage,
      });
    },
  );

  it('tags only the image, in RegisterImage itself, never the snapshots it reuses', async () => {
    ec2.on(DescribeImagesCommand).resolves({ Images: [sourceImage()] });
    ec2.on(RegisterImageCommand).resolves({ ImageId: newImage });

    await create(fromSource());

    expect(ec2.commandCalls(CreateTagsCommand)).toHaveLength(0);
    expect(ec2.commandCalls(DeleteTagsCommand)).toHaveLength(0);
  });

  it(
    'marks the image by its name before RegisterImage, so a lost answer still names what ' +
      'may exist',
    async () => {
      const mark: CreatedMark = { id: undefined };
      ec2.on(DescribeImagesCommand).resolves({ Images: [sourceImage()] });
      ec2.on(RegisterImageCommand).rejects(
        Object.assign(new Error('socket hang up'), {
          name: 'Error',
          code: 'ECONNRESET',
          $metadata: { attempts: 3 },
        }),
      );

      await expect(
        definition.create(
          Object.freeze({
            ...base('create', [], mark),
            properties: fromSource(),
            replacing: undefined,
          }),
        ),
      ).rejects.toThrow(/got no answer from AWS/);

      expect(mark.id).toBe(pendingImageId('web-sriov-2026-11'));
    },
  );

  it(
    'withdraws the mark when EC2 refuses RegisterImage, so the rollback Delete makes no ' +
      'AWS call',
    async () => {
      const mark: CreatedMark = { id: undefined };
      ec2.on(DescribeImagesCommand).resolves({ Images: [sourceImage()] });
      ec2.on(RegisterImageCommand).rejects(ec2Error('InvalidParameterCombination'));

      await expect(
        definition.create(
          Object.freeze({
            ...base('create', [], mark),
            properties: fromSource(),
            replacing: undefined,
          }),
        ),
      ).rejects.toThrow(/InvalidParameterCombination/);

      expect(mark.id).toBeUndefined();
    },
  );

  it('sends a throttled RegisterImage once, with the shared Reason, no mark left', async () => {
    const mark: CreatedMark = { id: undefined };
    ec2.on(DescribeImagesCommand).resolves({ Images: [sourceImage()] });
    const metadata = { $metadata: { httpStatusCode: 503, attempts: 5 } };
    const throttled = Object.assign(ec2Error('RequestLimitExceeded', 503), metadata);
    ec2.on(RegisterImageCommand).rejects(throttled);
    const properties = fromSource();
    const input = Object.freeze({ ...base('create', [], mark), properties, replacing: undefined });

    await expect(definition.create(input)).rejects.toMatchObject({
      name: 'ResourceError',
      reason: expect.stringMatching(
        /^EC2 throttled ec2:RegisterImage \(RequestLimitExceeded\) on all 5 attempts, .* minutes$/,
      ),
    });

    expect(ec2.commandCalls(RegisterImageCommand)).toHaveLength(1);
    expect(mark.id).toBeUndefined();
  });

  it('names the statements to grant when the role may not call an EC2 action', async () => {
    ec2.on(DescribeImagesCommand).rejects(ec2Error('UnauthorizedOperation', 403));

    await expect(create(fromSource())).rejects.toMatchObject({
      reason:
        "The handler's IAM role may not call ec2:DescribeImages (UnauthorizedOperation); " +
        'grant it the statements Custom::SriovAmiRegistration declares in iamStatements',
    });
  });

  it(
    'derives BootMode from the architecture when the source declares none, and honours ' +
      'EnaSupport false',
    async () => {
      ec2
        .on(DescribeImagesCommand)
        .resolves({ Images: [sourceImage({ Architecture: 'arm64', BootMode: undefined })] });
      ec2.on(RegisterImageCommand).resolves({ ImageId: newImage });

      await create(fromSource({ EnaSupport: 'false' }));

      expect(ec2.commandCalls(RegisterImageCommand)[0]?.args[0].input).toMatchObject({
        Architecture: 'arm64',
        BootMode: 'uefi',
        EnaSupport: false,
        SriovNetSupport: 'simple',
      });
    },
  );

  it('registers from a snapshot with the given root device and architecture', async () => {
    ec2.on(RegisterImageCommand).resolves({ ImageId: newImage });

    await create(
      parsed({
        RootSnapshotId: 'snap-0dddddddddddddd44',
        RootDeviceName: '/dev/sda1',
        Architecture: 'x86_64',
        Name: 'from-snap',
        DriverConfirmed: true,
      }),
    );

    expect(ec2.commandCalls(DescribeImagesCommand)).toHaveLength(0);
    expect(ec2.commandCalls(RegisterImageCommand)[0]?.args[0].input).toEqual({
      Name: 'from-snap',
      Architecture: 'x86_64',
      VirtualizationType: 'hvm',
      RootDeviceName: '/dev/sda1',
      BootMode: 'legacy-bios',
      SriovNetSupport: 'simple',
      EnaSupport: true,
      BlockDeviceMappings: [
        {
          DeviceName: '/dev/sda1',
          Ebs: { SnapshotId: 'snap-0dddddddddddddd44', DeleteOnTermination: true },
        },
      ],
      TagSpecifications: [
        { ResourceType: 'image', Tags: [...ownership, { Key: 'cost-center', Value: '42' }] },
      ],
    });
  });

  it(
    'derives a name of at most 128 characters without ":" that changes with the replace-on ' +
      'values',
    async () => {
      ec2.on(DescribeImagesCommand).resolves({ Images: [sourceImage()] });
      ec2.on(RegisterImageCommand).resolves({ ImageId: newImage });

      await create(fromSource({ Name: undefined }));
      await create(fromSource({ Name: undefined }));
      await create(fromSource({ Name: undefined, EnaSupport: 'false' }));

      const names = ec2
        .commandCalls(RegisterImageCommand)
        .map((call) => call.args[0].input.Name ?? '');
      expect(names[0]).toMatch(/^web-FastAmi-[0-9a-f]{10}$/);
      expect(names[1]).toBe(names[0]);
      expect(names[2]).not.toBe(names[0]);
      for (const name of names) expect(name.length).toBeLessThanOrEqual(128);
    },
  );

  it.each([
    [
      'DriverConfirmed is absent',
      { DriverConfirmed: undefined },
      /^DriverConfirmed must be true\. .*without network, and the setting cannot be undone/,
    ],
    ['DriverConfirmed is false', { DriverConfirmed: 'false' }, /^DriverConfirmed must be true/],
    [
      'SriovNetSupport is not simple',
      { SriovNetSupport: 'on' },
      /^SriovNetSupport must be "simple" \(got "on"\): .*cannot be turned off/,
    ],
    [
      'both sources are given',
      { RootSnapshotId: 'snap-0dddddddddddddd44' },
      /^Give exactly one of SourceImageId/,
    ],
    ['no source is given', { SourceImageId: undefined }, /^Give exactly one of SourceImageId/],
    [
      'a source comes with its own Architecture',
      { Architecture: 'arm64' },
      /are copied from SourceImageId/,
    ],
    [
      'a snapshot comes without Architecture',
      {
        SourceImageId: undefined,
        RootSnapshotId: 'snap-0dddddddddddddd44',
        RootDeviceName: '/dev/xvda',
      },
      /RootSnapshotId needs RootDeviceName .* and Architecture/,
    ],
  ])('refuses before any AWS call when %s', async (_case, extra, reason) => {
    const outcome = await create(fromSource(extra));

    expect(outcome.kind).toBe('failed');
    expect(outcome.kind === 'failed' ? outcome.reason : '').toMatch(reason);
    expect(outcome.kind === 'failed' ? outcome.physicalId : 'x').toBeUndefined();
    expect(ec2.calls()).toHaveLength(0);
  });

  it.each([
    [
      'paravirtual',
      { VirtualizationType: 'paravirtual' as const },
      /is a paravirtual image; SR-IOV and ENA work only with HVM images/,
    ],
    [
      'instance-store-backed',
      { RootDeviceType: 'instance-store' as const },
      /is instance-store-backed; only an EBS-backed image/,
    ],
    ['still pending', { State: 'pending' as const }, /is pending; wait until it is available/],
  ])('refuses a source image that is %s, registering nothing', async (_case, overrides, reason) => {
    ec2.on(DescribeImagesCommand).resolves({ Images: [sourceImage(overrides)] });

    await expect(create(fromSource())).rejects.toThrow(reason);
    expect(ec2.commandCalls(RegisterImageCommand)).toHaveLength(0);
  });

  it(
    'adopts the image an earlier attempt registered when the name is taken by an image ' +
      "carrying this resource's ownership tags",
    async () => {
      ec2
        .on(DescribeImagesCommand, { ImageIds: ['ami-0aaaaaaaaaaaaaaa1'] })
        .resolves({ Images: [sourceImage()] });
      ec2
        .on(DescribeImagesCommand, {
          Owners: ['self'],
          Filters: [{ Name: 'name', Values: ['web-sriov-2026-11'] }],
        })
        .resolves({ Images: [{ ImageId: newImage, Name: 'web-sriov-2026-11', Tags: ownership }] });
      ec2.on(RegisterImageCommand).rejects(ec2Error('InvalidAMIName.Duplicate'));

      const outcome = await create(fromSource());

      expect(outcome).toMatchObject({ kind: 'in-progress', physicalId: newImage });
      expect(ec2.commandCalls(CreateTagsCommand)).toHaveLength(0);
    },
  );

  it('refuses to adopt a same-named image that belongs to another stack', async () => {
    ec2
      .on(DescribeImagesCommand, { ImageIds: ['ami-0aaaaaaaaaaaaaaa1'] })
      .resolves({ Images: [sourceImage()] });
    ec2
      .on(DescribeImagesCommand, {
        Owners: ['self'],
        Filters: [{ Name: 'name', Values: ['web-sriov-2026-11'] }],
      })
      .resolves({
        Images: [
          {
            ImageId: 'ami-0eeeeeeeeeeeeeee5',
            Name: 'web-sriov-2026-11',
            Tags: [
              {
                Key: 'crkit:stack-id',
                Value: 'arn:aws:cloudformation:us-east-1:123456789012:stack/other/1',
              },
              { Key: 'crkit:logical-id', Value: 'FastAmi' },
            ],
          },
        ],
      });
    ec2.on(RegisterImageCommand).rejects(ec2Error('InvalidAMIName.Duplicate'));

    await expect(create(fromSource())).rejects.toThrow(ResourceError);
    await expect(create(fromSource())).rejects.toThrow(
      pattern(
        /An image named web-sriov-2026-11 already exists \(ami-0eeeeeeeeeeeeeee5\) and belongs to/,
        / resource FastAmi of stack .*stack\/other\/1; .*Choose another Name/,
      ),
    );
    expect(ec2.commandCalls(CreateTagsCommand)).toHaveLength(0);
  });

  it('refuses a replacement whose Name is still used by the image it replaces', async () => {
    ec2
      .on(DescribeImagesCommand, { ImageIds: ['ami-0aaaaaaaaaaaaaaa1'] })
      .resolves({ Images: [sourceImage()] });
    ec2
      .on(DescribeImagesCommand, {
        Owners: ['self'],
        Filters: [{ Name: 'name', Values: ['web-sriov-2026-11'] }],
      })
      .resolves({
        Images: [{ ImageId: 'ami-0fffffffffffffff6', Name: 'web-sriov-2026-11', Tags: ownership }],
      });
    ec2.on(RegisterImageCommand).rejects(ec2Error('InvalidAMIName.Duplicate'));

    await expect(create(fromSource(), { physicalId: 'ami-0fffffffffffffff6' })).rejects.toThrow(
      NameStillUsed,
    );
  });

  it(
    'resolves an update rollback to the original image without reading the source again or ' +
      'registering',
    async () => {
      const original = 'ami-0fffffffffffffff6';
      ec2
        .on(DescribeImagesCommand, { ImageIds: ['ami-0aaaaaaaaaaaaaaa1'] })
        .rejects(ec2Error('InvalidAMIID.NotFound'));
      ec2
        .on(DescribeImagesCommand, {
          Owners: ['self'],
          Filters: [{ Name: 'name', Values: ['web-sriov-2026-11'] }],
        })
        .resolves({
          Images: [
            { ImageId: original, Name: 'web-sriov-2026-11', State: 'available', Tags: ownership },
          ],
        });

      const outcome = await definition.create(
        Object.freeze({
          ...base('rollback'),
          properties: fromSource(),
          replacing: { physicalId: newImage, properties: undefined },
        }),
      );

      expect(outcome).toMatchObject({ kind: 'in-progress', physicalId: original });
      expect(ec2.commandCalls(RegisterImageCommand)).toHaveLength(0);
    },
  );

  it(
    'adopts, in an update rollback, the image the failed update kept when its name turns ' +
      'out to be taken',
    async () => {
      const original = 'ami-0fffffffffffffff6';
      ec2
        .on(DescribeImagesCommand, { ImageIds: ['ami-0aaaaaaaaaaaaaaa1'] })
        .resolves({ Images: [sourceImage()] });
      ec2
        .on(DescribeImagesCommand, {
          Owners: ['self'],
          Filters: [{ Name: 'name', Values: ['web-sriov-2026-11'] }],
        })
        .resolvesOnce({ Images: [] })
        .resolves({
          Images: [
            { ImageId: original, Name: 'web-sriov-2026-11', State: 'available', Tags: ownership },
          ],
        });
      ec2.on(RegisterImageCommand).rejects(ec2Error('InvalidAMIName.Duplicate'));

      const outcome = await definition.create(
        Object.freeze({
          ...base('rollback'),
          properties: fromSource(),
          replacing: { physicalId: original, properties: undefined },
        }),
      );

      expect(outcome).toMatchObject({ kind: 'in-progress', physicalId: original });
    },
  );

  it('allows exactly the IAM actions it calls', () => {
    const allowed = definition.iamStatements
      .filter((statement) => statement.effect !== 'Deny')
      .flatMap((statement) => statement.actions);
    expect([...new Set(allowed)].sort()).toEqual([
      'ec2:CreateTags',
      'ec2:DeleteTags',
      'ec2:DeregisterImage',
      'ec2:DescribeImages',
      'ec2:ModifyImageAttribute',
      'ec2:RegisterImage',
    ]);
  });
});
