/**
 * Check `iam`, continued: what a crkit handler's role may do is also limited in scope.
 * - `secretsmanager:GetSecretValue` on the continuation secret (CRKIT_CONTINUATION_SECRET_ARN)
 *   alone.
 * - CloudFormation reads on this account's and region's stacks alone.
 * - KMS use on the crkit key that encrypts its queues, topics and secret alone.
 * - Creating calls (`ec2:CreatePlacementGroup`, `ec2:RegisterImage`) only with the ownership tag in
 *   the request (`aws:RequestTag/crkit:stack-id`); the snapshots RegisterImage reads are not
 *   created and need no tag.
 * - No tag written or deleted on snapshots: they belong to whoever made them.
 * - `ec2:ModifyImageAttribute` comes with Deny statements that leave the Description as the only
 *   attribute it may change (no launch permission: no public image, no sharing).
 */
import { OwnershipTagKeys } from '../../handlers/resources/ownership.js';
import { statementsOfRole } from './check-iam.js';
import { declaredKey } from './crkit-key.js';
import { crkitWiring, type CrkitWiring } from './crkit-wiring.js';
import { conditionTests, namesAction, valuesOf, type Statement } from './policy-statements.js';
import { symbolicText } from './symbolic.js';
import {
  crkitFunctions,
  resolveResource,
  same,
  type Located,
  type TemplateSet,
} from './template-set.js';
import type { Finding, Json, JsonObject, LoadedTemplate } from './template.js';

/** The stacks the role may read: this account's and region's. */
const OwnStacks = 'arn:${AWS::Partition}:cloudformation:${AWS::Region}:${AWS::AccountId}:stack/*';

const CloudFormationReads = [
  'cloudformation:DescribeStacks',
  'cloudformation:DescribeStackResource',
  'cloudformation:DescribeStackEvents',
  'cloudformation:GetTemplate',
  'cloudformation:DescribeStackResources',
];
const CreatingActions = ['ec2:CreatePlacementGroup', 'ec2:RegisterImage'];
const TagWrites = ['ec2:CreateTags', 'ec2:DeleteTags'];

/** What a rule needs to know. */
type Scope = {
  readonly set: TemplateSet;
  readonly template: LoadedTemplate;
  readonly wiring: CrkitWiring;
  readonly keys: readonly Located[];
};

/**
 * Reports a crkit handler role whose grants reach further than the rules above allow.
 * @example
 * const findings = checkIamScope(handler, { all: [state, handler] });
 */
function checkIamScope(template: LoadedTemplate, set: TemplateSet): Finding[] {
  const findings: Finding[] = [];
  const report = (path: string, message: string) =>
    findings.push({ check: 'iam', file: template.file, path, message });
  for (const fn of crkitFunctions(set).filter((located) => located.template === template)) {
    const wiring = crkitWiring(set, fn);
    if (wiring.role === undefined || wiring.role.template !== template) continue;
    const scope: Scope = { set, template, wiring, keys: keysOf(set, wiring) };
    const statements = statementsOfRole(template, wiring.role.name);
    for (const statement of statements.filter((candidate) => candidate.body.Effect === 'Allow')) {
      for (const problem of grantProblems(scope, statement.body)) report(statement.path, problem);
    }
    const modifies = statements.some(
      (statement) =>
        statement.body.Effect === 'Allow' &&
        namesAction(statement.body, 'ec2:ModifyImageAttribute'),
    );
    if (modifies && !guardsImageAttributes(statements)) {
      report(
        `Resources.${wiring.role.name}`,
        'grants ec2:ModifyImageAttribute without the Deny statements that keep it to the ' +
          'Description: one on ec2:Attribute being absent (Null), one on any ec2:Attribute ' +
          'other than Description',
      );
    }
  }
  return findings;
}

/** The crkit keys that encrypt what the function uses. */
function keysOf(set: TemplateSet, wiring: CrkitWiring): Located[] {
  const keys: Located[] = [];
  const holders = [
    ...wiring.queues.map((wired) => wired.queue),
    ...wiring.topics.map((wired) => wired.topic),
  ];
  const values = holders.map((located) => ({
    located,
    value: located.resource.Properties?.KmsMasterKeyId,
  }));
  if (wiring.secret !== undefined)
    values.push({ located: wiring.secret, value: wiring.secret.resource.Properties?.KmsKeyId });
  for (const { located, value } of values) {
    const key = declaredKey(set, located.template, value);
    if (key !== undefined && !keys.some((known) => same(known, key))) keys.push(key);
  }
  return keys;
}

