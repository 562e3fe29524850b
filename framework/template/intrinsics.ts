/**
 * A parsed template's values and the shape of CloudFormation's intrinsic functions, shared by
 * the template evaluator (drift detection, the simulator) and the template checker.
 */

/** A JSON-like value, as a template parser returns it. */
type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

/** A plain object (not an array, not null). */
type JsonObject = { readonly [key: string]: Json };

/** Narrows a value to a plain object. */
function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The intrinsic's name when `value` is one (`Ref`, `Fn::…`, `Condition`), else undefined.
 * @example
 * intrinsicName({ 'Fn::Sub': '${AWS::StackName}' }) // 'Fn::Sub'
 */
function intrinsicName(value: unknown): string | undefined {
  if (!isJsonObject(value)) return undefined;
  const keys = Object.keys(value);
  const key = keys[0];
  if (keys.length !== 1 || key === undefined) return undefined;
  return key === 'Ref' || key === 'Condition' || key.startsWith('Fn::') ? key : undefined;
}

/**
 * `Fn::GetAtt` target as [resource, attribute], accepting both the list and the dotted form.
 * @example
 * getAttTarget('Group.GroupId') // ['Group', 'GroupId']
 */
function getAttTarget(argument: Json): [string, string] | undefined {
  if (typeof argument === 'string') {
    const dot = argument.indexOf('.');
    return dot > 0 ? [argument.slice(0, dot), argument.slice(dot + 1)] : undefined;
  }
  if (
    Array.isArray(argument) &&
    typeof argument[0] === 'string' &&
    typeof argument[1] === 'string'
  ) {
    return [argument[0], argument[1]];
  }
  return undefined;
}

export { getAttTarget, intrinsicName, isJsonObject };
export type { Json, JsonObject };
