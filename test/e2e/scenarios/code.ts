/**
 * Code scenarios: resource code that throws every kind of value, rejects late, never settles,
 * returns nothing or garbage, answers oversized or invalid outcomes, or whose module fails to
 * load; and well-behaved code holding sensitive properties and NoEcho data.
 */
import { noEchoToken } from '../fixtures/canary.js';
import type { Expect, Scenario } from '../support/harness.js';
import type { plantCanaries } from '../support/matrix.js';

type Canaries = ReturnType<typeof plantCanaries>;

const failedWith = (reason: RegExp): Expect => ({ status: 'FAILED', reason });

/** A Create of Custom::E2eThrow behaving as `kind`, with the secret planted. */
function throwing(
  name: string,
  kind: string,
  expect: Expect,
  canaries: Canaries,
  timing: { remainingMs?: number; graceMs?: number } = {},
): Scenario {
  return {
    name,
    play: async (play) => {
      const request = play.request({
        type: 'Custom::E2eThrow',
        properties: { Kind: kind, Secret: canaries.secret },
      });
      await play.send(request, expect, timing);
    },
  };
}

function codeScenarios(canaries: Canaries): Scenario[] {
  const internal = (name: string) =>
    failedWith(
      new RegExp(`create of Custom::E2eThrow failed with an internal error \\(${name}\\)`),
    );
  return [
    throwing('resource throws an Error carrying a secret', 'error', internal('Error'), canaries),
    throwing('resource throws a TypeError', 'type-error', internal('TypeError'), canaries),
    throwing(
      'resource throws a string',
      'string',
      failedWith(/threw a string instead of an Error/),
      canaries,
    ),
    throwing(
      'resource throws undefined',
      'undefined',
      failedWith(/threw undefined instead of an Error/),
      canaries,
    ),
    throwing(
      'resource throws null',
      'null',
      failedWith(/threw null instead of an Error/),
      canaries,
    ),
    throwing(
      'resource throws a plain object',
      'object',
      failedWith(/threw a value of type object/),
      canaries,
    ),
    throwing(
      'resource throws a number',
      'number',
      failedWith(/threw a value of type number/),
      canaries,
    ),
    throwing(
      'resource throws a ResourceError naming a secret',
      'resource-error',
      failedWith(/^refused: the key \*\*\* is not allowed$/),
      canaries,
    ),
    throwing(
      'resource throws an AWS-shaped error',
      'aws-error',
      failedWith(
        /AWS returned UnauthorizedOperation \(HTTP 403\): User is not authorized; key \*\*\*/,
      ),
      canaries,
    ),
    throwing(
      'resource answers failed() with a secret in the reason',
      'failed-with-secret',
      failedWith(/^refused because of \*\*\*$/),
      canaries,
    ),
    throwing('resource rejects late', 'late-reject', internal('Error'), canaries),
    throwing(
      'resource never settles',
      'never',
      failedWith(/working time \(\d+ ms\) ran out/),
      canaries,
      { remainingMs: 2000 },
    ),
    throwing(
      'resource rejects after the deadline answered',
      'reject-after-deadline',
      failedWith(/working time \(\d+ ms\) ran out/),
      canaries,
      { remainingMs: 2000, graceMs: 400 },
    ),
    throwing(
      'resource returns nothing',
      'returns-nothing',
      failedWith(/returned no outcome/),
      canaries,
    ),
    throwing(
      'resource returns something that is not an outcome',
      'returns-garbage',
      failedWith(/returned no outcome/),
      canaries,
    ),
    throwing(
      'resource fails with a 10 kB reason',
      'huge-reason',
      failedWith(/\(truncated\)$/),
      canaries,
    ),
    throwing(
      'resource answers 5 kB of Data',
      'huge-data',
      failedWith(/Data\) are \d+ bytes, too large/),
      canaries,
    ),
    throwing(
      'resource answers an empty physical id',
      'empty-physical-id',
      failedWith(/empty or over-long physical id/),
      canaries,
    ),
    throwing(
      'resource answers inProgress without resume',
      'in-progress',
      failedWith(/answered inProgress but defines no resume function/),
      canaries,
    ),
    {
      name: 'resource module load rejects',
      play: async (play) => {
        await play.send(
          play.request({ type: 'Custom::E2eLoadRejects', properties: { Secret: canaries.secret } }),
          failedWith(/module of Custom::E2eLoadRejects failed to load \(Error\)/),
        );
      },
    },
    {
      name: 'resource module throws while loading',
      play: async (play) => {
        await play.send(
          play.request({ type: 'Custom::E2eThrowsOnImport' }),
          failedWith(/module of Custom::E2eThrowsOnImport failed to load \(Error\)/),
        );
      },
    },
    {
      name: 'sensitive property on a successful create',
      play: async (play) => {
        const step = await play.send(
          play.request({
            type: 'Custom::E2eEcho',
            properties: { Value: 'plain', Secret: canaries.secret },
          }),
          { status: 'SUCCESS' },
        );
        play.check(
          (step.body?.Data as Record<string, string> | undefined)?.Value === 'plain',
          'Data.Value is not echoed',
        );
      },
    },
    {
      name: 'NoEcho data is answered but never logged',
      play: async (play) => {
        const request = play.request({
          type: 'Custom::E2eEcho',
          properties: { WithToken: 'true' },
        });
        const token = play.plantNoEcho(noEchoToken(String(request.RequestId)));
        const step = await play.send(request, { status: 'SUCCESS' });
        play.check(step.body?.NoEcho === true, 'the answer does not set NoEcho');
        play.check(
          (step.body?.Data as Record<string, string> | undefined)?.Token === token,
          'the NoEcho value is not in Data',
        );
        const next = await play.send(
          play.request({ type: 'Custom::E2eEcho', properties: { Value: '2026' } }),
          { status: 'SUCCESS' },
        );
        play.check(
          (next.body?.Data as Record<string, string> | undefined)?.Value === '2026',
          'a later request answers its data masked',
        );
      },
    },
    {
      name: 'resource throws while deleting',
      play: async (play) => {
        const request = play.request({
          type: 'Custom::E2eThrow',
          requestType: 'Delete',
          physicalId: 'thing-1',
          properties: { Kind: 'string', Secret: canaries.secret },
        });
        const step = await play.send(
          request,
          failedWith(/delete of Custom::E2eThrow failed: the resource code threw a string/),
        );
        play.check(step.body?.PhysicalResourceId === 'thing-1', 'a Delete changed the physical id');
      },
    },
  ];
}

export { codeScenarios };
