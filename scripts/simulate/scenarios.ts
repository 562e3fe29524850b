/**
 * The scenarios: each a sequence of requests CloudFormation really sends, with what the run
 * must show for the scenario to pass.
 */
import type { Check } from './checks.js';
import { expectNone, expectSome } from './checks.js';
import { drift, driftChecks } from './drift.js';
import type { UpdatePlan } from './plan.js';
import type { Session, Transport } from './session.js';
import { createStack } from './stack.js';
import { deleteStack, updateStack } from './update.js';

const ScenarioNames = [
  'lifecycle',
  'rollback',
  'failed-create',
  'duplicate',
  'timeout',
  'sns',
  'drift',
] as const;
type ScenarioName = (typeof ScenarioNames)[number];

/** What a scenario works with. */
type ScenarioContext = {
  readonly session: Session;
  readonly plan: UpdatePlan;
  readonly customs: readonly string[];
  readonly downstream: string | undefined;
};

/** One scenario. */
type Scenario = {
  readonly story: string;
  readonly transport: Transport;
  /** The function's timeout for this scenario, ms. @default the run's */
  readonly lambdaTimeoutMs?: number;
  /** Deliveries of each request after the first. @default none */
  readonly redeliveries?: readonly ('warm' | 'fresh')[];
  run(context: ScenarioContext): Promise<void>;
  checks(context: ScenarioContext): Check[];
};

function withChange(
  session: Session,
  ...changes: ({ readonly parameter: string; readonly value: string } | undefined)[]
): Record<string, string> {
  const next = { ...session.parameters };
  for (const change of changes) if (change !== undefined) next[change.parameter] = change.value;
  return next;
}

async function lifecycle({ session, plan }: ScenarioContext): Promise<void> {
  if (!(await createStack(session))) return;
  if (plan.inPlace !== undefined) await updateStack(session, withChange(session, plan.inPlace));
  else
    session.emit({
      kind: 'note',
      text: 'no parameter feeds only in-place properties: the in-place update is skipped',
    });
  if (plan.replacing !== undefined) await updateStack(session, withChange(session, plan.replacing));
  else
    session.emit({
      kind: 'note',
      text: 'no parameter feeds a replace-on property: the replacing update is skipped',
    });
  await deleteStack(session);
}

function lifecycleChecks({ session, plan }: ScenarioContext): Check[] {
  const steps = session.steps;
  const checks = [
    expectNone(steps, (step) => step.result !== 'SUCCESS', 'every request answers SUCCESS'),
    expectNone(
      steps,
      (step) => step.requestType === 'Update' && step.action === 'rollback',
      'no update is taken for a rollback',
    ),
    {
      ok: session.status === 'DELETE_COMPLETE',
      text: `the stack ends DELETE_COMPLETE (it is ${session.status})`,
    },
  ];
  if (plan.inPlace !== undefined)
    checks.push(
      expectSome(
        steps,
        (step) => step.requestType === 'Update' && step.physicalId === step.sentPhysicalId,
        'an update in place keeps the physical id',
      ),
    );
  if (plan.replacing !== undefined) {
    checks.push(
      expectSome(
        steps,
        (step) =>
          step.requestType === 'Update' &&
          step.result === 'SUCCESS' &&
          step.physicalId !== step.sentPhysicalId,
        'a replacing update answers a new physical id',
      ),
    );
    checks.push(
      expectSome(
        steps,
        (step) =>
          step.requestType === 'Delete' &&
          step.stackStatus === 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS',
        'the old id is deleted in the cleanup phase',
      ),
    );
  }
  return checks;
}

async function rollback({ session, plan, downstream }: ScenarioContext): Promise<void> {
  if (!(await createStack(session))) return;
  const failing = downstream ?? 'SimulatedDownstreamResource';
  await updateStack(session, withChange(session, plan.inPlace, plan.replacing), {
    failDownstream: failing,
  });
  await deleteStack(session);
}

function rollbackChecks({ session, plan }: ScenarioContext): Check[] {
  const steps = session.steps;
  const checks = [
    expectNone(
      steps,
      (step) => step.result !== 'SUCCESS',
      'every request answers SUCCESS (the failure is downstream)',
    ),
    expectSome(
      steps,
      (step) =>
        step.stackStatus === 'UPDATE_ROLLBACK_IN_PROGRESS' ||
        step.stackStatus === 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS',
      'CloudFormation rolls the update back',
    ),
    expectNone(
      steps,
      (step) =>
        step.stackStatus === 'UPDATE_ROLLBACK_IN_PROGRESS' &&
        step.requestType === 'Update' &&
        step.action !== 'rollback',
      'the handler takes every rollback update for a rollback',
    ),
    {
      ok: session.status === 'DELETE_COMPLETE',
      text: `the stack is deleted afterwards (it is ${session.status})`,
    },
  ];
  if (plan.replacing !== undefined)
    checks.push(
      expectSome(
        steps,
        (step) =>
          step.stackStatus === 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS' &&
          step.requestType === 'Delete',
        'the rollback cleanup deletes the replacement',
      ),
    );
  return checks;
}

