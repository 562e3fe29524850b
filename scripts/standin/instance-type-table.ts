/**
 * A small built-in table of instance types, enough for strategy and boot-mode checks.
 * Values follow DescribeInstanceTypes as of 2025; burstable (T2/T3) types lack `cluster`.
 */

/** The fields the stand-in reports for one instance type. */
type InstanceTypeInfo = {
  readonly instanceType: string;
  readonly currentGeneration: boolean;
  readonly hypervisor: 'nitro' | 'xen';
  readonly architectures: readonly string[];
  readonly vcpus: number;
  readonly memoryMiB: number;
  readonly networkPerformance: string;
  readonly enaSupport: 'unsupported' | 'supported' | 'required';
  readonly strategies: readonly string[];
  readonly bootModes: readonly string[];
  readonly burstable: boolean;
};

const ALL = ['cluster', 'partition', 'spread'] as const;
const NO_CLUSTER = ['partition', 'spread'] as const;
const BIOS_UEFI = ['legacy-bios', 'uefi'] as const;

const row = (
  instanceType: string,
  hypervisor: 'nitro' | 'xen',
  vcpus: number,
  memoryMiB: number,
  networkPerformance: string,
  extra: Partial<InstanceTypeInfo> = {},
): InstanceTypeInfo => ({
  instanceType,
  currentGeneration: true,
  hypervisor,
  architectures: ['x86_64'],
  vcpus,
  memoryMiB,
  networkPerformance,
  enaSupport: hypervisor === 'nitro' ? 'required' : 'unsupported',
  strategies: ALL,
  bootModes: hypervisor === 'nitro' ? BIOS_UEFI : ['legacy-bios'],
  burstable: false,
  ...extra,
});

/** The built-in instance types, by name. */
const INSTANCE_TYPES: ReadonlyMap<string, InstanceTypeInfo> = new Map(
  [
    row('c5n.18xlarge', 'nitro', 72, 196_608, '100 Gigabit'),
    row('c5n.9xlarge', 'nitro', 36, 98_304, '50 Gigabit'),
    row('c5n.large', 'nitro', 2, 5_376, 'Up to 25 Gigabit'),
    row('c6in.xlarge', 'nitro', 4, 8_192, 'Up to 30 Gigabit'),
    row('c6in.8xlarge', 'nitro', 32, 65_536, '50 Gigabit'),
    row('c6in.32xlarge', 'nitro', 128, 262_144, '200 Gigabit'),
    row('m6in.xlarge', 'nitro', 4, 16_384, 'Up to 30 Gigabit'),
    row('r6in.xlarge', 'nitro', 4, 32_768, 'Up to 30 Gigabit'),
    row('c5.large', 'nitro', 2, 4_096, 'Up to 10 Gigabit'),
    row('m5.large', 'nitro', 2, 8_192, 'Up to 10 Gigabit'),
    row('t3.micro', 'nitro', 2, 1_024, 'Up to 5 Gigabit', {
      strategies: NO_CLUSTER,
      burstable: true,
    }),
    row('t2.micro', 'xen', 1, 1_024, 'Low to Moderate', {
      strategies: NO_CLUSTER,
      burstable: true,
    }),
    row('hpc7g.16xlarge', 'nitro', 64, 131_072, '200 Gigabit', {
      architectures: ['arm64'],
      bootModes: ['uefi'],
    }),
    row('m7g.large', 'nitro', 2, 8_192, 'Up to 12.5 Gigabit', {
      architectures: ['arm64'],
      bootModes: ['uefi'],
    }),
    row('c4.8xlarge', 'xen', 36, 61_440, '10 Gigabit', { currentGeneration: false }),
    row('m4.large', 'xen', 2, 8_192, 'Moderate', { currentGeneration: false }),
    row('m4.16xlarge', 'xen', 64, 262_144, '25 Gigabit', {
      currentGeneration: false,
      enaSupport: 'supported',
    }),
  ].map((info) => [info.instanceType, info]),
);

export { INSTANCE_TYPES };
export type { InstanceTypeInfo };
