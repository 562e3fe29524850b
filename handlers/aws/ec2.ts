/**
 * The EC2 client, shared by the resource types that need it and created on first use: its
 * module is the largest part of the bundle, and requests that never call EC2 (a FAILED
 * validation answer, a failed-Create marker's Delete) should not wait for it to load.
 */
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { RetryStrategy, RetryStrategyV2 } from '@smithy/types';
import { instrument } from './instrument.js';
import { boundedStrategyOf, ec2RetrySettings } from './retry-policy.js';

/** The client, and the commands resources may send (ec2-sdk.ts says why not the whole package). */
type Ec2 = { readonly client: EC2Client; readonly sdk: typeof import('./ec2-sdk.js') };

let loading: Promise<Ec2> | undefined;

/**
 * The EC2 client and the SDK module (for its command classes), loaded once per container.
 * Endpoint and region come from the SDK's standard settings (AWS_REGION, AWS_ENDPOINT_URL_EC2);
 * retries follow `retry-policy.ts`; every call is recorded in the request's `awsCalls`.
 * @example
 * const { client, sdk } = await ec2();
 * const command = new sdk.DescribePlacementGroupsCommand({ GroupNames: [name] });
 * await client.send(command, { abortSignal: signal });
 */
function ec2(): Promise<Ec2> {
  loading ??= import('./ec2-sdk.js').then(async (sdk) => {
    const retryStrategy = await sdkRetryStrategy(sdk);
    return { client: instrument(new sdk.EC2Client({ ...ec2RetrySettings, retryStrategy })), sdk };
  });
  return loading;
}

/** The SDK's own strategy for these settings (read from a client that makes no call), bounded. */
async function sdkRetryStrategy(sdk: Ec2['sdk']): Promise<RetryStrategy | RetryStrategyV2> {
  const probe = new sdk.EC2Client({ ...ec2RetrySettings });
  try {
    return boundedStrategyOf(await probe.config.retryStrategy());
  } finally {
    probe.destroy();
  }
}

export { ec2 };
export type { Ec2 };
