/**
 * A stack's processed template, as GetTemplate returns it: JSON, or YAML with CloudFormation's
 * short-form tags (`!Ref`, `!Sub`, …). The YAML parser is imported only when a body is YAML, so
 * it stays off every other path of the Lambda.
 */
import { isJsonObject } from '../../framework/drift.js';
import type { Json, JsonObject } from '../../framework/drift.js';

/** The sections drift detection reads. */
type StackTemplate = {
  readonly parameters: Readonly<Record<string, JsonObject>>;
  readonly resources: Readonly<Record<string, JsonObject>>;
  readonly conditions: Readonly<Record<string, Json>>;
  readonly mappings: Readonly<Record<string, Json>>;
};

function objects(value: Json | undefined): Record<string, JsonObject> {
  if (!isJsonObject(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, JsonObject] => isJsonObject(entry[1])),
  );
}

async function parseBody(body: string): Promise<unknown> {
  if (body.trimStart().startsWith('{')) {
    try {
      return JSON.parse(body) as unknown;
    } catch {
      // YAML is a superset of JSON's look: a body that is not JSON may still be YAML.
    }
  }
  const { yamlParse } = await import('yaml-cfn');
  return yamlParse(body) as unknown;
}

/**
 * Parses a template body.
 * @example
 * const template = await parseStackTemplate(await ports.getTemplate('fleet'));
 */
async function parseStackTemplate(body: string): Promise<StackTemplate> {
  const parsed = await parseBody(body);
  if (!isJsonObject(parsed)) throw new TypeError('the stack template is not a mapping');
  return {
    parameters: objects(parsed.Parameters),
    resources: objects(parsed.Resources),
    conditions: isJsonObject(parsed.Conditions) ? parsed.Conditions : {},
    mappings: isJsonObject(parsed.Mappings) ? parsed.Mappings : {},
  };
}

export { parseStackTemplate };
export type { StackTemplate };
