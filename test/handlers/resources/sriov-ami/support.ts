/**
 * Shared pieces of the SR-IOV AMI tests: a source image, EC2-shaped errors, and the frozen
 * inputs the framework would hand the resource.
 */
import type { Image } from '@aws-sdk/client-ec2';
import { createLogger, parseProperties } from '../../../../framework/index.js';
import type { BaseInput, RequestIdentity } from '../../../../framework/index.js';
import { definition } from '../../../../handlers/resources/sriov-ami/definition.js';
import type { SriovAmiProperties } from '../../../../handlers/resources/sriov-ami/schema.js';
import { creationMarks } from '../../../../framework/created.js';
import type { CreatedMark } from '../../../../framework/created.js';

const stackId =
  'arn:aws:cloudformation:us-east-1:123456789012:stack/web/1b2c3d40-aaaa-11f0-8000-0a1b2c3d4e5f';
const identity: RequestIdentity = {
  stackId,
  stackName: 'web',
  requestId: 'req-1',
  logicalResourceId: 'FastAmi',
  resourceType: 'Custom::SriovAmiRegistration',
};
const ownership = [
  { Key: 'crkit:stack-id', Value: stackId },
  { Key: 'crkit:logical-id', Value: 'FastAmi' },
];
const stackTags = [
  { Key: 'cost-center', Value: '42' },
  { Key: 'aws:cloudformation:stack-name', Value: 'web' },
];

const sourceImage = (overrides: Partial<Image> = {}): Image => ({
  ImageId: 'ami-0aaaaaaaaaaaaaaa1',
  Name: 'base-2026',
  State: 'available',
  Architecture: 'x86_64',
  VirtualizationType: 'hvm',
  RootDeviceType: 'ebs',
  RootDeviceName: '/dev/xvda',
  BootMode: 'uefi-preferred',
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
        Encrypted: true,
        KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/1',
      },
    },
    {
      DeviceName: '/dev/xvdb',
      Ebs: {
        SnapshotId: 'snap-0bbbbbbbbbbbbbbb2',
        VolumeSize: 100,
        VolumeType: 'gp2',
        Iops: 300,
        DeleteOnTermination: false,
        Encrypted: false,
      },
    },
    { DeviceName: '/dev/sdc', VirtualName: 'ephemeral0' },
  ],
  ...overrides,
});

/** An error shaped like the SDK's for an EC2 error code. */
const ec2Error = (code: string, status = 400): Error =>
  Object.assign(new Error(`${code} happened`), {
    name: code,
    $metadata: { httpStatusCode: status },
    $fault: 'client',
  });

/** Properties as CloudFormation sends them (strings), parsed by the resource's schema. */
function parsed(raw: Record<string, unknown>): SriovAmiProperties {
  const result = parseProperties(definition.properties, raw);
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}

function base(
  action: BaseInput['action'],
  lines: string[] = [],
  mark: CreatedMark = { id: undefined },
): BaseInput {
  return {
    action,
    request: identity,
    log: createLogger({ sink: (line) => lines.push(line) }),
    signal: new AbortController().signal,
    remainingMs: () => 10_000,
    stackTags: async () => stackTags,
    ...creationMarks(mark),
    secret: () => undefined,
  };
}

export { base, ec2Error, identity, ownership, parsed, sourceImage, stackId, stackTags };
