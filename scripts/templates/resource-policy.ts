/**
 * The handler role's resource policy, rendered from the IAM statements of the types a handler
 * serves: the types in order of their names, each type's statements in the order it declares them,
 * every statement once. Placeholders (`${AWS::Partition}`, `${AWS::Region}`, `${AWS::AccountId}`)
 * become `Fn::Sub`, so the policy is the deploying stack's own. The deploy puts it into the handler
 * template; the shipped template holds the rendering of the built-in types.
 */
import type { IamConditionValue, IamStatement, ResourceDefinition } from '../../framework/index.js';

/** A string as CloudFormation takes it: literal, or `Fn::Sub` when it holds a placeholder. */
type RenderedValue = string | { readonly 'Fn::Sub': string };

/** A rendered Condition block: operator, condition key, value(s). */
type RenderedConditions = {
  readonly [operator: string]: { readonly [key: string]: RenderedValue | readonly RenderedValue[] };
};

/** One statement of the rendered policy, in CloudFormation's form. */
type RenderedStatement = {
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: readonly string[];
  readonly Resource: readonly RenderedValue[];
  readonly Condition?: RenderedConditions;
};

/** What rendering needs of a definition. */
type DeclaresIam = Pick<ResourceDefinition, 'type' | 'iamStatements'>;

/** The name of the role's policy that holds the rendered statements. */
const ResourcePolicyName = 'resources';

/** `Fn::Sub` for a string with a placeholder, the string itself otherwise. */
function renderValue(text: string): RenderedValue {
  return text.includes('${') ? { 'Fn::Sub': text } : text;
}

/** The items once each, the first spelling kept; `key` says which items are the same. */
function unique<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const identity = key(item);
    if (seen.has(identity)) return false;
    seen.add(identity);
    return true;
  });
}

/** Entries sorted by name, so that equal blocks render equal. */
function byName<V>(record: { readonly [name: string]: V }): [string, V][] {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A condition value rendered; a list stays a list. */
function renderConditionValue(value: IamConditionValue): RenderedValue | RenderedValue[] {
  return typeof value === 'string' ? renderValue(value) : value.map(renderValue);
}

/** A statement in CloudFormation's form, without its Sid; operators and keys sorted. */
function renderBody(statement: IamStatement): Omit<RenderedStatement, 'Sid'> {
  const body = {
    Effect: statement.effect ?? 'Allow',
    // IAM compares action names without regard to case.
    Action: unique(statement.actions, (action) => action.toLowerCase()),
    Resource: unique(statement.resources, (resource) => resource).map(renderValue),
  };
  if (statement.conditions === undefined) return body;
  const Condition = Object.fromEntries(
    byName(statement.conditions).map(([operator, block]) => [
      operator,
      Object.fromEntries(byName(block).map(([key, value]) => [key, renderConditionValue(value)])),
    ]),
  );
  return { ...body, Condition };
}

/** The Sid prefix of a type: its name without `Custom::` and without what a Sid may not hold. */
function sidPrefix(type: string): string {
  return type.replace(/^Custom::/, '').replace(/[^A-Za-z0-9]/g, '');
}

/**
 * Renders the resource policy's statements for a set of definitions; empty when none declares any.
 * @example
 * const statements = renderResourcePolicy(await loadBuiltInDefinitions());
 * // [{ Sid: 'PlacementGroupDescribe', Effect: 'Allow', Action: […], Resource: ['*'] }, …]
 */
function renderResourcePolicy(definitions: readonly DeclaresIam[]): RenderedStatement[] {
  const types = unique(definitions, (definition) => definition.type).sort((a, b) =>
    a.type < b.type ? -1 : a.type > b.type ? 1 : 0,
  );
  const rendered: RenderedStatement[] = [];
  const bodies = new Set<string>();
  const sids = new Set<string>();
  for (const definition of types) {
    for (const [index, statement] of definition.iamStatements.entries()) {
      const body = renderBody(statement);
      const key = JSON.stringify(body);
      if (bodies.has(key)) continue;
      bodies.add(key);
      const wanted = `${sidPrefix(definition.type)}${statement.sid ?? String(index + 1)}`;
      let sid = wanted;
      for (let suffix = 2; sids.has(sid); suffix += 1) sid = `${wanted}${suffix}`;
      sids.add(sid);
      rendered.push({ Sid: sid, ...body });
    }
  }
  return rendered;
}

export { ResourcePolicyName, renderResourcePolicy };
export type { DeclaresIam, RenderedStatement, RenderedValue };
