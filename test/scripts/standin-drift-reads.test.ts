import {
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  GetTemplateCommand,
  ListStacksCommand,
  paginateListStacks,
} from '@aws-sdk/client-cloudformation';
import {
  DescribeImagesCommand,
  DescribePlacementGroupsCommand,
  CreatePlacementGroupCommand,
} from '@aws-sdk/client-ec2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectStandin } from '../../scripts/standin/index.js';
import { harness } from '../fixtures/standin/clients.js';
import type { Harness } from '../fixtures/standin/clients.js';

const STACK_ID =
  'arn:aws:cloudformation:us-east-1:123456789012:stack/fleet/0a1b2c3d-0000-4000-8000-000000000001';
const YAML =
  'Resources:\n  Group:\n    Type: Custom::PlacementGroup\n    Properties:\n      ' +
  'ServiceToken: !ImportValue crkit-ServiceToken\n      Strategy: cluster\n';

let h: Harness;
beforeEach(async () => {
  h = await harness({}, { maxAttempts: 1 });
});
afterEach(async () => {
  await h.close();
});

describe('what a drift check reads from CloudFormation', () => {
  it('GetTemplate gives the deployed text, short-form tags and all, at both stages', async () => {
    h.standin.putStack({ stackId: STACK_ID, templateBody: YAML });

    const processed = await h.cfn.send(
      new GetTemplateCommand({ StackName: 'fleet', TemplateStage: 'Processed' }),
    );
    const original = await h.cfn.send(new GetTemplateCommand({ StackName: STACK_ID }));

    expect(processed.TemplateBody).toBe(YAML);
    expect(original.TemplateBody).toBe(YAML);
    expect(processed.StagesAvailable).toEqual(['Original', 'Processed']);
  });

  it(
    'GetTemplate refuses an unknown stack, a stack without a stored template and an ' +
      'unknown stage',
    async () => {
      h.standin.putStack({ stackName: 'bare' });

      await expect(
        h.cfn.send(new GetTemplateCommand({ StackName: 'ghost' })),
      ).rejects.toMatchObject({
        name: 'ValidationError',
        message: 'Stack with id ghost does not exist',
      });
      await expect(h.cfn.send(new GetTemplateCommand({ StackName: 'bare' }))).rejects.toMatchObject(
        {
          name: 'ValidationError',
          message: expect.stringContaining('no template for stack bare'),
        },
      );
      await expect(
        h.cfn.send(new GetTemplateCommand({ StackName: 'bare', TemplateStage: 'Later' as never })),
      ).rejects.toMatchObject({
        name: 'ValidationError',
        message: expect.stringContaining("'templateStage'"),
      });
    },
  );

  it('DescribeStacks shows the parameters, a NoEcho one as ****', async () => {
    h.standin.putStack({
      stackId: STACK_ID,
      parameters: [
        { key: 'Environment', value: 'prod' },
        { key: 'ClusterJoinToken', value: 'join-token-that-must-not-show', noEcho: true },
      ],
    });

    const out = await h.cfn.send(new DescribeStacksCommand({ StackName: 'fleet' }));

    expect(out.Stacks?.[0]?.Parameters).toEqual([
      { ParameterKey: 'Environment', ParameterValue: 'prod' },
      { ParameterKey: 'ClusterJoinToken', ParameterValue: '****' },
    ]);
    expect(JSON.stringify(out)).not.toContain('join-token-that-must-not-show');
  });

  const describeResourcesTitle =
    'DescribeStackResources lists every resource with its physical id, or one by logical id';
  it(describeResourcesTitle, async () => {
    h.standin.setStackResource({
      stack: STACK_ID,
      logicalResourceId: 'Group',
      resourceType: 'Custom::PlacementGroup',
      physicalResourceId: 'fleet-group',
      status: 'CREATE_COMPLETE',
    });
    h.standin.setStackResource({
      stack: STACK_ID,
      logicalResourceId: 'Image',
      resourceType: 'Custom::SriovAmiRegistration',
      status: 'CREATE_IN_PROGRESS',
    });

    const all = await h.cfn.send(new DescribeStackResourcesCommand({ StackName: 'fleet' }));
    const one = await h.cfn.send(
      new DescribeStackResourcesCommand({ StackName: STACK_ID, LogicalResourceId: 'Group' }),
    );

    expect(
      all.StackResources?.map((r) => [
        r.LogicalResourceId,
        r.ResourceType,
        r.PhysicalResourceId,
        r.ResourceStatus,
      ]),
    ).toEqual([
      ['Group', 'Custom::PlacementGroup', 'fleet-group', 'CREATE_COMPLETE'],
      ['Image', 'Custom::SriovAmiRegistration', undefined, 'CREATE_IN_PROGRESS'],
    ]);
    expect(all.StackResources?.[0]).toMatchObject({
      StackId: STACK_ID,
      StackName: 'fleet',
      Timestamp: expect.any(Date),
    });
    expect(one.StackResources?.map((r) => r.LogicalResourceId)).toEqual(['Group']);
    await expect(
      h.cfn.send(new DescribeStackResourcesCommand({ StackName: 'ghost' })),
    ).rejects.toMatchObject({ name: 'ValidationError' });
  });

  it('ListStacks lists every stack, deleted too, filters by status and pages by 100', async () => {
    for (let index = 0; index < 101; index += 1) h.standin.putStack({ stackName: `s${index}` });
    h.standin.setStackStatus('s7', 'DELETE_COMPLETE');

    const pages: string[][] = [];
    for await (const page of paginateListStacks({ client: h.cfn }, {}))
      pages.push((page.StackSummaries ?? []).map((s) => s.StackName ?? ''));
    const deleted = await h.cfn.send(
      new ListStacksCommand({ StackStatusFilter: ['DELETE_COMPLETE'] }),
    );

    expect(pages.map((page) => page.length)).toEqual([100, 1]);
    expect(
      deleted.StackSummaries?.map((s) => [
        s.StackName,
        s.StackStatus,
        s.StackId?.startsWith('arn:aws:cloudformation:us-east-1:123456789012:stack/s7/'),
      ]),
    ).toEqual([['s7', 'DELETE_COMPLETE', true]]);
    await expect(
      h.cfn.send(new ListStacksCommand({ NextToken: 'not-a-token' })),
    ).rejects.toMatchObject({ name: 'ValidationError' });
  });
});

