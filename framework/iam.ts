/**
 * What a resource type needs from the handler's IAM role: policy statements, declared next to the
 * code that makes the calls. The deploy renders the role's resource policy from the statements of
 * the types a handler serves, so a handler is granted what its types declare and nothing else.
 */

/** The placeholders a resource ARN or a condition value may hold: the deploying stack's own. */
const IamPlaceholders = ['AWS::Partition', 'AWS::Region', 'AWS::AccountId'] as const;

/** A condition value: one string or a list of them. */
type IamConditionValue = string | readonly string[];

/**
 * A statement's Condition block as IAM writes it: operator, then condition key, then value(s).
 * @example
 * const owned: IamConditions = { Null: { 'aws:ResourceTag/crkit:stack-id': 'false' } };
 */
type IamConditions = {
  readonly [operator: string]: { readonly [conditionKey: string]: IamConditionValue };
};

/**
 * One statement of the handler role's policy that a resource type needs.
 * @example
 * const describe: IamStatement = { actions: ['ec2:DescribeImages'], resources: ['*'] };
 */
type IamStatement = {
  /**
   * Names the statement within its type (letters and digits); the rendered Sid is the type's
   * name followed by it.
   */
  readonly sid?: string | undefined;
  /** @default 'Allow' */
  readonly effect?: 'Allow' | 'Deny' | undefined;
  /** Single actions such as `ec2:CreateTags`; an Allow names no wildcard. */
  readonly actions: readonly string[];
  /**
   * ARN patterns, or `'*'` for actions that support no resource-level permission.
   * `${AWS::Partition}`, `${AWS::Region}` and `${AWS::AccountId}` stand for the deploying
   * stack's own.
   */
  readonly resources: readonly string[];
  /** IAM conditions; their values may hold the same placeholders as `resources`. */
  readonly conditions?: IamConditions | undefined;
};

const SidPattern = /^[A-Za-z0-9]{1,64}$/;
const ActionPattern = /^[a-z0-9-]+:[A-Za-z0-9*?]+$/;
const OperatorPattern = /^[A-Za-z]+(:[A-Za-z]+)?$/;

/** True for a plain object (not null, not a list). */
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Names a `${…}` other than the three placeholders, or undefined. */
function placeholderProblem(text: string): string | undefined {
  for (const match of text.matchAll(/\$\{([^}]*)\}?/g)) {
    const known = (IamPlaceholders as readonly string[]).includes(match[1] ?? '');
    if (!match[0].endsWith('}') || !known) {
      const allowed = IamPlaceholders.map((name) => `\${${name}}`).join(', ');
      return `${JSON.stringify(match[0])} is not a placeholder; use ${allowed}`;
    }
  }
  return undefined;
}

/** Names what is wrong with one resource pattern, or undefined. */
function resourceProblem(resource: unknown): string | undefined {
  if (typeof resource !== 'string' || (resource !== '*' && !resource.startsWith('arn:'))) {
    return `resource ${JSON.stringify(resource)} must be an ARN pattern (arn:…) or '*'`;
  }
  return placeholderProblem(resource);
}

/** Names what is wrong with one condition key's value, or undefined. */
function conditionValueProblem(operator: string, key: string, value: unknown): string | undefined {
  const values: unknown[] = Array.isArray(value) ? value : [value];
  if (key === '' || values.length === 0 || !values.every((item) => typeof item === 'string')) {
    const name = JSON.stringify(key);
    return `condition ${operator} ${name} must be a string or a non-empty list of strings`;
  }
  const problem = values.map((item) => placeholderProblem(item as string)).find(Boolean);
  return problem === undefined ? undefined : `condition ${operator} ${key}: ${problem}`;
}

/** Names what is wrong with a Condition block, or undefined. */
function conditionsProblem(conditions: unknown): string | undefined {
  if (!isRecord(conditions)) return 'conditions must be an object of operators';
  for (const [operator, block] of Object.entries(conditions)) {
    if (!OperatorPattern.test(operator)) {
      return `condition operator ${JSON.stringify(operator)} is not an IAM operator name`;
    }
    if (!isRecord(block) || Object.keys(block).length === 0) {
      return `condition ${operator} must map condition keys to values`;
    }
    for (const [key, value] of Object.entries(block)) {
      const problem = conditionValueProblem(operator, key, value);
      if (problem !== undefined) return problem;
    }
  }
  return undefined;
}

/** Names what is wrong with a statement's actions, or undefined. */
function actionsProblem(actions: unknown, effect: unknown): string | undefined {
  if (!Array.isArray(actions) || actions.length === 0) return 'actions must be a non-empty list';
  for (const action of actions as unknown[]) {
    if (typeof action !== 'string' || !ActionPattern.test(action)) {
      return `action ${JSON.stringify(action)} must look like service:Action`;
    }
    if (effect !== 'Deny' && /[*?]/.test(action)) {
      return `action ${action} is a wildcard; an Allow names each action it needs`;
    }
  }
  return undefined;
}

/** Names what is wrong with one statement, or undefined. */
function statementProblem(candidate: unknown): string | undefined {
  if (!isRecord(candidate)) return 'is not an object';
  const { sid, effect, actions, resources, conditions } = candidate;
  if (sid !== undefined && (typeof sid !== 'string' || !SidPattern.test(sid))) {
    return 'sid must be 1 to 64 letters and digits';
  }
  if (effect !== undefined && effect !== 'Allow' && effect !== 'Deny') {
    return "effect must be 'Allow' or 'Deny'";
  }
  const problem = actionsProblem(actions, effect);
  if (problem !== undefined) return problem;
  if (!Array.isArray(resources) || resources.length === 0) {
    return 'resources must be a non-empty list';
  }
  const resource = (resources as unknown[]).map(resourceProblem).find(Boolean);
  if (resource !== undefined) return resource;
  return conditions === undefined ? undefined : conditionsProblem(conditions);
}

/**
 * Names what is wrong with a definition's `iamStatements`, or undefined.
 * @example
 * iamStatementsProblem([{ actions: ['ec2:*'], resources: ['*'] }]);
 * // 'iamStatements[0]: action ec2:* is a wildcard; an Allow names each action it needs'
 */
function iamStatementsProblem(candidate: unknown): string | undefined {
  if (!Array.isArray(candidate)) {
    return 'iamStatements must be a list of IAM statements ([] when the type calls no AWS API)';
  }
  const sids = new Set<string>();
  for (const [index, statement] of (candidate as unknown[]).entries()) {
    const problem = statementProblem(statement);
    if (problem !== undefined) return `iamStatements[${index}]: ${problem}`;
    const { sid } = statement as IamStatement;
    if (sid !== undefined && sids.has(sid)) {
      return `iamStatements[${index}]: sid ${sid} is used twice`;
    }
    if (sid !== undefined) sids.add(sid);
  }
  return undefined;
}

export { IamPlaceholders, iamStatementsProblem };
export type { IamConditionValue, IamConditions, IamStatement };
