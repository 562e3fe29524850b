/**
 * Check `spec`: every resource's type exists and its properties match the AWS resource model
 * (unknown and missing required properties, primitive types). Custom resources are left to the
 * `custom` check.
 */
import { checkProperties } from './spec-values.js';
import { specResource } from './spec.js';
import { isObject, type Finding, type LoadedTemplate } from './template.js';

/** Keys CloudFormation accepts on a resource. */
const ResourceKeys = new Set([
  'Type',
  'Properties',
  'DependsOn',
  'Condition',
  'DeletionPolicy',
  'UpdateReplacePolicy',
  'UpdatePolicy',
  'CreationPolicy',
  'Metadata',
]);

/** True for `Custom::Name` and `AWS::CloudFormation::CustomResource`. */
function isCustomType(type: unknown): type is string {
  return (
    typeof type === 'string' &&
    (type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource')
  );
}

/**
 * Reports resources whose type or properties the AWS resource model rejects.
 * @example
 * const findings = checkSpec(loadTemplate('templates/crkit-handler.yaml'));
 */
function checkSpec(template: LoadedTemplate): Finding[] {
  const findings: Finding[] = [];
  const report = (path: string, message: string) =>
    findings.push({ check: 'spec', file: template.file, path, message });
  for (const [name, resource] of Object.entries(template.resources)) {
    const path = `Resources.${name}`;
    for (const key of Object.keys(resource))
      if (!ResourceKeys.has(key)) report(`${path}.${key}`, `unknown resource attribute ${key}`);
    if (typeof resource.Type !== 'string') {
      report(path, 'missing Type');
      continue;
    }
    if (isCustomType(resource.Type)) continue;
    const model = specResource(resource.Type);
    if (model === undefined) {
      report(`${path}.Type`, `unknown resource type ${resource.Type}`);
      continue;
    }
    const properties = resource.Properties ?? {};
    if (!isObject(properties)) {
      report(`${path}.Properties`, 'Properties must be a mapping');
      continue;
    }
    for (const problem of checkProperties(properties, model.properties, `${path}.Properties`))
      report(problem.path, problem.message);
  }
  return findings;
}

export { checkSpec, isCustomType };
