/**
 * The registration plan: the exact RegisterImage input. Re-registering copies the source
 * image's architecture, root device, boot mode and block devices (never Encrypted or KmsKeyId
 * beside a SnapshotId, which EC2 rejects: encryption follows the snapshot); registering from a
 * snapshot uses the author's values. Architecture, VirtualizationType `hvm` and BootMode are
 * always explicit, because RegisterImage defaults to i386 and paravirtual.
 */
import type { BlockDeviceMapping, Image, RegisterImageCommandInput } from '@aws-sdk/client-ec2';
import { ResourceError } from '../../../framework/index.js';
import { callEc2 } from '../ec2-call.js';
import type { Ec2CallContext } from '../ec2-call.js';
import { Simple } from './refusals.js';
import type { SriovAmiProperties } from './schema.js';

/** What to register. */
type Plan = { readonly input: RegisterImageCommandInput };

/** The fields of the plan that do not depend on the source. */
type Common = { readonly name: string; readonly tags: readonly { Key: string; Value: string }[] };

const withIops = new Set(['io1', 'io2', 'gp3']);

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

/** One block device of the source, as RegisterImage accepts it. */
function copyMapping(mapping: BlockDeviceMapping): BlockDeviceMapping {
  const { DeviceName, Ebs, VirtualName, NoDevice } = mapping;
  if (Ebs !== undefined) {
    const {
      SnapshotId,
      VolumeSize,
      VolumeType,
      DeleteOnTermination,
      Iops,
      Throughput,
      Encrypted,
      KmsKeyId,
    } = Ebs;
    const sized = {
      VolumeSize,
      VolumeType,
      DeleteOnTermination,
      Iops: withIops.has(VolumeType ?? '') ? Iops : undefined,
      Throughput: VolumeType === 'gp3' ? Throughput : undefined,
    };
    return {
      DeviceName,
      Ebs: defined(
        SnapshotId === undefined ? { ...sized, Encrypted, KmsKeyId } : { SnapshotId, ...sized },
      ),
    };
  }
  if (VirtualName !== undefined) return { DeviceName, VirtualName };
  return defined({ DeviceName, NoDevice });
}

/** The boot mode EC2 assumes for an image that declares none. */
function defaultBootMode(architecture: string): 'uefi' | 'legacy-bios' {
  return architecture === 'arm64' ? 'uefi' : 'legacy-bios';
}

function sourceRefusal(id: string, image: Image | undefined): string | undefined {
  if (image === undefined)
    return `SourceImageId ${id} does not exist, or this account cannot see it`;
  if (image.VirtualizationType !== 'hvm')
    return (
      `SourceImageId ${id} is a ${image.VirtualizationType ?? 'non-HVM'} image; SR-IOV and ` +
      `ENA work only with HVM images`
    );
  if (image.RootDeviceType !== 'ebs')
    return (
      `SourceImageId ${id} is ${image.RootDeviceType ?? 'not'}-backed; only an EBS-backed ` +
      `image can be re-registered from its snapshots`
    );
  if (image.State !== 'available')
    return `SourceImageId ${id} is ${image.State ?? 'not available'}; wait until it is available`;
  return undefined;
}

function registration(
  properties: SriovAmiProperties,
  common: Common,
  rest: Omit<RegisterImageCommandInput, 'Name'>,
): RegisterImageCommandInput {
  return defined({
    Name: common.name,
    Description: properties.Description,
    ...rest,
    VirtualizationType: 'hvm',
    SriovNetSupport: Simple,
    EnaSupport: properties.EnaSupport ?? true,
    TagSpecifications: [{ ResourceType: 'image', Tags: [...common.tags] }],
  });
}

async function fromSource(
  id: string,
  properties: SriovAmiProperties,
  common: Common,
  context: Ec2CallContext,
): Promise<Plan> {
  const { Images } = await callEc2(context, 'DescribeImages', ({ client, sdk }) =>
    client.send(new sdk.DescribeImagesCommand({ ImageIds: [id] }), { abortSignal: context.signal }),
  );
  const source = Images?.[0];
  const refusal = sourceRefusal(id, source);
  if (refusal !== undefined || source === undefined)
    throw new ResourceError(refusal ?? `SourceImageId ${id} cannot be read`);
  const architecture = source.Architecture ?? 'x86_64';
  const mappings = (source.BlockDeviceMappings ?? []).map(copyMapping);
  const input = registration(properties, common, {
    Architecture: architecture,
    RootDeviceName: source.RootDeviceName,
    BootMode: properties.BootMode ?? source.BootMode ?? defaultBootMode(architecture),
    BlockDeviceMappings: mappings,
    ImdsSupport: source.ImdsSupport,
    TpmSupport: source.TpmSupport,
  });
  return { input };
}

function fromSnapshot(snapshotId: string, properties: SriovAmiProperties, common: Common): Plan {
  const architecture = properties.Architecture ?? 'x86_64';
  const mappings = [
    {
      DeviceName: properties.RootDeviceName,
      Ebs: { SnapshotId: snapshotId, DeleteOnTermination: true },
    },
  ];
  const input = registration(properties, common, {
    Architecture: architecture,
    RootDeviceName: properties.RootDeviceName,
    BootMode: properties.BootMode ?? defaultBootMode(architecture),
    BlockDeviceMappings: mappings,
  });
  return { input };
}

/**
 * Reads the source (if any) and builds the RegisterImage input; refuses a source that is not
 * an available HVM EBS-backed image.
 * @example
 * const plan = await planRegistration(properties, { name, tags }, input);
 */
async function planRegistration(
  properties: SriovAmiProperties,
  common: Common,
  context: Ec2CallContext,
): Promise<Plan> {
  const source = properties.SourceImageId;
  if (source !== undefined) return fromSource(source, properties, common, context);
  if (properties.RootSnapshotId !== undefined)
    return fromSnapshot(properties.RootSnapshotId, properties, common);
  throw new ResourceError('Give exactly one of SourceImageId or RootSnapshotId');
}

export { copyMapping, planRegistration };
export type { Common, Plan };
