/**
 * Check `queue-policy`: every queue a crkit handler uses has an `AWS::SQS::QueuePolicy` that
 * - denies every SQS action to everyone over insecure transport (`Bool aws:SecureTransport
 *   'false'`), and
 * - restricts `sqs:SendMessage`: a queue the handler sends to (continuations, failed invocations)
 *   denies it to every principal whose `aws:PrincipalArn` is not the handler's role; a dead-letter
 *   queue that only SQS's own redrive fills denies it to everyone, without condition.
 */
import { crkitWiring, type WiredQueue } from './crkit-wiring.js';
import {
  appliesToEveryone,
  conditionTests,
  coversAction,
  statementsOf,
  valuesOf,
  type Statement,
} from './policy-statements.js';
import { namesRole, roleArnText } from './role-arn.js';
import {
  crkitFunctions,
  resolveResource,
  same,
  type Located,
  type TemplateSet,
} from './template-set.js';
import type { Finding, JsonObject, LoadedTemplate } from './template.js';

/** Operators that make a Deny apply to every principal but the ones listed. */
const AllButOperators = new Set(['arnnotequals', 'arnnotlike', 'stringnotequals', 'stringnotlike']);

/**
 * The statements of every queue policy in the set that lists `queue`, with the template each sits
 * in.
 */
function queuePolicyStatements(
  set: TemplateSet,
  queue: Located,
): { template: LoadedTemplate; statement: Statement }[] {
  return set.all.flatMap((template) =>
    Object.entries(template.resources)
      .filter(([, resource]) => resource.Type === 'AWS::SQS::QueuePolicy')
      .filter(([, resource]) =>
        valuesOf(resource.Properties?.Queues).some((item) =>
          same(resolveResource(set, template, item), queue),
        ),
      )
      .flatMap(([name, resource]) =>
        statementsOf(
          resource.Properties?.PolicyDocument,
          `Resources.${name}.Properties.PolicyDocument`,
        ).map((statement) => ({ template, statement })),
      ),
  );
}

/** A Deny of every SQS action to everyone when the request does not use TLS. */
function deniesInsecureTransport(body: JsonObject): boolean {
  return (
    body.Effect === 'Deny' &&
    appliesToEveryone(body) &&
    coversAction(body, 'sqs:*') &&
    conditionTests(body).some(
      (test) =>
        test.operator === 'Bool' &&
        test.key === 'aws:securetransport' &&
        test.values.map(String).includes('false'),
    )
  );
}

/** A Deny of SendMessage to everyone, with no condition at all. */
function deniesEverySender(body: JsonObject): boolean {
  return (
    body.Effect === 'Deny' &&
    appliesToEveryone(body) &&
    coversAction(body, 'sqs:SendMessage') &&
    conditionTests(body).length === 0
  );
}

/** A Deny of SendMessage to every principal whose ARN is not the role's, and no other condition. */
function deniesAllSendersBut(
  set: TemplateSet,
  template: LoadedTemplate,
  body: JsonObject,
  role: Located,
): boolean {
  const tests = conditionTests(body);
  const [test] = tests;
  return (
    body.Effect === 'Deny' &&
    appliesToEveryone(body) &&
    coversAction(body, 'sqs:SendMessage') &&
    tests.length === 1 &&
    test !== undefined &&
    AllButOperators.has(test.operator.toLowerCase()) &&
    test.key === 'aws:principalarn' &&
    test.values.length > 0 &&
    test.values.every((value) => namesRole(set, template, value, role))
  );
}

/**
 * Reports queues of a crkit handler whose policies do not deny insecure transport or do not
 * restrict senders.
 * @example
 * const findings = checkQueuePolicies(state, { all: [state, handler] });
 */
function checkQueuePolicies(template: LoadedTemplate, set: TemplateSet): Finding[] {
  const findings = new Map<string, Finding>();
  const report = (path: string, message: string) =>
    findings.set(`${path} ${message}`, {
      check: 'queue-policy',
      file: template.file,
      path,
      message,
    });
  for (const fn of crkitFunctions(set)) {
    const wiring = crkitWiring(set, fn);
    for (const wired of wiring.queues.filter(
      (candidate) => candidate.queue.template === template,
    )) {
      const problem = queueProblem(set, wired, wiring.role);
      if (problem !== undefined)
        report(
          `Resources.${wired.queue.name}`,
          `${wired.queue.name} (${wired.role} of ${fn.name}) ${problem}`,
        );
    }
  }
  return [...findings.values()];
}

/** What is wrong with one queue's policies, or undefined. */
function queueProblem(
  set: TemplateSet,
  wired: WiredQueue,
  role: Located | undefined,
): string | undefined {
  const statements = queuePolicyStatements(set, wired.queue);
  if (statements.length === 0)
    return (
      'has no AWS::SQS::QueuePolicy; it needs one that denies insecure transport and ' +
      'restricts sqs:SendMessage'
    );
  if (!statements.some(({ statement }) => deniesInsecureTransport(statement.body))) {
    return (
      'has no queue policy statement that denies sqs:* to everyone when ' +
      'aws:SecureTransport is false'
    );
  }
  if (wired.senders === 'nobody') {
    return statements.some(({ statement }) => deniesEverySender(statement.body))
      ? undefined
      : 'is filled by SQS itself, so its queue policy must deny sqs:SendMessage to ' +
          'everyone, without a condition';
  }
  if (role === undefined) return 'is sent to by a handler whose role the checker cannot find';
  if (
    statements.some(({ template, statement }) =>
      deniesAllSendersBut(set, template, statement.body, role),
    )
  )
    return undefined;
  const arn = roleArnText(set, role);
  const named =
    arn ??
    `the handler's role (${role.name} has no RoleName that a policy in another stack could name)`;
  return (
    `is sent to by the handler alone, so its queue policy must deny sqs:SendMessage to ` +
    `every principal whose aws:PrincipalArn is not ${named}`
  );
}

export { checkQueuePolicies };