/** The problems of one Allow statement. */
function grantProblems(scope: Scope, body: JsonObject): string[] {
  const problems: string[] = [];
  const resources = valuesOf(body.Resource);
  const texts = resources.map((resource) => symbolicText(scope.set, scope.template, resource));
  // Without a wired secret the environment check reports the missing CRKIT_CONTINUATION_SECRET_ARN.
  if (
    scope.wiring.secret !== undefined &&
    namesAction(body, 'secretsmanager:GetSecretValue') &&
    !resources.every((resource) =>
      same(resolveResource(scope.set, scope.template, resource), scope.wiring.secret),
    )
  ) {
    problems.push(
      'grants secretsmanager:GetSecretValue beyond the continuation secret ' +
        '(CRKIT_CONTINUATION_SECRET_ARN)',
    );
  }
  if (
    CloudFormationReads.some((action) => namesAction(body, action)) &&
    !texts.every((text) => text === OwnStacks)
  ) {
    problems.push(
      `grants CloudFormation reads beyond this account's and region's stacks (${OwnStacks})`,
    );
  }
  if (
    actionsOfService(body, 'kms') &&
    !resources.every((resource) =>
      scope.keys.some((key) => same(resolveResource(scope.set, scope.template, resource), key)),
    )
  ) {
    problems.push(
      "grants KMS use beyond the crkit key that encrypts the handler's queues, topics and secret",
    );
  }
  const created = texts.filter((text) => text === undefined || !text.includes(':snapshot/'));
  if (
    CreatingActions.some((action) => namesAction(body, action)) &&
    created.length > 0 &&
    !requiresOwnershipTag(body)
  ) {
    problems.push(
      `grants ${CreatingActions.join('/')} without requiring the ` +
        `${OwnershipTagKeys.stackId} tag in the creating call ` +
        `(aws:RequestTag/${OwnershipTagKeys.stackId})`,
    );
  }
  if (
    TagWrites.some((action) => namesAction(body, action)) &&
    texts.some((text) => text !== undefined && mayNameSnapshots(text))
  ) {
    problems.push(
      'lets crkit write or delete tags on snapshots, which belong to whoever made them',
    );
  }
  return problems;
}

/** True when the statement names an action of the service (`kms:…`). */
function actionsOfService(body: JsonObject, service: string): boolean {
  return valuesOf(body.Action).some(
    (action) => typeof action === 'string' && action.toLowerCase().startsWith(`${service}:`),
  );
}

/** True when the statement's condition tests the ownership tag in the request. */
function requiresOwnershipTag(body: JsonObject): boolean {
  const key = `aws:requesttag/${OwnershipTagKeys.stackId}`.toLowerCase();
  return conditionTests(body).some(
    (test) =>
      test.key === key &&
      (test.operator === 'Null'
        ? test.values.map(String).includes('false')
        : !test.operator.toLowerCase().includes('not')),
  );
}

/** True for a resource pattern that can match a snapshot. */
function mayNameSnapshots(text: string): boolean {
  return text === '*' || text.includes(':snapshot/') || /:\*\//.test(text);
}

/**
 * The two Deny statements that leave the Description as the only image attribute crkit may change.
 */
function guardsImageAttributes(statements: readonly Statement[]): boolean {
  const denials = statements.filter(
    (statement) =>
      statement.body.Effect === 'Deny' && namesAction(statement.body, 'ec2:ModifyImageAttribute'),
  );
  const tests = denials.map((statement) => conditionTests(statement.body));
  const absent = tests.some((list) =>
    list.some(
      (test) =>
        test.operator === 'Null' &&
        test.key === 'ec2:attribute' &&
        test.values.map(String).includes('true'),
    ),
  );
  const other = tests.some((list) =>
    list.some(
      (test) =>
        /stringnotequals/i.test(test.operator) &&
        test.key === 'ec2:attribute' &&
        test.values.length === 1 &&
        String(test.values[0] as Json).toLowerCase() === 'description',
    ),
  );
  return absent && other;
}

export { checkIamScope };
