/**
 * The SDK's shared clients pointed at the loopback stand-in, for a test file that goes through
 * the real SDK stack (retries, middleware) rather than `aws-sdk-client-mock`.
 */
import { ec2 } from '../../handlers/aws/ec2.js';
import { startStandin } from '../../scripts/standin/index.js';
import type { Standin } from '../../scripts/standin/index.js';

/**
 * Starts the stand-in and puts its settings in the environment, which the shared clients read
 * when first used; `restore` destroys the EC2 client, restores the environment and stops it.
 * @example
 * beforeAll(async () => ({ standin, restore } = await sdkStandin()));
 * afterAll(() => restore());
 */
async function sdkStandin(): Promise<{ standin: Standin; restore: () => Promise<void> }> {
  const savedEnv = { ...process.env };
  const standin = await startStandin({ autoCreateStacks: true });
  Object.assign(process.env, standin.env);
  const restore = async () => {
    (await ec2()).client.destroy();
    process.env = savedEnv;
    await standin.stop();
  };
  return { standin, restore };
}

export { sdkStandin };
