/**
 * `crkit audit <file|-> [--json] [--slow-ms N] [--secret VALUE]… [--secrets-file PATH]`:
 * audits a crkit trail (JSON lines, `aws logs filter-log-events` output, or exported lines with a
 * timestamp prefix) and prints a table, or JSON with `--json`. Exit status: 0 when the trail is
 * complete, 1 when it is broken, 2 when the input or the arguments are unusable.
 */
import { readFileSync } from 'node:fs';
import { audit } from './audit/analyse.js';
import type { AuditReport } from './audit/analyse.js';
import { readTrail } from './audit/read.js';
import { renderReport } from './audit/render.js';

type AuditArgs = {
  readonly source: string;
  readonly json: boolean;
  readonly slowMs: number | undefined;
  readonly secrets: readonly string[];
};

const usage =
  'usage: crkit audit <file|-> [--json] [--slow-ms N] [--secret VALUE]... [--secrets-file PATH]';

/** Parses the command line; throws with the usage on a mistake. */
function parseArgs(argv: readonly string[]): AuditArgs {
  let source: string | undefined;
  let json = false;
  let slowMs: number | undefined;
  const secrets: string[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    const value = () => {
      index += 1;
      const next = argv[index];
      if (next === undefined) throw new Error(`${arg} needs a value\n${usage}`);
      return next;
    };
    if (arg === '--json') json = true;
    else if (arg === '--slow-ms') slowMs = Number(value());
    else if (arg === '--secret') secrets.push(value());
    else if (arg === '--secrets-file')
      secrets.push(
        ...readFileSync(value(), 'utf8')
          .split(/\r?\n/)
          .filter((line) => line !== ''),
      );
    else if (source === undefined && (arg === '-' || !arg.startsWith('--'))) source = arg;
    else throw new Error(`unexpected argument ${arg}\n${usage}`);
  }
  if (source === undefined) throw new Error(usage);
  if (slowMs !== undefined && !(slowMs >= 0))
    throw new Error(`--slow-ms must be a number of milliseconds\n${usage}`);
  return { source, json, slowMs, secrets };
}

/**
 * Runs the audit on a trail's text; returns what to print and the exit status.
 * @example
 * const { output, status } = runAudit(readFileSync('trail.jsonl', 'utf8'),
 *   { source: 'trail.jsonl', json: false, slowMs: undefined, secrets: [] });
 */
function runAudit(
  input: string,
  args: AuditArgs,
): { readonly output: string; readonly status: number; readonly report: AuditReport } {
  const report = audit(readTrail(input), { slowMs: args.slowMs, secrets: args.secrets });
  const output = args.json ? `${JSON.stringify(report, null, 2)}\n` : renderReport(report);
  return { output, status: report.broken ? 1 : 0, report };
}

/**
 * Runs `crkit audit` and returns its exit status.
 * @example
 * process.exitCode = await runAuditCommand(['trail.jsonl', '--json']);
 */
async function runAuditCommand(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(
      `${usage}\nAudits a crkit trail (JSON lines, \`aws logs filter-log-events\` ` +
        `output, or exported lines); - reads stdin.\nExit status: 0 the trail is complete, ` +
        `1 it is broken, 2 the input or the arguments are unusable.\n`,
    );
    return 0;
  }
  try {
    const args = parseArgs(argv);
    const input = readFileSync(args.source === '-' ? 0 : args.source, 'utf8');
    const { output, status } = runAudit(input, args);
    process.stdout.write(output);
    return status;
  } catch (error) {
    process.stderr.write(
      `crkit audit: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 2;
  }
}

export { parseArgs, runAudit, runAuditCommand };
export type { AuditArgs };
