/**
 * The order CloudFormation works in: a resource after everything it references (Ref, GetAtt,
 * Sub variables, DependsOn), template order breaking ties. Deletes run in the reverse order.
 */
import { getAttTarget, intrinsicName, subVariables } from '../templates/intrinsics.js';
import type { Json, LoadedTemplate } from '../templates/template.js';

/** True for the types CloudFormation sends to a ServiceToken. */
function isCustomType(type: unknown): type is string {
  return (
    typeof type === 'string' &&
    (type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource')
  );
}

function subTargets(argument: Json): string[] {
  const body =
    typeof argument === 'string' ? argument : Array.isArray(argument) ? argument[0] : undefined;
  if (typeof body !== 'string') return [];
  return subVariables(body).map((name) => name.split('.')[0] ?? name);
}

/** Names a value refers to (parameters included; callers keep the resources). */
function referencedNames(value: Json | undefined): Set<string> {
  const found = new Set<string>();
  const visit = (item: Json | undefined): void => {
    if (item === null || item === undefined || typeof item !== 'object') return;
    if (Array.isArray(item)) {
      for (const element of item as readonly Json[]) visit(element);
      return;
    }
    const name = intrinsicName(item);
    const argument = name === undefined ? undefined : (item as Record<string, Json>)[name];
    if (name === 'Ref' && typeof argument === 'string') found.add(argument);
    if (name === 'Fn::GetAtt' && argument !== undefined)
      for (const target of getAttTarget(argument)?.slice(0, 1) ?? []) found.add(target);
    if (name === 'Fn::Sub' && argument !== undefined)
      for (const target of subTargets(argument)) found.add(target);
    for (const element of Object.values(item)) visit(element);
  };
  visit(value);
  return found;
}

function dependsOn(resource: Readonly<Record<string, Json | undefined>>): string[] {
  const value = resource.DependsOn;
  if (typeof value === 'string') return [value];
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}

/**
 * Every resource in creation order.
 * @example
 * creationOrder(template); // ['PlacementGroup', 'FleetImage', 'LaunchTemplate', 'Fleet']
 */
function creationOrder(template: LoadedTemplate): string[] {
  const names = Object.keys(template.resources);
  const needs = new Map<string, string[]>();
  for (const name of names) {
    const resource = template.resources[name] ?? {};
    const refs = [...referencedNames(resource.Properties ?? null), ...dependsOn(resource)];
    needs.set(
      name,
      refs.filter((ref) => ref !== name && names.includes(ref)),
    );
  }
  const order: string[] = [];
  const visiting = new Set<string>();
  const visit = (name: string): void => {
    if (order.includes(name)) return;
    if (visiting.has(name)) throw new Error(`circular dependency through ${name}`);
    visiting.add(name);
    for (const need of needs.get(name) ?? []) visit(need);
    visiting.delete(name);
    order.push(name);
  };
  names.forEach(visit);
  return order;
}

/**
 * The custom resources of a template, in creation order, leaving out those whose Condition is
 * false.
 * @example
 * customResources(template, () => true); // ['PlacementGroup', 'FleetImage']
 */
function customResources(
  template: LoadedTemplate,
  included: (condition: string) => boolean,
): string[] {
  return creationOrder(template).filter((name) => {
    const resource = template.resources[name] ?? {};
    if (!isCustomType(resource.Type)) return false;
    return typeof resource.Condition !== 'string' || included(resource.Condition);
  });
}

/**
 * The first resource that is not custom and depends on a custom one: where a "downstream" failure
 * happens.
 */
function downstreamOf(template: LoadedTemplate, customs: readonly string[]): string | undefined {
  return creationOrder(template).find((name) => {
    const resource = template.resources[name] ?? {};
    if (isCustomType(resource.Type)) return false;
    const refs = referencedNames(resource.Properties ?? null);
    return (
      customs.some((custom) => refs.has(custom)) ||
      dependsOn(resource).some((dep) => customs.includes(dep))
    );
  });
}

export { creationOrder, customResources, downstreamOf, isCustomType, referencedNames };
