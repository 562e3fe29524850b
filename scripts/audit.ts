/**
 * `npm run audit -- <file|-> [--json] [--slow-ms N] [--secret VALUE]… [--secrets-file PATH]`:
 * audits a crkit trail (JSON lines, `aws logs filter-log-events` output, or exported lines with a
 * timestamp prefix) and prints a table, or JSON with `--json`. Exit status: 0 when the trail is
 * complete, 1 when it is broken, 2 when the input or the arguments are unusable.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { audit } from './audit/analyse.js';
import type { AuditReport } from './audit/analyse.js';
import { readTrail } from './audit/read.js';
import { renderReport } from './audit/render.js';

type AuditArgs = { readonly source: string; readonly json: boolean; readonly slowMs: number | undefined; readonly secrets: readonly string[] };

const usage = 'usage: npm run audit -- <file|-> [--json] [--slow-ms N] [--secret VALUE]... [--secrets-file PATH]';

/** Parses the command line; throws with the usage on a mistake. */
function parseArgs(argv: readonly string[]): AuditArgs {
  let source: string | undefined;
  let json = false;
  let slowMs: number | undefined;
  const secrets: string[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    const value = () => {
      const next = argv[(index += 1)];
      if (next === undefined) throw new Error(`${arg} needs a value\n${usage}`);
      return next;
    };
    if (arg === '--json') json = true;
    else if (arg === '--slow-ms') slowMs = Number(value());
    else if (arg === '--secret') secrets.push(value());
    else if (arg === '--secrets-file') secrets.push(...readFileSync(value(), 'utf8').split(/\r?\n/).filter((line) => line !== ''));
    else if (source === undefined && (arg === '-' || !arg.startsWith('--'))) source = arg;
    else throw new Error(`unexpected argument ${arg}\n${usage}`);
  }
  if (source === undefined) throw new Error(usage);
  if (slowMs !== undefined && !(slowMs >= 0)) throw new Error(`--slow-ms must be a number of milliseconds\n${usage}`);
  return { source, json, slowMs, secrets };
}

/**
 * Runs the audit on a trail's text; returns what to print and the exit status.
 * @example
 * const { output, status } = runAudit(readFileSync('trail.jsonl', 'utf8'), { source: 'trail.jsonl', json: false, slowMs: undefined, secrets: [] });
 */
function runAudit(input: string, args: AuditArgs): { readonly output: string; readonly status: number; readonly report: AuditReport } {
  const report = audit(readTrail(input), { slowMs: args.slowMs, secrets: args.secrets });
  const output = args.json ? `${JSON.stringify(report, null, 2)}\n` : renderReport(report);
  return { output, status: report.broken ? 1 : 0, report };
}

function main(): void {
  try {
    const args = parseArgs(process.argv.slice(2));
    const input = readFileSync(args.source === '-' ? 0 : args.source, 'utf8');
    const { output, status } = runAudit(input, args);
    process.stdout.write(output);
    process.exitCode = status;
  } catch (error) {
    process.stderr.write(`audit: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();

export { parseArgs, runAudit };
export type { AuditArgs };
