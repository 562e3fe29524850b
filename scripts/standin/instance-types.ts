/**
 * DescribeInstanceTypes over the built-in table. Unknown names fail the whole call with
 * `InvalidInstanceType`, as EC2 does.
 */
import { ApiError } from './errors.js';
import { INSTANCE_TYPES } from './instance-type-table.js';
import type { InstanceTypeInfo } from './instance-type-table.js';
import { listParam } from './query.js';
import type { Params } from './query.js';
import type { World } from './world.js';
import { el, list } from './xml.js';
import type { Xml } from './xml.js';

const strings = (name: string, values: readonly string[]): Xml =>
  list(name, values, (value) => [value]);

const instanceTypeXml = (info: InstanceTypeInfo): Xml[] => [
  el('instanceType', info.instanceType),
  el('currentGeneration', info.currentGeneration),
  el('freeTierEligible', info.instanceType === 't2.micro' || info.instanceType === 't3.micro'),
  strings('supportedUsageClasses', ['on-demand', 'spot']),
  strings(
    'supportedRootDeviceTypes',
    info.hypervisor === 'xen' ? ['ebs', 'instance-store'] : ['ebs'],
  ),
  strings('supportedVirtualizationTypes', ['hvm']),
  el('bareMetal', false),
  el('hypervisor', info.hypervisor),
  el('processorInfo', strings('supportedArchitectures', info.architectures)),
  el('vCpuInfo', el('defaultVCpus', info.vcpus)),
  el('memoryInfo', el('sizeInMiB', info.memoryMiB)),
  el(
    'networkInfo',
    el('networkPerformance', info.networkPerformance),
    el('enaSupport', info.enaSupport),
  ),
  el('placementGroupInfo', strings('supportedStrategies', info.strategies)),
  el('burstablePerformanceSupported', info.burstable),
  strings('supportedBootModes', info.bootModes),
];

const describeInstanceTypes = (_world: World, params: Params): Xml => {
  const names = listParam(params, 'InstanceType');
  const unknown = names.filter((name) => !INSTANCE_TYPES.has(name));
  if (unknown.length > 0) {
    throw new ApiError(
      'InvalidInstanceType',
      `The following supplied instance types do not exist: [${unknown.join(', ')}]`,
    );
  }
  const infos =
    names.length === 0
      ? [...INSTANCE_TYPES.values()]
      : names.map((name) => INSTANCE_TYPES.get(name) as InstanceTypeInfo);
  return list('instanceTypeSet', infos, instanceTypeXml);
};

export { describeInstanceTypes };
