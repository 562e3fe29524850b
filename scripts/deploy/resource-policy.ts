/**
 * The handler template as deployed: its role's resource policy replaced by the rendering of the served
 * types' IAM statements, so the role grants what those types declare and nothing else (no policy at all
 * when they declare nothing). The framework's own policy is left as written.
 */
import { yamlParse } from 'yaml-cfn';
import type { ResourceDefinition } from '../../framework/index.js';
import { isJsonObject, type Json, type JsonObject } from '../../framework/intrinsics.js';
import { ResourcePolicyName, renderResourcePolicy } from '../templates/resource-policy.js';

/** The handler template is not one whose resource policy can be filled. */
class ResourcePolicyError extends Error {
  override readonly name = 'ResourcePolicyError';
}

/** The roles' `Policies` lists that hold a policy named `resources`, with that policy's index. */
function resourcePolicySlots(template: JsonObject): { policies: Json[]; index: number }[] {
  const resources = isJsonObject(template.Resources) ? Object.values(template.Resources) : [];
  return resources.flatMap((resource) => {
    const properties = isJsonObject(resource) && resource.Type === 'AWS::IAM::Role' ? resource.Properties : undefined;
    const policies = isJsonObject(properties) && Array.isArray(properties.Policies) ? (properties.Policies as Json[]) : [];
    const index = policies.findIndex((policy) => isJsonObject(policy) && policy.PolicyName === ResourcePolicyName);
    return index === -1 ? [] : [{ policies, index }];
  });
}

/**
 * The parsed handler template with its role's resource policy rendered from `definitions`; the input is
 * left unchanged. Throws `ResourcePolicyError` unless exactly one role has a policy named `resources`.
 * @example
 * const deployed = withResourcePolicy(yamlParse(text), [userDefinition]);
 */
function withResourcePolicy(template: JsonObject, definitions: readonly ResourceDefinition[]): JsonObject {
  const copy = structuredClone(template);
  const slots = resourcePolicySlots(copy);
  if (slots.length !== 1) {
    throw new ResourcePolicyError(`the handler template must have one role with a policy named ${ResourcePolicyName}; found ${slots.length}`);
  }
  const { policies, index } = slots[0]!;
  const statements = renderResourcePolicy(definitions) as unknown as Json[];
  // IAM refuses a policy without statements: a handler whose types declare none gets no such policy.
  if (statements.length === 0) policies.splice(index, 1);
  else policies[index] = { PolicyName: ResourcePolicyName, PolicyDocument: { Version: '2012-10-17', Statement: statements } };
  return copy;
}

/**
 * The handler template's body for CloudFormation (JSON), its resource policy rendered from the served
 * types' statements.
 * @example
 * const body = handlerTemplateBody(await readFile('templates/crkit-handler.yaml', 'utf8'), definitions);
 */
function handlerTemplateBody(templateText: string, definitions: readonly ResourceDefinition[]): string {
  const parsed: unknown = yamlParse(templateText);
  if (!isJsonObject(parsed)) throw new ResourcePolicyError('the handler template is not a mapping');
  return JSON.stringify(withResourcePolicy(parsed, definitions));
}

export { ResourcePolicyError, handlerTemplateBody, withResourcePolicy };
