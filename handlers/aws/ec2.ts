/**
 * The EC2 client, shared by the resource types that need it and created on first use: its
 * module is the largest part of the bundle, and requests that never call EC2 (a FAILED
 * validation answer, a failed-Create marker's Delete) should not wait for it to load.
 */
import type { EC2Client } from '@aws-sdk/client-ec2';
import { instrument } from './instrument.js';

/** The client, and the commands resources may send (see ec2-sdk.ts for why not the whole package). */
type Ec2 = { readonly client: EC2Client; readonly sdk: typeof import('./ec2-sdk.js') };

let loading: Promise<Ec2> | undefined;

/**
 * The EC2 client and the SDK module (for its command classes), loaded once per container.
 * Endpoint and region come from the SDK's standard settings (AWS_REGION, AWS_ENDPOINT_URL_EC2);
 * every call is recorded in the request's `awsCalls`.
 * @example
 * const { client, sdk } = await ec2();
 * await client.send(new sdk.DescribePlacementGroupsCommand({ GroupNames: [name] }), { abortSignal: signal });
 */
function ec2(): Promise<Ec2> {
  loading ??= import('./ec2-sdk.js').then((sdk) => ({ client: instrument(new sdk.EC2Client({})), sdk }));
  return loading;
}

export { ec2 };
export type { Ec2 };
