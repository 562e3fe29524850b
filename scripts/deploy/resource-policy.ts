/**
 * The handler template as deployed: its role's resource policy replaced by the rendering of the
 * served types' IAM statements, so the role grants what those types declare and nothing else (no
 * such policy at all when they declare nothing). The framework's own policy is left as written.
 */
import { yamlParse } from 'yaml-cfn';
import type { ResourceDefinition } from '../../framework/index.js';
import { ResourcePolicyName, renderResourcePolicy } from '../templates/resource-policy.js';

/** A template value, as `yamlParse` gives it. */
type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };
type JsonObject = { readonly [key: string]: Json };

/** True for a mapping (not null, not a list). */
function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The handler template is not one whose resource policy can be filled. */
class ResourcePolicyError extends Error {
  override readonly name = 'ResourcePolicyError';
}

/** Where a role's policy named `resources` sits: its role's `Policies` list and its index. */
type Slot = { readonly policies: Json[]; readonly index: number };

/** The slots of every role that has a policy named `resources`. */
function resourcePolicySlots(template: JsonObject): Slot[] {
  const resources = isJsonObject(template.Resources) ? Object.values(template.Resources) : [];
  return resources.flatMap((resource) => {
    const isRole = isJsonObject(resource) && resource.Type === 'AWS::IAM::Role';
    const properties = isRole ? resource.Properties : undefined;
    const listed = isJsonObject(properties) ? properties.Policies : undefined;
    const policies = Array.isArray(listed) ? (listed as Json[]) : [];
    const named = (policy: Json) =>
      isJsonObject(policy) && policy.PolicyName === ResourcePolicyName;
    const index = policies.findIndex(named);
    return index === -1 ? [] : [{ policies, index }];
  });
}

/**
 * The parsed handler template with its role's resource policy rendered from `definitions`; the
 * input is left unchanged. Throws `ResourcePolicyError` unless exactly one role has a policy named
 * `resources`.
 * @example
 * const deployed = withResourcePolicy(yamlParse(text), [userDefinition]);
 */
function withResourcePolicy(
  template: JsonObject,
  definitions: readonly ResourceDefinition[],
): JsonObject {
  const copy = structuredClone(template);
  const slots = resourcePolicySlots(copy);
  const [slot] = slots;
  if (slot === undefined || slots.length !== 1) {
    const wanted = `one role with a policy named ${ResourcePolicyName}`;
    const found = `found ${slots.length}`;
    throw new ResourcePolicyError(`the handler template must have ${wanted}; ${found}`);
  }
  const { policies, index } = slot;
  const statements = renderResourcePolicy(definitions) as unknown as Json[];
  // IAM refuses a policy without statements: types that declare none get no such policy.
  if (statements.length === 0) {
    policies.splice(index, 1);
  } else {
    const PolicyDocument = { Version: '2012-10-17', Statement: statements };
    policies[index] = { PolicyName: ResourcePolicyName, PolicyDocument };
  }
  return copy;
}

/**
 * The handler template's body for CloudFormation (JSON), its resource policy rendered from the
 * served types' statements.
 * @example
 * const body = handlerTemplateBody(await readFile('templates/crkit-handler.yaml', 'utf8'), served);
 */
function handlerTemplateBody(
  templateText: string,
  definitions: readonly ResourceDefinition[],
): string {
  const parsed: unknown = yamlParse(templateText);
  if (!isJsonObject(parsed)) throw new ResourcePolicyError('the handler template is not a mapping');
  return JSON.stringify(withResourcePolicy(parsed, definitions));
}

export { ResourcePolicyError, handlerTemplateBody, withResourcePolicy };
