/**
 * Runs the stand-in as its own process: `tsx scripts/standin/main.ts [--port N] [--auto-stacks]`.
 * Prints one JSON line `{ "url": …, "env": … }` on stdout and stops on SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { startStandin } from './standin.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    region: { type: 'string', default: 'us-east-1' },
    'auto-stacks': { type: 'boolean', default: false },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  process.stderr.write(`crkit stand-in: --port must be 0-65535, got ${values.port}\n`);
  process.exit(2);
}

const standin = await startStandin({
  port,
  region: values.region,
  autoCreateStacks: values['auto-stacks'],
});
process.stderr.write(
  `crkit stand-in: this is a LOCAL FAKE of EC2, CloudFormation, SQS and Secrets Manager ` +
    `on ${standin.url}, not AWS. ` +
    'Nothing here reaches Amazon Web Services.\n',
);
process.stdout.write(`${JSON.stringify({ url: standin.url, env: standin.env })}\n`);

const shutdown = (): void => {
  void standin.stop().then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
