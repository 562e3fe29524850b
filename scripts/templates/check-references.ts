/**
 * Check `references`: every `Ref`, `Fn::GetAtt`, `Fn::Sub` variable, `DependsOn` and condition name
 * points at something the template declares, and `Fn::GetAtt` names an attribute the target type
 * has.
 */
import { isCustomType } from './check-spec.js';
import { PseudoParameters, getAttTarget, subVariables } from './intrinsics.js';
import { specResource } from './spec.js';
import { isObject, type Finding, type Json, type LoadedTemplate } from './template.js';

/** Attribute names of custom resource types, when known (from crkit's registry). */
type CustomAttributes = ReadonlyMap<string, readonly string[]>;

/** Yields every [path, value] below a value, the value itself first. */
function* walk(value: Json | undefined, path: string): Generator<[string, Json]> {
  if (value === undefined) return;
  yield [path, value];
  if (Array.isArray(value))
    for (const [i, item] of (value as readonly Json[]).entries())
      yield* walk(item, `${path}[${i}]`);
  else if (isObject(value))
    for (const [key, item] of Object.entries(value)) yield* walk(item, `${path}.${key}`);
}

/**
 * Reports references to undeclared parameters, resources, attributes and conditions.
 * @example
 * const template = loadTemplate('templates/examples/cluster-fleet.yaml');
 * const findings = checkReferences(template, new Map());
 */
function checkReferences(template: LoadedTemplate, customAttributes: CustomAttributes): Finding[] {
  const findings: Finding[] = [];
  const report = (path: string, message: string) =>
    findings.push({ check: 'references', file: template.file, path, message });
  const declared = (name: string) =>
    name in template.parameters || name in template.resources || PseudoParameters.has(name);
  const sections = {
    Resources: template.resources,
    Outputs: template.outputs,
    Conditions: template.conditions,
  } as const;
  for (const [sectionName, entries] of Object.entries(sections)) {
    for (const [path, value] of walk(entries as Json, sectionName)) {
      if (!isObject(value)) continue;
      if (typeof value.Ref === 'string' && !declared(value.Ref))
        report(path, `Ref to undeclared ${value.Ref}`);
      if ('Fn::GetAtt' in value) checkGetAtt(value['Fn::GetAtt'], path);
      if ('Fn::Sub' in value) checkSub(value['Fn::Sub'], path);
      if (Array.isArray(value['Fn::If']) && typeof value['Fn::If'][0] === 'string')
        checkCondition(value['Fn::If'][0], path);
      if (sectionName === 'Conditions' && typeof value.Condition === 'string')
        checkCondition(value.Condition, path);
    }
  }
  for (const [name, resource] of Object.entries(template.resources)) {
    if (typeof resource.Condition === 'string')
      checkCondition(resource.Condition, `Resources.${name}.Condition`);
    const dependsOn =
      typeof resource.DependsOn === 'string' ? [resource.DependsOn] : resource.DependsOn;
    if (Array.isArray(dependsOn)) {
      for (const target of dependsOn)
        if (typeof target !== 'string' || !(target in template.resources))
          report(`Resources.${name}.DependsOn`, `DependsOn undeclared ${String(target)}`);
    }
  }
  for (const [name, output] of Object.entries(template.outputs)) {
    if (typeof output.Condition === 'string')
      checkCondition(output.Condition, `Outputs.${name}.Condition`);
  }
  return findings;

  function checkGetAtt(argument: Json, path: string): void {
    const target = getAttTarget(argument);
    if (target === undefined) return void report(path, 'Fn::GetAtt needs [Resource, Attribute]');
    const [name, attribute] = target;
    const type = template.resources[name]?.Type;
    if (typeof type !== 'string')
      return void report(path, `Fn::GetAtt on undeclared resource ${name}`);
    const known = isCustomType(type)
      ? customAttributes.get(type)
      : Object.keys(specResource(type)?.attributes ?? {});
    if (known !== undefined && !known.includes(attribute))
      report(path, `${type} has no attribute ${attribute} (known: ${known.join(', ') || 'none'})`);
  }

  function checkSub(argument: Json, path: string): void {
    const [text, variables] = Array.isArray(argument)
      ? [argument[0], argument[1]]
      : [argument, undefined];
    if (typeof text !== 'string') return;
    for (const variable of subVariables(text)) {
      const [name = ''] = variable.split('.');
      const local = isObject(variables) && variable in variables;
      if (!local && !declared(name)) report(path, `Fn::Sub variable \${${variable}} is undeclared`);
      else if (!local && variable.includes('.')) checkGetAtt(variable, path);
    }
  }

  function checkCondition(name: string, path: string): void {
    if (!(name in template.conditions)) report(path, `condition ${name} is undeclared`);
  }
}

export { checkReferences, walk };
export type { CustomAttributes };
