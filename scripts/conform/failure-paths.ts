/**
 * A type's own failure paths: the kit makes its create throw, and (given a way to) makes AWS
 * refuse every call the type makes. Each must be answered with exactly one FAILED answer whose
 * Reason says why and carries no secret, and the rollback Delete that follows must succeed.
 */
import type { ResourceDefinition } from '../../framework/index.js';
import { checkAnswer, requestSecrets, secretsIn } from '../../framework/testing/index.js';
import type { AwsFaults } from './aws-faults.js';
import { answeredId, asSent } from './drive.js';
import type { Exchange, Harness } from './harness.js';
import { result } from './invariants.js';
import type { InvariantResult } from './invariants.js';

/** What the kit's throwing create says. */
const PurposefulFailure = 'crkit conform: create failed on purpose';

/**
 * The name of the error the kit's create throws; a clear Reason names it (or quotes its message).
 */
const FailureName = 'ConformanceFailure';

/** A definition whose create the kit can make throw. */
type Sabotage = { readonly definition: ResourceDefinition; throwing(on: boolean): void };

/**
 * The definition with a create that throws while `throwing(true)`; the error message quotes a
 * sensitive value when the properties hold one, so a Reason that leaks it is caught.
 * @example
 * const sabotage = sabotaged(definition, properties); sabotage.throwing(true);
 */
function sabotaged(definition: ResourceDefinition, properties: Record<string, unknown>): Sabotage {
  let on = false;
  const secret = requestSecrets(definition, { ResourceProperties: asSent(properties) })[0];
  const message =
    secret === undefined
      ? PurposefulFailure
      : `${PurposefulFailure} (holding ${secret.property} ${secret.value})`;
  const create: ResourceDefinition['create'] = async (input) => {
    if (on) throw Object.assign(new Error(message), { name: FailureName });
    return definition.create(input);
  };
  return {
    definition: { ...definition, create },
    throwing: (next) => {
      on = next;
    },
  };
}

/** One failed create played, with the rollback Delete CloudFormation sends after it. */
type FailedPath = {
  readonly create: Exchange;
  readonly rollbackDelete: Exchange;
  readonly awsCalls: number | undefined;
};

/** The failure paths played; `undefined` for the AWS path when it could not be played. */
type FailurePaths = { readonly throwing: FailedPath; readonly aws: FailedPath | undefined };

async function playFailedCreate(
  harness: Harness,
  label: string,
  properties: Record<string, unknown>,
  during: { start(): void; stop(): void },
): Promise<FailedPath> {
  harness.setStackStatus('CREATE_IN_PROGRESS');
  during.start();
  let create: Exchange;
  try {
    create = await harness.deliver(
      label,
      harness.request({ RequestType: 'Create', ResourceProperties: asSent(properties) }),
      harness.container(),
    );
  } finally {
    during.stop();
  }
  harness.setStackStatus('ROLLBACK_IN_PROGRESS');
  const request = harness.request({
    RequestType: 'Delete',
    PhysicalResourceId: answeredId(create) ?? 'no-id',
    ResourceProperties: create.request.ResourceProperties,
  });
  const rollbackDelete = await harness.deliver(
    `rollback Delete after ${label}`,
    request,
    harness.container(),
  );
  return { create, rollbackDelete, awsCalls: undefined };
}

/**
 * Plays both failure paths (the AWS one only with `faults`).
 * @example
 * const paths = await driveFailures(harness, sabotage, properties, options.awsFaults);
 */
async function driveFailures(
  harness: Harness,
  sabotage: Sabotage,
  properties: Record<string, unknown>,
  faults: AwsFaults | undefined,
): Promise<FailurePaths> {
  const throwing = await playFailedCreate(harness, 'create that throws', properties, {
    start: () => sabotage.throwing(true),
    stop: () => sabotage.throwing(false),
  });
  if (faults === undefined) return { throwing, aws: undefined };
  const before = faults.calls();
  let made = 0;
  const aws = await playFailedCreate(harness, 'create while AWS refuses every call', properties, {
    start: () => faults.refuse(),
    stop: () => {
      made = faults.calls() - before;
      return faults.restore();
    },
  });
  return { throwing, aws: { ...aws, awsCalls: made } };
}

function failedOnce(
  definition: ResourceDefinition,
  path: FailedPath,
  clear: (reason: string) => string[],
): { readonly problems: string[]; readonly reason: string } {
  const { create, rollbackDelete } = path;
  const answer = create.answers[0];
  const secrets = requestSecrets(definition, create.request);
  const reason = secretsIn(String(answer?.Reason ?? ''), secrets).redacted;
  if (create.answers.length !== 1)
    return { problems: [`${create.label}: ${create.answers.length} answers`], reason };
  if (answer?.Status !== 'FAILED')
    return {
      problems: [
        `${create.label} answered ${String(answer?.Status)} with ${String(answeredId(create))}`,
      ],
      reason,
    };
  const violations = checkAnswer({ request: create.request, answer, definition }).map(
    (violation) => violation.message,
  );
  const problems = [...violations, ...clear(reason)];
  const deleted = rollbackDelete.answers[0];
  if (deleted?.Status !== 'SUCCESS')
    problems.push(
      `the rollback Delete of ${String(rollbackDelete.request.PhysicalResourceId)} ` +
        `answered ${String(deleted?.Status)}: ` +
        `${secretsIn(String(deleted?.Reason ?? ''), secrets).redacted}`,
    );
  return { problems, reason };
}

/** "a create that throws is answered FAILED once". */
function throwingCreate(definition: ResourceDefinition, paths: FailurePaths): InvariantResult {
  const { problems, reason } = failedOnce(definition, paths.throwing, (text) =>
    text.includes(FailureName) || text.includes(PurposefulFailure)
      ? []
      : [`the Reason names neither the error create threw (${FailureName}) nor its message`],
  );
  return result(
    'a create that throws is answered FAILED once',
    problems,
    `FAILED once: "${reason}"; its rollback Delete succeeded`,
  );
}

/** "an AWS error is answered FAILED once". */
function awsError(
  definition: ResourceDefinition,
  paths: FailurePaths,
  faults: AwsFaults | undefined,
): InvariantResult {
  const name = 'an AWS error is answered FAILED once';
  if (paths.aws === undefined || faults === undefined)
    return { name, status: 'not run', evidence: ['no way to make AWS fail was given (awsFaults)'] };
  const { create, awsCalls } = paths.aws;
  const status = create.answers[0]?.Status;
  if (awsCalls === 0 && status === 'SUCCESS')
    return {
      name,
      status: 'not run',
      evidence: ['create made no AWS call while AWS refused every call'],
    };
  if (create.answers.length === 1 && status === 'SUCCESS') {
    return result(
      name,
      [
        `with every AWS call refused (${faults.code}), create answered SUCCESS with ` +
          `${String(answeredId(create))}: was the failure swallowed?`,
      ],
      '',
    );
  }
  const { problems, reason } = failedOnce(definition, paths.aws, (text) =>
    text.includes(faults.code) ? [] : [`the Reason does not name the AWS error ${faults.code}`],
  );
  return result(name, problems, `FAILED once: "${reason}"; its rollback Delete succeeded`);
}

export { awsError, driveFailures, sabotaged, throwingCreate };
export type { FailurePaths, Sabotage };
