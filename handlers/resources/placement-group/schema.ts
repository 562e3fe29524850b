/**
 * The properties of `Custom::PlacementGroup`, as a template author writes them. Scalars arrive as
 * strings, so PartitionCount and AllowMixedInstanceTypes are read back from text. Combinations
 * (PartitionCount only with partition, …) are checked in `rules.ts`, where the Reason can explain.
 */
import * as z from 'zod/mini';
import { cfnBoolean, cfnInteger } from '../../../framework/index.js';
import { MaxTagsPerResource } from '../ownership.js';
import { tagSchema } from '../tag-schema.js';

/** Placement strategies this resource creates. @internal */
const Strategies = ['cluster', 'spread', 'partition'] as const;
type Strategy = (typeof Strategies)[number];

/** Spread levels (`host` works only on Outposts). @internal */
const SpreadLevels = ['host', 'rack'] as const;

/** Most partitions a partition group may have per Availability Zone. @internal */
const MaxPartitions = 7;

/** Room left for the author's tags once the two ownership tags are written. @internal */
const MaxAuthorTags = MaxTagsPerResource - 2;

/** A placement group's name: 1 to 255 printable ASCII characters. */
const groupName = z
  .string()
  .check(
    z.minLength(1),
    z.maxLength(255),
    z.regex(/^[\x20-\x7E]+$/, { error: 'must be printable ASCII' }),
  );

/** An instance type name such as `c5n.18xlarge`. */
const instanceType = z
  .string()
  .check(z.regex(/^[a-z0-9-]+\.[a-z0-9-]+$/, { error: 'must look like c5n.18xlarge' }));

/**
 * The property schema.
 * @example
 * parseProperties(placementGroupProperties, { Strategy: 'partition', PartitionCount: '3' })
 */
const placementGroupProperties = z.strictObject({
  Strategy: z.enum(Strategies),
  GroupName: z.optional(groupName),
  PartitionCount: z.optional(cfnInteger({ min: 1, max: MaxPartitions })),
  SpreadLevel: z.optional(z.enum(SpreadLevels)),
  InstanceTypes: z.optional(z.array(instanceType).check(z.minLength(1), z.maxLength(100))),
  AllowMixedInstanceTypes: z.optional(cfnBoolean()),
  Tags: z.optional(z.array(tagSchema).check(z.maxLength(MaxAuthorTags))),
});

/** Parsed properties. */
type PlacementGroupProperties = z.output<typeof placementGroupProperties>;

export { MaxAuthorTags, MaxPartitions, SpreadLevels, Strategies, placementGroupProperties };
export type { PlacementGroupProperties, Strategy };
