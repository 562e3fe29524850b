/**
 * `crkit build [--entry FILE] [--out DIR]`: bundles a Lambda entry (a module exporting
 * `handler`, and `resources` for the simulator) into DIR/handler.mjs and DIR/handler.zip.
 * Without --entry it bundles crkit's own entry: the built-in resource types.
 */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { bundleHandler } from './build.js';
import { ownModule } from './package-root.js';

/** The folder `crkit build` writes to, and `crkit deploy` uploads from. */
const DefaultOutDir = 'dist';

const BuildUsage = `usage: crkit build [--entry FILE] [--out DIR]
Bundles FILE (a module exporting the Lambda handler as \`handler\`; default: crkit's own entry, the
built-in types) into DIR/handler.mjs and DIR/handler.zip (Lambda handler \`handler.handler\`,
runtime nodejs24.x). Paths are relative to the working directory;
DIR defaults to ${DefaultOutDir}.`;

/**
 * Runs the build command and returns its exit status (2: usage error).
 * @example
 * process.exitCode = await runBuildCommand(['--entry', 'src/handler.ts']);
 */
async function runBuildCommand(argv: readonly string[]): Promise<number> {
  let entry: string;
  let outdir: string;
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        entry: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help === true) {
      process.stdout.write(`${BuildUsage}\n`);
      return 0;
    }
    entry = values.entry ?? ownModule('handlers/entry.ts');
    outdir = values.out ?? DefaultOutDir;
    if (!existsSync(entry)) throw new Error(`no entry at ${entry}`);
  } catch (error) {
    process.stderr.write(
      `crkit build: ${error instanceof Error ? error.message : String(error)}\n${BuildUsage}\n`,
    );
    return 2;
  }
  try {
    const result = await bundleHandler({ entry, outdir });
    const bytes = (await readFile(result.handlerPath)).length;
    process.stdout.write(
      `built ${relative(process.cwd(), result.handlerPath)} (${bytes} B, ` +
        `${result.files.length} files) and ` +
        `${relative(process.cwd(), result.zipPath ?? '')} (${result.zipBytes} B)\n`,
    );
    return 0;
  } catch (error) {
    process.stderr.write(
      `crkit build failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  }
}

export { BuildUsage, DefaultOutDir, runBuildCommand };
