/**
 * Checks one property value against its type in the AWS resource model: primitive types, lists,
 * maps, nested types (unknown and missing required properties). Intrinsic functions are accepted as
 * any type, except that both branches of `Fn::If` are checked.
 */
import type { PropertyType, ResourceProperties } from '@aws-cdk/service-spec-types';
import { intrinsicName, isNoValue } from './intrinsics.js';
import { specTypeDefinition } from './spec.js';
import { isObject, type Json, type JsonObject } from './template.js';

/** A problem at a dotted path below the checked value. */
type ValueProblem = { readonly path: string; readonly message: string };

/** Problems of `value` against `type`; `path` names the value. */
function checkValue(value: Json, type: PropertyType, path: string): ValueProblem[] {
  const intrinsic = intrinsicName(value);
  if (intrinsic === 'Fn::If')
    return ifBranches(value).flatMap((branch, i) =>
      checkValue(branch, type, `${path}.Fn::If[${i + 1}]`),
    );
  if (intrinsic !== undefined) return [];
  switch (type.type) {
    case 'string':
    case 'date-time':
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? []
        : [expected(path, 'a string', value)];
    case 'integer':
      return isInteger(value) ? [] : [expected(path, 'an integer', value)];
    case 'number':
      return isNumeric(value) ? [] : [expected(path, 'a number', value)];
    case 'boolean':
      return typeof value === 'boolean' || value === 'true' || value === 'false'
        ? []
        : [expected(path, 'a boolean', value)];
    case 'json':
    case 'null':
      return [];
    case 'tag':
      return isObject(value) && 'Key' in value && 'Value' in value
        ? []
        : [expected(path, 'a tag {Key, Value}', value)];
    case 'array':
      if (!Array.isArray(value)) return [expected(path, 'a list', value)];
      return (value as readonly Json[]).flatMap((item, i) =>
        isNoValue(item) ? [] : checkValue(item, type.element, `${path}[${i}]`),
      );
    case 'map':
      if (!isObject(value)) return [expected(path, 'a mapping', value)];
      return Object.entries(value).flatMap(([key, item]) =>
        checkValue(item, type.element, `${path}.${key}`),
      );
    case 'union':
      return checkUnion(value, type.types, path);
    case 'ref': {
      if (!isObject(value))
        return [expected(path, `a ${specTypeDefinition(type).name} mapping`, value)];
      return checkProperties(value, specTypeDefinition(type).properties, path);
    }
  }
}

/** Unknown, missing-required and mistyped properties of a mapping. */
function checkProperties(
  value: JsonObject,
  properties: ResourceProperties,
  path: string,
): ValueProblem[] {
  const problems: ValueProblem[] = [];
  for (const [name, item] of Object.entries(value)) {
    const property = properties[name];
    if (property === undefined)
      problems.push({ path: `${path}.${name}`, message: `unknown property ${name}` });
    else if (!isNoValue(item)) problems.push(...checkValue(item, property.type, `${path}.${name}`));
  }
  for (const [name, property] of Object.entries(properties)) {
    if (property.required === true && !(name in value))
      problems.push({ path, message: `missing required property ${name}` });
  }
  return problems;
}

/**
 * A value passes a union when it passes any member; otherwise the first member's problems are
 * reported.
 */
function checkUnion(value: Json, members: readonly PropertyType[], path: string): ValueProblem[] {
  let first: ValueProblem[] | undefined;
  for (const member of members) {
    const problems = checkValue(value, member, path);
    if (problems.length === 0) return [];
    first ??= problems;
  }
  return first ?? [];
}

/** The two result branches of an `Fn::If`, minus `AWS::NoValue`. */
function ifBranches(value: Json): Json[] {
  const argument = isObject(value) ? value['Fn::If'] : undefined;
  if (!Array.isArray(argument)) return [];
  return (argument as readonly Json[]).slice(1, 3).filter((branch) => !isNoValue(branch));
}

/** Integers may be written as numbers or as numeric strings (CloudFormation converts them). */
function isInteger(value: Json): boolean {
  if (typeof value === 'number') return Number.isInteger(value);
  return typeof value === 'string' && /^-?\d+$/.test(value.trim());
}

function isNumeric(value: Json): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  return typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value));
}

function expected(path: string, what: string, value: Json): ValueProblem {
  return { path, message: `expected ${what}, found ${JSON.stringify(value)}` };
}

export { checkProperties, checkValue, ifBranches };
export type { ValueProblem };
