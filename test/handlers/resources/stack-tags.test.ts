/**
 * One stack-tags policy for both built-in types: the stack's tags are read before the first
 * changing call, and a failed DescribeStacks fails the request with the same Reason, with
 * nothing created or changed.
 */
import { DescribeImagesCommand } from '@aws-sdk/client-ec2';
import { beforeEach, describe, expect, it } from 'vitest';
import * as placementGroupModule from '../../../handlers/resources/placement-group/definition.js';
import { definition as sriovAmi } from '../../../handlers/resources/sriov-ami/definition.js';
import { ec2Mock, fakeEc2 } from './placement-group/fake-ec2.js';
import { createInput, fastPacing, updateInput } from './placement-group/inputs.js';
import { base, ownership, parsed, sourceImage } from './sriov-ami/support.js';

const placementGroup = placementGroupModule.placementGroupDefinition(fastPacing);

/** DescribeStacks refused, shaped as the SDK throws it. */
const refused = () =>
  Object.assign(new Error('User is not authorized to perform: cloudformation:DescribeStacks'), {
    name: 'AccessDenied',
    $metadata: { httpStatusCode: 403 },
  });
const failingStackTags = async (): Promise<never> => {
  throw refused();
};

function reasonFor(type: string): string {
  return (
    "crkit could not read the stack's tags (cloudformation:DescribeStacks failed: " +
    'AWS returned AccessDenied (HTTP 403): User is not authorized to perform: ' +
    `cloudformation:DescribeStacks), which it copies onto every ${type} it creates or updates; ` +
    'nothing was created or changed. ' +
    'Check that the handler may call cloudformation:DescribeStacks, then retry the stack operation'
  );
}

/** EC2 operations the mock was asked for, in order. */
const ec2Operations = () =>
  ec2Mock.calls().map((call) => (call.args[0] as object).constructor.name.replace(/Command$/, ''));

const amiProperties = (extra: Record<string, unknown> = {}) =>
  parsed({ SourceImageId: 'ami-0aaaaaaaaaaaaaaa1', DriverConfirmed: 'true', ...extra });
const amiId = 'ami-0ccccccccccccccc3';

beforeEach(() => {
  fakeEc2();
  const image = sourceImage({ ImageId: amiId, Tags: ownership });
  ec2Mock.on(DescribeImagesCommand).resolves({ Images: [image] });
});

describe('a failed DescribeStacks', () => {
  it('fails a placement group create before any EC2 call', async () => {
    const { input } = createInput({ Strategy: 'cluster' }, { stackTags: refused() });

    await expect(placementGroup.create(input)).rejects.toMatchObject({
      name: 'ResourceError',
      reason: reasonFor('Custom::PlacementGroup'),
      physicalId: undefined,
    });
    expect(ec2Operations()).toEqual([]);
  });

  it('fails an SR-IOV AMI create before any EC2 call, with the same Reason', async () => {
    const input = Object.freeze({
      ...base('create'),
      stackTags: failingStackTags,
      properties: amiProperties(),
      replacing: undefined,
    });

    await expect(sriovAmi.create(input)).rejects.toMatchObject({
      name: 'ResourceError',
      reason: reasonFor('Custom::SriovAmiRegistration'),
      physicalId: undefined,
    });
    expect(ec2Operations()).toEqual([]);
  });

  it('fails a placement group update after reading the group, before changing tags', async () => {
    const old = { Strategy: 'cluster', GroupName: 'my-hpc' };
    const created = await placementGroup.create(createInput(old).input);
    ec2Mock.resetHistory();
    const tags = [{ Key: 'team', Value: 'b' }];
    const { input } = updateInput({ ...old, Tags: tags }, old, 'my-hpc', { stackTags: refused() });

    await expect(placementGroup.update(input)).rejects.toMatchObject({
      reason: reasonFor('Custom::PlacementGroup'),
    });
    expect(created).toMatchObject({ kind: 'succeeded', physicalId: 'my-hpc' });
    expect(ec2Operations()).toEqual(['DescribePlacementGroups']);
  });

  it('fails an SR-IOV AMI update after reading the image, before any change', async () => {
    const input = Object.freeze({
      ...base('update'),
      stackTags: failingStackTags,
      properties: amiProperties({ Description: 'new' }),
      oldProperties: amiProperties(),
      physicalId: amiId,
    });

    await expect(sriovAmi.update(input)).rejects.toMatchObject({
      reason: reasonFor('Custom::SriovAmiRegistration'),
    });
    expect(ec2Operations()).toEqual(['DescribeImages']);
  });
});
