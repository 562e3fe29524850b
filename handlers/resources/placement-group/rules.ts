/**
 * Checks made before any AWS call: property combinations, tag keys, and (for cluster groups)
 * one instance family. Each broken rule gives a Reason that says which rule and how to fix it.
 */
import { OwnershipTagKeys } from '../ownership.js';
import type { PlacementGroupProperties } from './schema.js';

/**
 * The instance family of a type.
 * @example
 * familyOf('c5n.18xlarge') // 'c5n'
 * @internal
 */
function familyOf(instanceType: string): string {
  return instanceType.split('.')[0] ?? instanceType;
}

function combinationProblem(properties: PlacementGroupProperties): string | undefined {
  const { Strategy, PartitionCount, SpreadLevel, AllowMixedInstanceTypes } = properties;
  if (PartitionCount !== undefined && Strategy !== 'partition') {
    return (
      `PartitionCount applies only to Strategy partition (this group is ${Strategy}); ` +
      `remove PartitionCount or use Strategy partition`
    );
  }
  if (SpreadLevel !== undefined && Strategy !== 'spread') {
    return (
      `SpreadLevel applies only to Strategy spread (this group is ${Strategy}); remove ` +
      `SpreadLevel or use Strategy spread`
    );
  }
  if (AllowMixedInstanceTypes === true && Strategy !== 'cluster') {
    return (
      `AllowMixedInstanceTypes applies only to Strategy cluster (this group is ` +
      `${Strategy}); remove it`
    );
  }
  return undefined;
}

/** Why a tag key that starts with `aws:` (in any case) is refused. */
const reservedKeys = 'keys starting with aws: are reserved by AWS and cannot be written';

function tagProblem(properties: PlacementGroupProperties): string | undefined {
  const seen = new Set<string>();
  for (const [index, tag] of (properties.Tags ?? []).entries()) {
    if (tag.Key.toLowerCase().startsWith('aws:')) return `Tags[${index}].Key: ${reservedKeys}`;
    if (tag.Key === OwnershipTagKeys.stackId || tag.Key === OwnershipTagKeys.logicalId) {
      return (
        `Tags[${index}].Key: ${tag.Key} is the ownership tag crkit writes itself; remove ` +
        `it from Tags`
      );
    }
    if (seen.has(tag.Key)) return `Tags[${index}].Key: ${tag.Key} appears more than once`;
    seen.add(tag.Key);
  }
  return undefined;
}

function familyProblem(properties: PlacementGroupProperties): string | undefined {
  if (properties.Strategy !== 'cluster' || properties.AllowMixedInstanceTypes === true)
    return undefined;
  const families = new Map<string, string[]>();
  for (const type of properties.InstanceTypes ?? [])
    families.set(familyOf(type), [...(families.get(familyOf(type)) ?? []), type]);
  if (families.size <= 1) return undefined;
  const listed = [...families]
    .map(([family, types]) => `${family} (${types.join(', ')})`)
    .join(', ');
  return (
    `InstanceTypes mixes instance families in a cluster group: ${listed}. ` +
    'AWS recommends one instance type per cluster placement group, launched all at once ' +
    'in one request; a cluster group ' +
    'lives in a single Availability Zone, and mixed types there make ' +
    'insufficient-capacity errors more likely. ' +
    'Use one family, or set AllowMixedInstanceTypes: true to accept the risk'
  );
}

/**
 * The first rule the properties break, as a Reason, or undefined when they are consistent.
 * @example
 * const problem = propertiesProblem(properties);
 * if (problem !== undefined) return failed(problem);
 */
function propertiesProblem(properties: PlacementGroupProperties): string | undefined {
  return combinationProblem(properties) ?? tagProblem(properties) ?? familyProblem(properties);
}

export { familyOf, propertiesProblem };
