/**
 * Every EC2 call of this resource goes through `callEc2`, which turns an SDK failure into an
 * AwsCallError (the EC2 code kept as `awsCode`) naming the operation, and carries the id of an
 * image that already exists, so a FAILED answer names it and the rollback Delete removes it.
 * The SDK's own retries (throttling included) come first.
 */
import { AwsCallError } from '../../../framework/index.js';
import { ec2 } from '../../aws/ec2.js';
import type { Ec2 } from '../../aws/ec2.js';

/** The EC2 error code of a failure (EC2 reports it as the error's name), or undefined. */
function awsCodeOf(error: unknown): string | undefined {
  if (error instanceof AwsCallError) return error.awsCode;
  if (!(error instanceof Error) || typeof (error as { $metadata?: unknown }).$metadata !== 'object') return undefined;
  return error.name;
}

function oneLine(message: string): string {
  const text = message.replace(/\s+/g, ' ').trim();
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

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
    const code = awsCodeOf(error);
    if (code === undefined || !(error instanceof Error)) throw error;
    const status = (error as unknown as { $metadata: { httpStatusCode?: number } }).$metadata.httpStatusCode;
    const http = status === undefined ? '' : ` (HTTP ${status})`;
    throw new AwsCallError(`ec2:${operation} failed: AWS returned ${code}${http}: ${oneLine(error.message)}`, code, { cause: error, physicalId: leftBehind });
  }
}

export { awsCodeOf, callEc2 };
