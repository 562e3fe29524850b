/**
 * Reading IAM policy documents in templates: their statements (both branches of an `Fn::If`),
 * actions, resources, principals and conditions. Shared by the checks that look inside policies.
 */
import { ifBranches } from './spec-values.js';
import { intrinsicName, isNoValue } from './intrinsics.js';
import { isObject, type Json, type JsonObject } from './template.js';

/** A policy statement and where it sits. */
type Statement = { readonly path: string; readonly body: JsonObject };

/**
 * One test in a Condition block, e.g. `{ operator: 'Bool', key: 'aws:securetransport', values:
 * ['false'] }` (key lower-cased).
 */
type ConditionTest = {
  readonly operator: string;
  readonly key: string;
  readonly values: readonly Json[];
};

/**
 * The items of a list-or-single value, with both branches of any `Fn::If` and without
 * `AWS::NoValue`.
 * @example
 * valuesOf(['a', { 'Fn::If': ['C', 'b', { Ref: 'AWS::NoValue' }] }]); // ['a', 'b']
 */
function valuesOf(value: Json | undefined): Json[] {
  if (value === undefined || isNoValue(value)) return [];
  if (Array.isArray(value)) return (value as readonly Json[]).flatMap((item) => valuesOf(item));
  if (intrinsicName(value) === 'Fn::If')
    return ifBranches(value).flatMap((branch) => valuesOf(branch));
  return [value];
}

/** Statements of a policy document, with both branches of any `Fn::If`. */
function statementsOf(document: Json | undefined, path: string): Statement[] {
  if (!isObject(document)) return [];
  const raw = document.Statement;
  const list = Array.isArray(raw) ? (raw as readonly Json[]) : raw === undefined ? [] : [raw];
  return list.flatMap((item, i) => {
    const branches = intrinsicName(item) === 'Fn::If' ? ifBranches(item) : [item];
    return branches.filter(isObject).map((body) => ({ path: `${path}.Statement[${i}]`, body }));
  });
}

/** Every policy statement of a role, policy or managed policy resource. */
function resourceStatements(name: string, properties: JsonObject, type: unknown): Statement[] {
  const path = `Resources.${name}.Properties`;
  if (type === 'AWS::IAM::Role' && Array.isArray(properties.Policies)) {
    return (properties.Policies as readonly Json[]).flatMap((policy, i) =>
      isObject(policy)
        ? statementsOf(policy.PolicyDocument, `${path}.Policies[${i}].PolicyDocument`)
        : [],
    );
  }
  if (type === 'AWS::IAM::Policy' || type === 'AWS::IAM::ManagedPolicy')
    return statementsOf(properties.PolicyDocument, `${path}.PolicyDocument`);
  return [];
}

/** The literal actions of a statement, as written. */
function actionsOf(statement: JsonObject): string[] {
  return valuesOf(statement.Action).filter((item): item is string => typeof item === 'string');
}

/**
 * True when the statement's actions include `action` itself, its service's `prefix:*`, or `*`
 * (case-insensitive).
 */
function coversAction(statement: JsonObject, action: string): boolean {
  const wanted = action.toLowerCase();
  const service = `${wanted.split(':')[0]}:*`;
  return actionsOf(statement).some((item) => [wanted, service, '*'].includes(item.toLowerCase()));
}

/** True when the statement's actions include `action` exactly (case-insensitive). */
function namesAction(statement: JsonObject, action: string): boolean {
  return actionsOf(statement).some((item) => item.toLowerCase() === action.toLowerCase());
}

/** True for `Principal: '*'` and `Principal: { AWS: '*' }`: the statement applies to everyone. */
function appliesToEveryone(statement: JsonObject): boolean {
  const principal = statement.Principal;
  if (principal === '*') return true;
  return isObject(principal) && valuesOf(principal.AWS).includes('*');
}

/** The tests of a statement's Condition block; keys lower-cased because IAM compares them so. */
function conditionTests(statement: JsonObject): ConditionTest[] {
  const condition = statement.Condition;
  if (!isObject(condition)) return [];
  return Object.entries(condition).flatMap(([operator, block]) =>
    isObject(block)
      ? Object.entries(block).map(([key, value]) => ({
          operator,
          key: key.toLowerCase(),
          values: valuesOf(value),
        }))
      : [],
  );
}

export {
  actionsOf,
  appliesToEveryone,
  conditionTests,
  coversAction,
  namesAction,
  resourceStatements,
  statementsOf,
  valuesOf,
};
export type { ConditionTest, Statement };
