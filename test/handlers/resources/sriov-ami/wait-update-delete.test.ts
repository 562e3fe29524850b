import {
  CreateTagsCommand,
  DeleteSnapshotCommand,
  DeleteTagsCommand,
  DeregisterImageCommand,
  DescribeImagesCommand,
  EC2Client,
  ModifyImageAttributeCommand,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { definition } from '../../../../handlers/resources/sriov-ami/definition.js';
import { pendingImageId } from '../../../../handlers/resources/sriov-ami/pending-image.js';
import { base, ec2Error, identity, ownership, parsed, sourceImage } from './support.js';

const ec2 = mockClient(EC2Client);
const imageId = 'ami-0ccccccccccccccc3';
const registered = (overrides = {}) =>
  sourceImage({
    ImageId: imageId,
    Name: 'web-sriov',
    SriovNetSupport: 'simple',
    EnaSupport: true,
    Tags: ownership,
    ...overrides,
  });
const props = (extra: Record<string, unknown> = {}) =>
  parsed({ SourceImageId: 'ami-0aaaaaaaaaaaaaaa1', DriverConfirmed: 'true', ...extra });

const resume = (polls = 0) =>
  definition.resume?.(
    Object.freeze({
      ...base('create'),
      properties: props(),
      physicalId: imageId,
      state: { imageId, polls },
    }),
  );
const remove = (physicalId = imageId) =>
  definition.delete(Object.freeze({ ...base('delete'), properties: undefined, physicalId }));

afterEach(() => {
  ec2.reset();
});

describe('Custom::SriovAmiRegistration waiting for the image', () => {
  it('succeeds with the attributes once the image is available', async () => {
    ec2.on(DescribeImagesCommand).resolves({ Images: [registered({ State: 'available' })] });

    const outcome = await resume();

    expect(outcome).toEqual({
      kind: 'succeeded',
      physicalId: imageId,
      noEcho: false,
      data: {
        ImageId: imageId,
        Name: 'web-sriov',
        SriovNetSupport: 'simple',
        EnaSupport: 'true',
        RootSnapshotId: 'snap-0aaaaaaaaaaaaaaa1',
      },
    });
  });

  it('keeps waiting on the framework schedule while the image is pending or unseen', async () => {
    ec2
      .on(DescribeImagesCommand)
      .resolvesOnce({ Images: [registered({ State: 'pending' })] })
      .rejectsOnce(ec2Error('InvalidAMIID.NotFound'));

    const pending = await resume(1);
    const invisible = await resume(2);

    expect(pending).toMatchObject({
      kind: 'in-progress',
      delaySeconds: undefined,
      state: { imageId, polls: 2 },
      physicalId: imageId,
    });
    expect(invisible).toMatchObject({ kind: 'in-progress', state: { imageId, polls: 3 } });
  });

  it(
    'gives up on an image DescribeImages has not shown for two minutes, and still answers ' +
      'with its id',
    async () => {
      ec2.on(DescribeImagesCommand).rejects(ec2Error('InvalidAMIID.NotFound'));
      const since = Date.now() - 121_000;

      const stillHidden = await definition.resume?.(
        Object.freeze({
          ...base('create'),
          properties: props(),
          physicalId: imageId,
          state: { imageId, polls: 5, since: since + 2_000 },
        }),
      );
      const givenUp = await definition.resume?.(
        Object.freeze({
          ...base('create'),
          properties: props(),
          physicalId: imageId,
          state: { imageId, polls: 6, since },
        }),
      );

      expect(stillHidden).toMatchObject({
        kind: 'in-progress',
        state: { imageId, polls: 6, since: since + 2_000 },
      });
      expect(givenUp).toMatchObject({ kind: 'failed', physicalId: imageId });
      expect(givenUp?.kind === 'failed' ? givenUp.reason : '').toMatch(
        /DescribeImages has not shown it in 121 s/,
      );
    },
  );

  it.each(['failed', 'error', 'invalid'] as const)(
    'answers FAILED with the StateReason when the image becomes %s',
    async (state) => {
      ec2.on(DescribeImagesCommand).resolves({
        Images: [
          registered({
            State: state,
            StateReason: {
              Code: 'Client.InvalidSnapshot.NotFound',
              Message: 'The snapshot does not exist',
            },
          }),
        ],
      });

      const outcome = await resume();

      expect(outcome).toEqual({
        kind: 'failed',
        physicalId: imageId,
        reason:
          `image ${imageId} became ${state} instead of available ` +
          `(Client.InvalidSnapshot.NotFound: The snapshot does not exist)`,
      });
    },
  );
});

describe('Custom::SriovAmiRegistration resuming for an image it does not own', () => {
  it(
    "never waits for or answers with another stack's image, whatever the continuation " +
      'state names',
    async () => {
      ec2.on(DescribeImagesCommand).resolves({
        Images: [
          registered({
            State: 'available',
            Tags: [
              {
                Key: 'crkit:stack-id',
                Value: 'arn:aws:cloudformation:us-east-1:123456789012:stack/other/1',
              },
              { Key: 'crkit:logical-id', Value: 'FastAmi' },
            ],
          }),
        ],
      });

      const outcome = await resume(3);

      expect(outcome).toMatchObject({
        kind: 'failed',
        reason: expect.stringMatching(
          new RegExp(`^image ${imageId} belongs to resource FastAmi of stack .*other`),
        ),
      });
    },
  );
});

describe('Custom::SriovAmiRegistration delete', () => {
  it('deregisters its image and deletes no snapshot', async () => {
    ec2.on(DescribeImagesCommand).resolves({ Images: [registered({ State: 'available' })] });
    ec2.on(DeregisterImageCommand).resolves({ Return: true });

    const outcome = await remove();

    expect(outcome).toMatchObject({ kind: 'succeeded', physicalId: imageId });
    expect(ec2.commandCalls(DeregisterImageCommand).map((call) => call.args[0].input)).toEqual([
      { ImageId: imageId },
    ]);
    expect(ec2.commandCalls(DeleteSnapshotCommand)).toHaveLength(0);
  });

  it.each(['InvalidAMIID.NotFound', 'InvalidAMIID.Unavailable'])(
    'succeeds when deregistering meets %s',
    async (code) => {
      ec2.on(DescribeImagesCommand).resolves({ Images: [registered()] });
      ec2.on(DeregisterImageCommand).rejects(ec2Error(code));

      await expect(remove()).resolves.toMatchObject({ kind: 'succeeded' });
    },
  );

  it('succeeds without deregistering when the image is already gone', async () => {
    ec2.on(DescribeImagesCommand).rejects(ec2Error('InvalidAMIID.NotFound'));

    await expect(remove()).resolves.toMatchObject({ kind: 'succeeded' });
    expect(ec2.commandCalls(DeregisterImageCommand)).toHaveLength(0);
  });

  it(
    'resolves the id of a create whose RegisterImage answer was lost by name and ownership ' +
      'tags, and deregisters only what it owns',
    async () => {
      ec2.on(DescribeImagesCommand).resolves({
        Images: [
          registered({ Name: 'web-sriov' }),
          {
            ...registered({ Name: 'web-sriov' }),
            ImageId: 'ami-0ddddddddddddddd4',
            Tags: [{ Key: 'team', Value: 'other' }],
          },
        ],
      });
      ec2.on(DeregisterImageCommand).resolves({ Return: true });

      const outcome = await remove(pendingImageId('web-sriov'));

      expect(ec2.commandCalls(DescribeImagesCommand)[0]?.args[0].input).toEqual({
        Owners: ['self'],
        Filters: [
          { Name: 'name', Values: ['web-sriov'] },
          { Name: 'tag:crkit:stack-id', Values: [identity.stackId] },
          { Name: 'tag:crkit:logical-id', Values: [identity.logicalResourceId] },
        ],
      });
      expect(ec2.commandCalls(DeregisterImageCommand).map((call) => call.args[0].input)).toEqual([
        { ImageId: imageId },
      ]);
      expect(outcome).toMatchObject({ kind: 'succeeded', physicalId: pendingImageId('web-sriov') });
    },
  );

  it(
    'looks again for a pending image that is not visible yet, then succeeds without ' +
      'deregistering when none shows',
    async () => {
      ec2.on(DescribeImagesCommand).resolves({ Images: [] });

      const outcome = await definition.delete(
        Object.freeze({
          ...base('delete'),
          remainingMs: () => 0,
          properties: undefined,
          physicalId: pendingImageId('web-sriov'),
        }),
      );

      expect(outcome).toMatchObject({ kind: 'succeeded' });
      expect(ec2.commandCalls(DeregisterImageCommand)).toHaveLength(0);
    },
  );

  it("leaves alone an image without this resource's ownership tags", async () => {
    ec2
      .on(DescribeImagesCommand)
      .resolves({ Images: [registered({ Tags: [{ Key: 'team', Value: 'other' }] })] });

    await expect(remove()).resolves.toMatchObject({
      kind: 'succeeded',
      note: expect.stringMatching(
        new RegExp(`^image ${imageId} was left in place: it belongs to `),
      ),
    });
    expect(ec2.commandCalls(DeregisterImageCommand)).toHaveLength(0);
  });

  it('fails with the AWS reason when deregistration is refused', async () => {
    ec2.on(DescribeImagesCommand).resolves({ Images: [registered()] });
    ec2.on(DeregisterImageCommand).rejects(ec2Error('InvalidParameterValue'));

    await expect(remove()).rejects.toThrow(
      /^ec2:DeregisterImage failed: AWS returned InvalidParameterValue \(HTTP 400\)/,
    );
  });
});

describe('Custom::SriovAmiRegistration update in place', () => {
  it('changes the Description and the tags of the image only, never of its snapshots', async () => {
    ec2
      .on(DescribeImagesCommand)
      .resolves({ Images: [registered({ State: 'available', Description: 'old' })] });
    const properties = props({ Description: 'new', Tags: [{ Key: 'app', Value: 'web2' }] });
    const oldProperties = props({
      Description: 'old',
      Tags: [
        { Key: 'app', Value: 'web' },
        { Key: 'owner', Value: 'ops' },
      ],
    });

    const outcome = await definition.update(
      Object.freeze({ ...base('update'), properties, oldProperties, physicalId: imageId }),
    );

    const resources = [imageId];
    expect(ec2.commandCalls(ModifyImageAttributeCommand).map((call) => call.args[0].input)).toEqual(
      [{ ImageId: imageId, Attribute: 'description', Value: 'new' }],
    );
    expect(ec2.commandCalls(DeleteTagsCommand).map((call) => call.args[0].input)).toEqual([
      { Resources: resources, Tags: [{ Key: 'owner' }] },
    ]);
    expect(ec2.commandCalls(CreateTagsCommand).map((call) => call.args[0].input)).toEqual([
      {
        Resources: resources,
        Tags: [...ownership, { Key: 'app', Value: 'web2' }, { Key: 'cost-center', Value: '42' }],
      },
    ]);
    expect(outcome).toMatchObject({
      kind: 'succeeded',
      physicalId: imageId,
      data: { ImageId: imageId },
    });
  });

  it.each([
    [
      'another stack',
      [
        {
          Key: 'crkit:stack-id',
          Value: 'arn:aws:cloudformation:us-east-1:123456789012:stack/other/1',
        },
        { Key: 'crkit:logical-id', Value: 'FastAmi' },
      ],
    ],
    ['nobody crkit knows', [{ Key: 'Backup', Value: 'daily' }]],
  ])('refuses to change an image that belongs to %s, making no change', async (_owner, Tags) => {
    ec2
      .on(DescribeImagesCommand)
      .resolves({ Images: [registered({ Description: 'theirs', Tags })] });

    const outcome = await definition.update(
      Object.freeze({
        ...base('update'),
        properties: props({ Description: 'mine' }),
        oldProperties: props(),
        physicalId: imageId,
      }),
    );

    expect(outcome).toMatchObject({
      kind: 'failed',
      reason: expect.stringMatching(
        new RegExp(`^Image ${imageId} belongs to .*, not to this resource`),
      ),
    });
    expect(ec2.commandCalls(ModifyImageAttributeCommand)).toHaveLength(0);
    expect(ec2.commandCalls(CreateTagsCommand)).toHaveLength(0);
    expect(ec2.commandCalls(DeleteTagsCommand)).toHaveLength(0);
  });

  it('leaves the Description alone when it already matches', async () => {
    ec2.on(DescribeImagesCommand).resolves({ Images: [registered({ Description: 'same' })] });

    await definition.update(
      Object.freeze({
        ...base('update'),
        properties: props({ Description: 'same' }),
        oldProperties: props(),
        physicalId: imageId,
      }),
    );

    expect(ec2.commandCalls(ModifyImageAttributeCommand)).toHaveLength(0);
    expect(ec2.commandCalls(DeleteTagsCommand)).toHaveLength(0);
  });
});
