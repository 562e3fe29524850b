/**
 * Recognising CloudFormation intrinsic functions and resolving the simple ones statically.
 */
import { getAttTarget, intrinsicName } from '../../framework/drift.js';
import { findPlaceholders, replacePlaceholders } from '../../framework/drift.js';
import { isObject, type Json, type JsonObject, type LoadedTemplate } from './template.js';

/** Pseudo parameters that `Ref` and `Fn::Sub` may name. */
const PseudoParameters = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);

/** True for `{ Ref: AWS::NoValue }`, which removes the surrounding property or list item. */
function isNoValue(value: unknown): boolean {
  return isObject(value) && value.Ref === 'AWS::NoValue' && Object.keys(value).length === 1;
}

/** The `${Name}` and `${Name.Attr}` variables of an `Fn::Sub` string (`${!Literal}` excluded). */
function subVariables(text: string): string[] {
  return findPlaceholders(text, 'variables').map((placeholder) => placeholder.inner.trim());
}

/**
 * Resolves a value to a string using parameter defaults only (Ref, Fn::Sub without a variable map),
 * for export and import names such as `!Sub '${Prefix}-ServiceToken'`. Undefined when it cannot.
 * @example
 * resolveStatic(template, { 'Fn::Sub': '${Prefix}-ServiceToken' }); // 'crkit-ServiceToken'
 */
function resolveStatic(template: LoadedTemplate, value: Json | undefined): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (!isObject(value)) return undefined;
  if (typeof value.Ref === 'string') return parameterDefault(template, value.Ref);
  const sub = value['Fn::Sub'];
  if (typeof sub !== 'string') return undefined;
  let unresolved = false;
  const text = replacePlaceholders(sub, 'variables', (name) => {
    const resolved = parameterDefault(template, name.trim());
    if (resolved === undefined) unresolved = true;
    return resolved ?? '';
  });
  return unresolved ? undefined : text;
}

/** A parameter's default as a string, or undefined. */
function parameterDefault(template: LoadedTemplate, name: string): string | undefined {
  const parameter: JsonObject | undefined = template.parameters[name];
  const value = parameter?.Default;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** The name imported by `{ 'Fn::ImportValue': … }`, resolved statically, or undefined. */
function importName(template: LoadedTemplate, value: Json | undefined): string | undefined {
  return isObject(value) && 'Fn::ImportValue' in value
    ? resolveStatic(template, value['Fn::ImportValue'])
    : undefined;
}

export {
  PseudoParameters,
  getAttTarget,
  importName,
  intrinsicName,
  isNoValue,
  parameterDefault,
  resolveStatic,
  subVariables,
};
