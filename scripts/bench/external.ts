/**
 * `npx tsx scripts/bench/external.ts <outdir>`: bundles `external-entry.ts` with the Lambda
 * build's options (`bundleHandler`) into <outdir> and prints the line that plugs it into an
 * external bench's handler list (name, module, export, SNS shape accepted, packages).
 */
import { resolve } from 'node:path';
import { bundleHandler } from '../build.js';

async function main(): Promise<void> {
  const outdir = process.argv[2];
  if (outdir === undefined) throw new Error('usage: npx tsx scripts/bench/external.ts <outdir>');
  const built = await bundleHandler({
    entry: 'scripts/bench/external-entry.ts',
    outdir: resolve(outdir),
    zip: false,
  });
  process.stdout.write(`crkit  ${built.handlerPath}  handler  yes  -\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
