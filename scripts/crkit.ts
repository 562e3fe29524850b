/**
 * The `crkit` command: `crkit simulate …` plays CloudFormation against the built handler;
 * `crkit conform …` checks an author's resource type against the protocol's invariants;
 * `crkit drift …` checks crkit's resources in deployed stacks for drift.
 */
import { runConform } from './conform/index.js';
import { runDrift } from './drift/main.js';
import { runSimulate } from './simulate/main.js';

const commands: Readonly<Record<string, (argv: readonly string[]) => Promise<number>>> = { simulate: runSimulate, conform: runConform, drift: (argv) => runDrift(argv) };

const [command, ...rest] = process.argv.slice(2);
const run = command === undefined ? undefined : commands[command];
if (run === undefined) {
  process.stderr.write('usage: crkit simulate [template] [options] | crkit conform <module> --type Custom::X --properties file.json [--update file.json] | crkit drift (--stack NAME | --all) [--profile P] [--region R] [--json]\n');
  process.exitCode = 2;
} else {
  process.exitCode = await run(rest);
}