describe("changes behind the provider's back", () => {
  it('removes a tag from a placement group by name, and the call log shows no call', async () => {
    await h.ec2.send(
      new CreatePlacementGroupCommand({
        GroupName: 'g',
        Strategy: 'cluster',
        TagSpecifications: [
          {
            ResourceType: 'placement-group',
            Tags: [
              { Key: 'environment', Value: 'dev' },
              { Key: 'crkit:owner', Value: 'x' },
            ],
          },
        ],
      }),
    );
    h.standin.clearCalls();

    h.standin.removeTags('g', ['environment']);
    const out = await h.ec2.send(new DescribePlacementGroupsCommand({ GroupNames: ['g'] }));

    expect(out.PlacementGroups?.[0]?.Tags).toEqual([{ Key: 'crkit:owner', Value: 'x' }]);
    expect(h.standin.calls().map((call) => call.action)).toEqual(['DescribePlacementGroups']);
    expect(() => h.standin.removeTags('no-such-group', ['a'])).toThrow(
      /No image, snapshot or placement group/,
    );
  });

  it('flips image attributes, removes one with null, and keeps id, tags and state', async () => {
    const { imageId } = h.standin.seedImage({
      name: 'img',
      enaSupport: true,
      sriovNetSupport: 'simple',
      tags: [{ Key: 'environment', Value: 'dev' }],
    });

    h.standin.setImageAttributes(imageId, { enaSupport: false, sriovNetSupport: null });
    const image = (await h.ec2.send(new DescribeImagesCommand({ ImageIds: [imageId] })))
      .Images?.[0];

    expect(image).toMatchObject({
      ImageId: imageId,
      EnaSupport: false,
      State: 'available',
      Tags: [{ Key: 'environment', Value: 'dev' }],
    });
    expect(image).not.toHaveProperty('SriovNetSupport');
  });

  it('deregisters an image: gone from DescribeImages or listed as deregistered', async () => {
    const gone = h.standin.seedImage({ name: 'gone' });
    const lingering = h.standin.seedImage({ name: 'lingering' });

    h.standin.deregisterImage(gone.imageId);
    h.standin.deregisterImage(lingering.imageId, { lingering: true });

    await expect(
      h.ec2.send(new DescribeImagesCommand({ ImageIds: [gone.imageId] })),
    ).rejects.toMatchObject({ name: 'InvalidAMIID.NotFound' });
    const listed = await h.ec2.send(new DescribeImagesCommand({ ImageIds: [lingering.imageId] }));
    expect(listed.Images?.[0]?.State).toBe('deregistered');
  });

  it('offers the same changes over the HTTP control API', async () => {
    const remote = connectStandin(h.standin.url);
    const { imageId } = h.standin.seedImage({
      name: 'remote',
      enaSupport: true,
      tags: [
        { Key: 'a', Value: '1' },
        { Key: 'b', Value: '2' },
      ],
    });

    await remote.removeTags(imageId, ['a']);
    await remote.setImageAttributes(imageId, { enaSupport: false });
    const before = (await h.ec2.send(new DescribeImagesCommand({ ImageIds: [imageId] })))
      .Images?.[0];
    await remote.deregisterImage(imageId);
    await remote.putStack({
      stackName: 'remote-stack',
      templateBody: '{}',
      parameters: [{ key: 'P', value: 'v' }],
    });

    expect(before).toMatchObject({ EnaSupport: false, Tags: [{ Key: 'b', Value: '2' }] });
    await expect(
      h.ec2.send(new DescribeImagesCommand({ ImageIds: [imageId] })),
    ).rejects.toMatchObject({ name: 'InvalidAMIID.NotFound' });
    expect(
      (await h.cfn.send(new GetTemplateCommand({ StackName: 'remote-stack' }))).TemplateBody,
    ).toBe('{}');
    await expect(
      remote.setImageAttributes('ami-0000000000000dead', { enaSupport: true }),
    ).rejects.toThrow(/No image ami-0000000000000dead/);
  });
});
