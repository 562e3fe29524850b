/**
 * Evaluating a template's intrinsic functions the way CloudFormation does at deploy time: Ref,
 * Fn::GetAtt, Fn::Sub, Fn::Join, Fn::Select, Fn::Split, Fn::FindInMap, Fn::Base64,
 * Fn::ImportValue, Fn::If with the condition functions, and AWS::NoValue. What a reference
 * stands for comes from the context: the simulator answers from its session, drift detection
 * from the stack, and throws `UnresolvableError` for what it cannot know (an attribute, an
 * import, a NoEcho parameter). Used by the simulator and by the Lambda's drift check.
 */
import { getAttTarget, intrinsicName, isJsonObject as isObject } from './intrinsics.js';
import type { Json, JsonObject } from './intrinsics.js';
import { replacePlaceholders } from './sub-placeholders.js';

/** What evaluation needs to know about the stack. */
type EvalContext = {
  /** Parameters and pseudo parameters, as strings. */
  readonly parameters: Readonly<Record<string, string>>;
  /** The template's Conditions section, evaluated lazily. */
  readonly conditions: Readonly<Record<string, Json>>;
  /** `Ref` of a resource: its physical id. */
  ref(logicalId: string): string;
  /** `Fn::GetAtt` of a resource. */
  attribute(logicalId: string, name: string): string;
  /** `Fn::ImportValue` of an export name. */
  importValue(name: string): string;
  /** The template's Mappings section, for `Fn::FindInMap`. @default {} */
  readonly mappings?: Readonly<Record<string, Json>> | undefined;
};

/** A template that cannot be evaluated, or an attribute that is missing. */
class TemplateError extends Error {
  override readonly name: string = 'TemplateError';
}

/**
 * A value that exists but cannot be known where the template is evaluated (an attribute, an import,
 * a NoEcho parameter).
 */
class UnresolvableError extends TemplateError {
  override readonly name: string = 'UnresolvableError';
}

/** Marks a value removed by `AWS::NoValue`. */
const NoValue = Symbol('AWS::NoValue');

function text(value: unknown, where: string): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  throw new TemplateError(`${where} needs a string, got ${JSON.stringify(value)}`);
}

function substitute(
  template: string,
  variables: Readonly<Record<string, unknown>>,
  context: EvalContext,
): string {
  return replacePlaceholders(template, 'all', (inner) => {
    if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
    const name = inner.trim();
    if (name in variables) return text(variables[name], `Fn::Sub variable ${name}`);
    const dot = name.indexOf('.');
    if (dot > 0 && !name.startsWith('AWS::'))
      return context.attribute(name.slice(0, dot), name.slice(dot + 1));
    return refOf(name, context);
  });
}

function refOf(name: string, context: EvalContext): string {
  const parameter = context.parameters[name];
  return parameter ?? context.ref(name);
}

function condition(name: string, context: EvalContext): boolean {
  const body = context.conditions[name];
  if (body === undefined) throw new TemplateError(`unknown condition ${name}`);
  return Boolean(evaluate(body, context));
}

function findInMap(keys: readonly unknown[], context: EvalContext): unknown {
  const [map, top, second] = keys.map((key, index) => text(key, `Fn::FindInMap key ${index + 1}`));
  const mapping = context.mappings?.[map ?? ''];
  const row = isObject(mapping) ? mapping[top ?? ''] : undefined;
  const value = isObject(row) ? row[second ?? ''] : undefined;
  if (value === undefined)
    throw new TemplateError(
      `Fn::FindInMap found no ${String(map)}.${String(top)}.${String(second)}`,
    );
  return value;
}

function list(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw new TemplateError(`${where} needs a list`);
  return value;
}

function intrinsic(name: string, argument: Json, context: EvalContext): unknown {
  const arg = () => evaluate(argument, context);
  switch (name) {
    case 'Ref':
      return argument === 'AWS::NoValue' ? NoValue : refOf(text(argument, 'Ref'), context);
    case 'Fn::GetAtt': {
      const target = getAttTarget(argument);
      if (target === undefined)
        throw new TemplateError(
          `Fn::GetAtt needs Resource.Attribute, got ${JSON.stringify(argument)}`,
        );
      return context.attribute(target[0], target[1]);
    }
    case 'Fn::Sub': {
      if (typeof argument === 'string') return substitute(argument, {}, context);
      const [body, variables] = list(argument, 'Fn::Sub');
      const resolved = isObject(variables)
        ? (evaluate(variables, context) as Record<string, unknown>)
        : {};
      return substitute(text(body, 'Fn::Sub'), resolved, context);
    }
    case 'Fn::Join': {
      const [separator, items] = list(arg(), 'Fn::Join');
      return list(items, 'Fn::Join')
        .map((item) => text(item, 'Fn::Join'))
        .join(text(separator, 'Fn::Join'));
    }
    case 'Fn::Select': {
      const [index, items] = list(arg(), 'Fn::Select');
      const picked = list(items, 'Fn::Select')[Number(index)];
      if (picked === undefined)
        throw new TemplateError(`Fn::Select index ${String(index)} is out of range`);
      return picked;
    }
    case 'Fn::Split': {
      const [separator, source] = list(arg(), 'Fn::Split');
      return text(source, 'Fn::Split').split(text(separator, 'Fn::Split'));
    }
    case 'Fn::FindInMap':
      return findInMap(list(arg(), 'Fn::FindInMap'), context);
    case 'Fn::Base64':
      return Buffer.from(text(arg(), 'Fn::Base64'), 'utf8').toString('base64');
    case 'Fn::ImportValue':
      return context.importValue(text(arg(), 'Fn::ImportValue'));
    case 'Fn::If': {
      const [test, yes, no] = list(argument, 'Fn::If') as Json[];
      return evaluate(
        condition(text(test, 'Fn::If'), context) ? (yes ?? null) : (no ?? null),
        context,
      );
    }
    case 'Fn::Equals': {
      const [left, right] = list(arg(), 'Fn::Equals');
      return JSON.stringify(left) === JSON.stringify(right) || String(left) === String(right);
    }
    case 'Fn::Not':
      return !list(arg(), 'Fn::Not')[0];
    case 'Fn::And':
      return list(arg(), 'Fn::And').every(Boolean);
    case 'Fn::Or':
      return list(arg(), 'Fn::Or').some(Boolean);
    case 'Condition':
      return condition(text(argument, 'Condition'), context);
    default:
      throw new TemplateError(`crkit does not evaluate ${name}`);
  }
}

/**
 * Evaluates a template value; `AWS::NoValue` entries disappear from objects and lists.
 * @example
 * evaluate({ 'Fn::Sub': '${AWS::StackName}-pg' }, context); // 'my-stack-pg'
 */
function evaluate(value: Json, context: EvalContext): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value))
    return (value as readonly Json[])
      .map((item) => evaluate(item, context))
      .filter((item) => item !== NoValue);
  const name = intrinsicName(value);
  const object = value as JsonObject;
  if (name !== undefined) return intrinsic(name, object[name] ?? null, context);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(object)) {
    const resolved = evaluate(item, context);
    if (resolved !== NoValue) out[key] = resolved;
  }
  return out;
}

/**
 * CloudFormation's request form: every scalar becomes a string (`5` → `"5"`, `true` → `"true"`).
 * @example
 * requestForm({ Count: 5, On: true }); // { Count: '5', On: 'true' }
 */
function requestForm(value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (Array.isArray(value)) return value.map(requestForm);
  if (typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, requestForm(item)]));
  return String(value);
}

export { TemplateError, UnresolvableError, condition, evaluate, requestForm };
export type { EvalContext };
