/**
 * A canned Lambda context whose remaining time counts down from its creation.
 */

type FakeContext = {
  getRemainingTimeInMillis(): number;
  awsRequestId: string;
  functionName: string;
  callbackWaitsForEmptyEventLoop: boolean;
  /** Epoch ms at which this invocation would be killed. */
  readonly endsAt: number;
};

function fakeContext(remainingMs = 30_000): FakeContext {
  const endsAt = Date.now() + remainingMs;
  return {
    getRemainingTimeInMillis: () => Math.max(0, endsAt - Date.now()),
    awsRequestId: 'c0ffee00-0000-4000-8000-000000000000',
    functionName: 'crkit-handler',
    callbackWaitsForEmptyEventLoop: true,
    endsAt,
  };
}

export { fakeContext };
export type { FakeContext };
