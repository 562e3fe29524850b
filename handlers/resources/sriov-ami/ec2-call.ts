/**
 * Every EC2 call of this resource goes through `callEc2`, which turns an SDK failure into an
 * AwsCallError (the EC2 code kept as `awsCode`) naming the operation, and carries the id of an
 * image that already exists, so a FAILED answer names it and the rollback Delete removes it.
 * The SDK's own retries (throttling included) come first.
 */
import { awsCallError } from '../../../framework/index.js';
import { ec2 } from '../../aws/ec2.js';
import type { Ec2 } from '../../aws/ec2.js';

/**
 * Makes one EC2 call; an AWS failure becomes an AwsCallError carrying `leftBehind`.
 * @example
 * const { Images } = await callEc2('DescribeImages', ({ client, sdk }) =>
 *   client.send(new sdk.DescribeImagesCommand({ ImageIds: [id] }), { abortSignal: signal }));
 */
async function callEc2<T>(operation: string, run: (ec2: Ec2) => Promise<T>, leftBehind?: string): Promise<T> {
  const client = await ec2();
  try {
    return await run(client);
  } catch (error) {
    throw awsCallError(error, `ec2:${operation}`, { physicalId: leftBehind });
  }
}

export { callEc2 };
