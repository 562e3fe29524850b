/**
 * What every scenario expects of the answers, whatever the template: each delivery gets
 * exactly one answer, CloudFormation accepts every answer, and a Delete keeps the id it got.
 */
import type { Step } from './session.js';

/** One expectation and whether the run met it, with the evidence when it did not. */
type Check = { readonly ok: boolean; readonly text: string };

function list(steps: readonly Step[]): string {
  return steps.map((step) => `#${step.index} ${step.requestType} ${step.logicalId}`).join(', ');
}

/**
 * A check over the steps: passes when no step is a counter-example.
 * @example
 * expectNone(steps, (step) => step.result === 'NO ANSWER', 'every request is answered');
 */
function expectNone(steps: readonly Step[], bad: (step: Step) => boolean, text: string): Check {
  const found = steps.filter(bad);
  return {
    ok: found.length === 0,
    text: found.length === 0 ? text : `${text}: not so for ${list(found)}`,
  };
}

/**
 * The protocol checks every scenario shares.
 * @example
 * const checks = commonChecks(session.steps);
 */
function commonChecks(steps: readonly Step[]): Check[] {
  const sent = steps.filter((step) => step.result !== 'NOT SENT');
  return [
    expectNone(
      sent,
      (step) => step.result === 'NO ANSWER',
      'every request is answered before its ServiceTimeout',
    ),
    expectNone(
      sent,
      (step) => step.answers !== step.deliveries,
      'each delivery gets exactly one answer',
    ),
    expectNone(
      sent,
      (step) => !step.consistentAnswers,
      'repeated answers to one request give the same status and physical id',
    ),
    expectNone(
      sent,
      (step) => step.result === 'INVALID',
      'CloudFormation accepts every answer (≤ 4096 bytes, a usable physical id)',
    ),
    expectNone(
      sent,
      (step) =>
        step.requestType === 'Delete' &&
        step.physicalId !== undefined &&
        step.physicalId !== step.sentPhysicalId,
      'a Delete answers with the id it was sent',
    ),
  ];
}

/**
 * A check that some step matches.
 * @example
 * expectSome(steps, (step) => step.action === 'rollback',
 *   'a rollback update is sent and answered');
 */
function expectSome(steps: readonly Step[], good: (step: Step) => boolean, text: string): Check {
  return { ok: steps.some(good), text };
}

export { commonChecks, expectNone, expectSome };
export type { Check };