async function failedCreate({ session, customs }: ScenarioContext): Promise<void> {
  const failing = customs.at(-1);
  if (failing !== undefined)
    session.extraProperties.set(failing, {
      SimulatedFailure: 'an unknown property, so the Create fails',
    });
  await createStack(session);
}

function failedCreateChecks({ session }: ScenarioContext): Check[] {
  const steps = session.steps;
  const failedCreates = steps.filter(
    (step) => step.requestType === 'Create' && step.result === 'FAILED',
  );
  const id = failedCreates[0]?.physicalId;
  return [
    {
      ok: failedCreates.length === 1 && id !== undefined,
      text: 'the Create fails with a usable physical id',
    },
    expectSome(
      steps,
      (step) =>
        step.requestType === 'Delete' && step.sentPhysicalId === id && step.result === 'SUCCESS',
      'the rollback Delete of that id succeeds',
    ),
    expectNone(
      steps,
      (step) => step.requestType === 'Delete' && step.result !== 'SUCCESS',
      'every rollback Delete succeeds',
    ),
    {
      ok: session.status === 'ROLLBACK_COMPLETE',
      text: `the stack ends ROLLBACK_COMPLETE (it is ${session.status})`,
    },
  ];
}

async function createThenDelete({ session }: ScenarioContext): Promise<void> {
  if (await createStack(session)) await deleteStack(session);
}

function duplicateChecks({ session }: ScenarioContext): Check[] {
  return [
    expectNone(
      session.steps,
      (step) => step.deliveries < 3,
      'every request is delivered three times (SNS redelivery to a warm and to a new container)',
    ),
    expectNone(
      session.steps,
      (step) => step.redeliveryChanges.length > 0,
      'redeliveries create nothing new in AWS',
    ),
    {
      ok: session.status === 'DELETE_COMPLETE',
      text: `the stack ends DELETE_COMPLETE (it is ${session.status})`,
    },
  ];
}

async function timeout(context: ScenarioContext): Promise<void> {
  const { session } = context;
  if (session.offline)
    session.standin.inject({ service: 'ec2', kind: 'hang', ms: 30_000, times: 1 });
  session.emit({
    kind: 'note',
    text:
      `the function has ${session.lambdaTimeoutMs / 1000} s per ` +
      `invocation${session.offline ? ', and the first EC2 call hangs' : ''}`,
  });
  await createThenDelete(context);
}

function timeoutChecks({ session }: ScenarioContext): Check[] {
  return [
    expectNone(
      session.steps,
      (step) => step.result === 'NO ANSWER',
      'the handler answers before the function times out',
    ),
    expectNone(
      session.steps,
      (step) => step.ms > session.lambdaTimeoutMs,
      'every answer comes within one invocation',
    ),
    {
      ok: ['DELETE_COMPLETE', 'ROLLBACK_COMPLETE'].includes(session.status),
      text: `the stack ends cleanly (it is ${session.status})`,
    },
  ];
}

/** The scenarios by name. */
const Scenarios: Readonly<Record<ScenarioName, Scenario>> = {
  lifecycle: {
    story: 'create → update in place → replacing update → cleanup delete → delete',
    transport: 'direct',
    run: lifecycle,
    checks: lifecycleChecks,
  },
  rollback: {
    story: 'create → update that fails downstream → rollback update → rollback cleanup → delete',
    transport: 'direct',
    run: rollback,
    checks: rollbackChecks,
  },
  'failed-create': {
    story: 'create fails → rollback delete of the id it answered',
    transport: 'direct',
    run: failedCreate,
    checks: failedCreateChecks,
  },
  duplicate: {
    story: 'create → delete, every request delivered again by SNS (same container, then a new one)',
    transport: 'sns',
    redeliveries: ['warm', 'fresh'],
    run: createThenDelete,
    checks: duplicateChecks,
  },
  timeout: {
    story: 'create → delete with little time per invocation',
    transport: 'direct',
    lambdaTimeoutMs: 6000,
    run: timeout,
    checks: timeoutChecks,
  },
  sns: {
    story: 'the lifecycle with every request SNS-wrapped',
    transport: 'sns',
    run: lifecycle,
    checks: lifecycleChecks,
  },
  drift: {
    story:
      "create → drift check → tag removed, image attribute flipped behind crkit's back → " +
      'check → image deregistered → check → delete',
    transport: 'direct',
    run: drift,
    checks: driftChecks,
  },
};

export { ScenarioNames, Scenarios };
export type { Scenario, ScenarioContext, ScenarioName };
