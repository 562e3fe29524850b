/**
 * The one retry policy of the built-in types' EC2 calls, through the real SDK stack: the shared
 * EC2 client against the loopback stand-in on 127.0.0.1 (aws-sdk-client-mock replaces `send`
 * and so skips the SDK's retry middleware). Backoff jitter is pinned with `Math.random`, so the
 * SDK's own waits are zero, or about a second: long enough for a deadline to fall inside one.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DeadlineError } from '../../../framework/index.js';
import type { RequestIdentity } from '../../../framework/index.js';
import { Ec2MaxAttempts, MinAttemptMs, longestWaitMs } from '../../../handlers/aws/retry-policy.js';
import { callEc2 } from '../../../handlers/resources/ec2-call.js';
import type { Ec2CallContext } from '../../../handlers/resources/ec2-call.js';
import { sdkStandin } from '../../support/sdk-standin.js';
import type { Standin } from '../../../scripts/standin/index.js';

const request: RequestIdentity = {
  stackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/web/1b2c3d40-aaaa-11f0-8000-0a1b2c',
  stackName: 'web',
  requestId: 'req-1',
  logicalResourceId: 'Cluster',
  resourceType: 'Custom::PlacementGroup',
};

let standin: Standin;
let restore: () => Promise<void>;

beforeAll(async () => {
  ({ standin, restore } = await sdkStandin());
});
afterAll(() => restore());
afterEach(() => {
  vi.restoreAllMocks();
  standin.clearFaults();
  standin.clearCalls();
});

/** DescribePlacementGroups through `callEc2`, with the request's signal. */
function describeGroups(context: Ec2CallContext) {
  return callEc2(context, 'DescribePlacementGroups', ({ client, sdk }) =>
    client.send(new sdk.DescribePlacementGroupsCommand({}), { abortSignal: context.signal }),
  );
}

function throttle(times: number): void {
  const fault = { kind: 'error', status: 400, code: 'RequestLimitExceeded' } as const;
  standin.inject({ service: 'ec2', action: 'DescribePlacementGroups', ...fault, times });
}

const attempts = () => standin.calls({ service: 'ec2', action: 'DescribePlacementGroups' }).length;

describe('throttled EC2 calls', () => {
  it("are retried by the SDK's strategy alone, and succeed when EC2 recovers", async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    throttle(Ec2MaxAttempts - 1);

    const answer = await describeGroups({ request, signal: new AbortController().signal });

    expect(answer.$metadata.attempts).toBe(Ec2MaxAttempts);
    expect(attempts()).toBe(Ec2MaxAttempts);
  });

  it("fail after the SDK's attempts with one throttling Reason, never retried on top", async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    throttle(Ec2MaxAttempts * 3);

    const failure = describeGroups({ request, signal: new AbortController().signal });

    await expect(failure).rejects.toMatchObject({
      name: 'ResourceError',
      reason: expect.stringMatching(
        `^EC2 throttled ec2:DescribePlacementGroups \\(RequestLimitExceeded\\) ` +
          `on all ${Ec2MaxAttempts} attempts, `,
      ),
    });
    expect(attempts()).toBe(Ec2MaxAttempts);
  });

  it('give up, throttled, when the time left cannot hold a wait and an attempt', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999);
    throttle(Ec2MaxAttempts * 3);
    const signal = new AbortController().signal;

    const failure = describeGroups({ request, signal, remainingMs: () => MinAttemptMs - 1 });

    await expect(failure).rejects.toMatchObject({
      name: 'ResourceError',
      reason: expect.stringMatching(
        /^EC2 throttled ec2:DescribePlacementGroups \(RequestLimitExceeded\) on its only attempt, /,
      ),
    });
    expect(attempts()).toBe(1);
    expect(signal.aborted).toBe(false);
  });

  it('retry while the time left holds the waits', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    throttle(2);

    const signal = new AbortController().signal;
    const answer = await describeGroups({ request, signal, remainingMs: () => 60_000 });

    expect(answer.$metadata.attempts).toBe(3);
  });

  it("wait no longer than the policy's bound assumes the SDK's backoff to be", async () => {
    // The longest jitter the SDK draws: its waits are then at their longest.
    vi.spyOn(Math, 'random').mockReturnValue(0.9999);
    throttle(2);

    const signal = new AbortController().signal;
    const answer = await describeGroups({ request, signal, remainingMs: () => 60_000 });

    expect(answer.$metadata.attempts).toBe(3);
    expect(answer.$metadata.totalRetryDelay).toBeGreaterThan(0);
    const bound = longestWaitMs(0, 'THROTTLING') + longestWaitMs(1, 'THROTTLING');
    expect(answer.$metadata.totalRetryDelay).toBeLessThanOrEqual(bound);
  });

  it('stop at the deadline: no attempt after it; the deadline is the answer', async () => {
    // The longest jitter: the first backoff lasts about a second; the deadline falls in it.
    vi.spyOn(Math, 'random').mockReturnValue(0.999);
    throttle(Ec2MaxAttempts * 3);
    const deadline = new AbortController();
    const reason = new DeadlineError('the working time ran out before the resource finished');

    const failure = describeGroups({ request, signal: deadline.signal });
    await vi.waitFor(() => expect(attempts()).toBe(1));
    deadline.abort(reason);

    await expect(failure).rejects.toBe(reason);
    expect(attempts()).toBe(1);
  });
});
