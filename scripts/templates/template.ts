/**
 * A parsed CloudFormation template and the findings that checks report about it.
 */
import { readFileSync } from 'node:fs';
import { yamlParse } from 'yaml-cfn';
import { isJsonObject } from '../../framework/drift.js';
import type { Json, JsonObject } from '../../framework/drift.js';

/** One `Resources` entry. */
type TemplateResource = {
  readonly Type?: Json;
  readonly Properties?: JsonObject;
  readonly [key: string]: Json | undefined;
};

/** A template together with the file it came from. */
type LoadedTemplate = {
  readonly file: string;
  readonly body: JsonObject;
  readonly parameters: Readonly<Record<string, JsonObject>>;
  readonly resources: Readonly<Record<string, TemplateResource>>;
  readonly conditions: Readonly<Record<string, Json>>;
  readonly outputs: Readonly<Record<string, JsonObject>>;
};

/** Names of the checks; every finding carries one. */
const CheckNames = [
  'parse',
  'spec',
  'references',
  'parameters',
  'custom',
  'timeouts',
  'iam',
  'encryption',
  'queue-policy',
  'environment',
] as const;
type CheckName = (typeof CheckNames)[number];

/** One problem in one template. `path` is dotted, e.g. `Resources.Function.Properties.Timeout`. */
type Finding = {
  readonly check: CheckName;
  readonly file: string;
  readonly path: string;
  readonly message: string;
};

/** Narrows a value to a plain object. */
const isObject = isJsonObject;

/** Returns the object-valued entries of a section, ignoring anything malformed. */
function section(body: JsonObject, name: string): Record<string, JsonObject> {
  const value = body[name];
  if (!isObject(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, JsonObject] => isObject(entry[1])),
  );
}

/**
 * Parses template text (YAML or JSON, short-form tags included) into a `LoadedTemplate`.
 * @example
 * const template = parseTemplate('t.yaml', 'Resources: {Topic: {Type: AWS::SNS::Topic}}');
 */
function parseTemplate(file: string, text: string): LoadedTemplate {
  const parsed: unknown = yamlParse(text);
  if (!isObject(parsed)) throw new Error('the template is not a mapping');
  return {
    file,
    body: parsed,
    parameters: section(parsed, 'Parameters'),
    resources: section(parsed, 'Resources'),
    conditions: isObject(parsed.Conditions) ? parsed.Conditions : {},
    outputs: section(parsed, 'Outputs'),
  };
}

/**
 * Reads and parses a template file.
 * @example
 * const state = loadTemplate('templates/crkit-state.yaml');
 */
function loadTemplate(file: string): LoadedTemplate {
  return parseTemplate(file, readFileSync(file, 'utf8'));
}

export { CheckNames, isObject, loadTemplate, parseTemplate };
export type { CheckName, Finding, Json, JsonObject, LoadedTemplate, TemplateResource };
