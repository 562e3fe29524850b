/**
 * Hostile-input scenarios: each input that once stalled the event loop on a backtracking pattern,
 * sent with a 3 s Lambda budget. Sent directly it is answered (or, when it cannot be, rejected) in
 * time; sent through SNS, it shares its event with an ordinary request, which must still get its
 * one answer in time. The inputs: a numeric property of 50,000 zeros and a NUL (whole, as
 * PartitionCount, and any number, as the test type's Ratio), 140 KB repeating
 * `HTTP://` in a logged property, and a ResponseURL whose host is `s3` and 40 `-a` labels under
 * another domain.
 */
import type { Expect, Play, Scenario } from '../support/harness.js';
import { keyOf } from '../support/harness.js';
import { answerProblems, records } from '../support/invariants.js';
import { asEvent } from '../support/requests.js';
import type { RawRequest, RequestSpec } from '../support/requests.js';

/** The Lambda budget of every invocation here. */
const budgetMs = 3000;

type Hostile = {
  readonly name: string;
  /** The hostile request. */
  readonly attack: (play: Play) => RawRequest;
  readonly expect: Expect;
  /** An ordinary request to send beside it. */
  readonly ordinary: RequestSpec;
};

/** Checks the ordinary request of a batch: one answer, well-formed, before the deadline. */
function ordinaryAnswered(
  play: Play,
  run: Parameters<typeof answerProblems>[0],
  ordinary: RawRequest,
  endsAt: number,
): void {
  const identity = {
    requestId: ordinary.RequestId,
    stackId: ordinary.StackId,
    logicalResourceId: ordinary.LogicalResourceId,
  };
  for (const problem of answerProblems(
    run,
    play.endpoint.receivedFor(keyOf(ordinary.ResponseURL)),
    identity,
    endsAt,
  ))
    play.check(false, `the ordinary request of the batch: ${problem}`);
}

/** Checks that the hostile request was rejected by name and got no PUT. */
function hostileRejected(
  play: Play,
  run: Parameters<typeof records>[0],
  hostile: RawRequest,
): void {
  const rejected = records(run).filter(
    (record) => record.type === 'crkit.rejected' && record.requestId === hostile.RequestId,
  );
  play.check(
    rejected.length === 1,
    `${rejected.length} crkit.rejected records for the hostile request, not 1`,
  );
  play.check(
    records(run).every(
      (record) => record.type !== 'crkit.signal' || record.requestId !== hostile.RequestId,
    ),
    'a crkit.signal record for the hostile request',
  );
}

/**
 * Sends the hostile request alone (direct) or first in an SNS event beside an ordinary one (sns).
 */
function hostileScenario(hostile: Hostile): Scenario {
  return {
    name: hostile.name,
    play: async (play) => {
      const attack = hostile.attack(play);
      if (play.via === 'direct')
        return void (await play.send(attack, hostile.expect, { remainingMs: budgetMs }));
      const ordinary = play.request(hostile.ordinary);
      const event = {
        Records: [attack, ordinary].map(
          (request) => (asEvent(request, 'sns') as { Records: unknown[] }).Records[0],
        ),
      };
      const startedAt = Date.now();
      if (hostile.expect.status === 'none') {
        const step = await play.send(
          event,
          { status: 'SUCCESS' },
          { raw: true, about: ordinary, remainingMs: budgetMs },
        );
        hostileRejected(play, step.run, attack);
      } else {
        const step = await play.send(event, hostile.expect, {
          raw: true,
          about: attack,
          remainingMs: budgetMs,
        });
        ordinaryAnswered(play, step.run, ordinary, startedAt + budgetMs);
      }
    },
  };
}

/** Through the production bundle: Custom::PlacementGroup. */
function hostileProductionScenarios(): Scenario[] {
  return [
    hostileScenario({
      name: 'PartitionCount is 50,000 zeros and a NUL',
      attack: (play) =>
        play.request({
          type: 'Custom::PlacementGroup',
          properties: { Strategy: 'partition', PartitionCount: `${'0'.repeat(50_000)}\u0000` },
        }),
      expect: {
        status: 'FAILED',
        reason: /: PartitionCount: must be a whole number of at most 64 characters$/,
      },
      ordinary: { type: 'Custom::PlacementGroup', properties: { Strategy: 'cluster' } },
    }),
  ];
}

/** Through the test bundle: Custom::E2eEcho. */
function hostileFixtureScenarios(): Scenario[] {
  const echo = (properties: Record<string, unknown>): RequestSpec => ({
    type: 'Custom::E2eEcho',
    properties,
  });
  return [
    hostileScenario({
      name: 'a number property (Ratio) is 50,000 zeros and a NUL',
      attack: (play) => play.request(echo({ Ratio: `${'0'.repeat(50_000)}\u0000` })),
      expect: { status: 'FAILED', reason: /: Ratio: must be a number of at most 64 characters$/ },
      ordinary: echo({ Value: 'v' }),
    }),
    hostileScenario({
      name: 'a logged property repeats HTTP:// for 140 KB',
      // The `=` takes the text past the scrubber's fast path, to the part that used to be
      // quadratic.
      attack: (play) => play.request(echo({ Nested: { Text: `${'HTTP://'.repeat(20_000)}=` } })),
      expect: { status: 'SUCCESS' },
      ordinary: echo({ Value: 'v' }),
    }),
    hostileScenario({
      name: 'ResponseURL host is s3 and 40 -a labels under another domain',
      attack: (play) => {
        const request = play.request(echo({ Value: 'v' }));
        return {
          ...request,
          ResponseURL:
            `https://s3${'-a'.repeat(40)}.example.com/ok/${String(request.RequestId)}` +
            `?X-Amz-Signature=${play.canaries.secrets[1]}`,
        };
      },
      expect: { status: 'none' },
      ordinary: echo({ Value: 'v' }),
    }),
  ];
}

export { hostileFixtureScenarios, hostileProductionScenarios };
