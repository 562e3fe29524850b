/**
 * Relations between templates: which export an `Fn::ImportValue` reaches, and which Lambda function
 * a custom resource's ServiceToken ends up invoking (topic → subscription → function, or the
 * function ARN).
 */
import { getAttTarget, importName, resolveStatic } from './intrinsics.js';
import { isObject, type Json, type LoadedTemplate, type TemplateResource } from './template.js';

/** A resource located in a template. */
type Located = {
  readonly template: LoadedTemplate;
  readonly name: string;
  readonly resource: TemplateResource;
};

/**
 * Templates being checked plus context templates (e.g. the crkit stacks) that only resolve
 * relations.
 */
type TemplateSet = { readonly all: readonly LoadedTemplate[] };

/**
 * The value an exported output holds, with its template; undefined when no template exports `name`.
 * @example
 * findExport(set, 'crkit-ServiceToken')?.value; // { Ref: 'RequestTopic' }
 */
function findExport(
  set: TemplateSet,
  name: string,
): { template: LoadedTemplate; value: Json } | undefined {
  for (const template of set.all) {
    for (const output of Object.values(template.outputs)) {
      const exported = isObject(output.Export)
        ? resolveStatic(template, output.Export.Name)
        : undefined;
      if (exported === name && output.Value !== undefined) return { template, value: output.Value };
    }
  }
  return undefined;
}

/**
 * Follows an import (or a local reference) to the resource it names: `Ref X` or `Fn::GetAtt
 * X.Attr`.
 */
function resolveResource(
  set: TemplateSet,
  template: LoadedTemplate,
  value: Json | undefined,
): Located | undefined {
  const imported = importName(template, value);
  if (imported !== undefined) {
    const exported = findExport(set, imported);
    return exported === undefined
      ? undefined
      : resolveResource(set, exported.template, exported.value);
  }
  if (!isObject(value)) return undefined;
  const name =
    typeof value.Ref === 'string' ? value.Ref : getAttTarget(value['Fn::GetAtt'] ?? null)?.[0];
  const resource = name === undefined ? undefined : template.resources[name];
  return name === undefined || resource === undefined ? undefined : { template, name, resource };
}

/** True when two located resources are the same one. */
function same(a: Located | undefined, b: Located | undefined): boolean {
  return a !== undefined && b !== undefined && a.template === b.template && a.name === b.name;
}

/**
 * The Lambda function a ServiceToken invokes: directly, or through an SNS topic one of the
 * templates subscribes a function to. Undefined when the set does not show it.
 * @example
 * serviceTokenFunction(set, example, { 'Fn::ImportValue': 'crkit-ServiceToken' })?.name;
 * // 'Function'
 */
function serviceTokenFunction(
  set: TemplateSet,
  template: LoadedTemplate,
  token: Json | undefined,
): Located | undefined {
  const target = resolveResource(set, template, token);
  if (target?.resource.Type === 'AWS::Lambda::Function') return target;
  if (target?.resource.Type !== 'AWS::SNS::Topic') return undefined;
  for (const candidate of set.all) {
    for (const resource of Object.values(candidate.resources)) {
      if (resource.Type !== 'AWS::SNS::Subscription' || !isObject(resource.Properties)) continue;
      if (!same(resolveResource(set, candidate, resource.Properties.TopicArn), target)) continue;
      const endpoint = resolveResource(set, candidate, resource.Properties.Endpoint);
      if (endpoint?.resource.Type === 'AWS::Lambda::Function') return endpoint;
    }
  }
  return undefined;
}

/**
 * crkit handler functions: those wired to a continuation queue through
 * CRKIT_CONTINUATION_QUEUE_URL.
 */
function crkitFunctions(set: TemplateSet): Located[] {
  const found: Located[] = [];
  for (const template of set.all) {
    for (const [name, resource] of Object.entries(template.resources)) {
      const environment = resource.Properties?.Environment;
      const variables = isObject(environment) ? environment.Variables : undefined;
      if (
        resource.Type === 'AWS::Lambda::Function' &&
        isObject(variables) &&
        'CRKIT_CONTINUATION_QUEUE_URL' in variables
      ) {
        found.push({ template, name, resource });
      }
    }
  }
  return found;
}

export { crkitFunctions, findExport, resolveResource, same, serviceTokenFunction };
export type { Located, TemplateSet };
