/**
 * Where the Lambda-like child process's script is: the compiled `lambda-child.js` next to this
 * module when crkit is installed, or, when running from crkit's TypeScript sources, that file
 * transpiled once into the temporary folder.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The path of a script plain `node` can run as the child. */
async function childScriptPath(): Promise<string> {
  const compiled = fileURLToPath(new URL('./lambda-child.js', import.meta.url));
  if (existsSync(compiled)) return compiled;
  const source = readFileSync(fileURLToPath(new URL('./lambda-child.ts', import.meta.url)), 'utf8');
  const folder = join(tmpdir(), 'crkit-testing');
  const target = join(
    folder,
    `lambda-child-${createHash('sha256').update(source).digest('hex').slice(0, 16)}.mjs`,
  );
  if (existsSync(target)) return target;
  const esbuild = 'esbuild';
  const { transform } = (await import(esbuild)) as typeof import('esbuild');
  const { code } = await transform(source, { loader: 'ts', format: 'esm', target: 'node20' });
  mkdirSync(folder, { recursive: true });
  const partial = `${target}.${process.pid}.tmp`;
  writeFileSync(partial, code);
  renameSync(partial, target);
  return target;
}

export { childScriptPath };
