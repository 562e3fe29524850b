/**
 * `tsx scripts/simulate/main.ts <template> [--scenario NAME] [--set Param=Value …] [--profile
 * NAME]` (also `npm start` and `crkit simulate`). Exits 0 when every check passed, 1 when one
 * failed, 2 on a usage or set-up error.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SimulateUsage, parseSimulateArgs } from './args.js';
import { simulate } from './simulate.js';

/**
 * Runs the simulate command and returns its exit code.
 * @example
 * process.exitCode = await runSimulate(process.argv.slice(2));
 */
async function runSimulate(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${SimulateUsage}\n`);
    return 0;
  }
  try {
    const report = await simulate(parseSimulateArgs(argv));
    return report.ok ? 0 : 1;
  } catch (error) {
    process.stderr.write(
      `crkit simulate: ` +
        `${error instanceof Error ? error.message : String(error)}\n${SimulateUsage}\n`,
    );
    return 2;
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await runSimulate(process.argv.slice(2));
}

export { runSimulate };
