/**
 * The AWS stand-in for scenario (b), run as its own process: crkit's loopback EC2 and
 * CloudFormation (scripts/standin) with the bench stack registered (two cost tags) and new
 * placement groups available at once, so no run waits on a pending state. Prints
 * `{"url": …}` and serves until its stdin closes.
 */
import { stackId } from './events.js';
import { startStandin } from '../standin/index.js';

async function main(): Promise<void> {
  const standin = await startStandin({
    placementGroupReadiness: { afterDescribes: 0 },
    stacks: [
      {
        stackId,
        status: 'UPDATE_IN_PROGRESS',
        tags: [
          { Key: 'team', Value: 'hpc' },
          { Key: 'cost-center', Value: 'cc-1234' },
        ],
      },
    ],
  });
  process.stdout.write(`${JSON.stringify({ url: standin.url })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => void standin.stop().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  process.stderr.write(`bench stand-in failed: ${String(error)}\n`);
  process.exit(1);
});
