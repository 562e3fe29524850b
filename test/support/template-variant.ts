/**
 * Variants of the real templates for checker tests: one edit, written to a temporary file, so a
 * test shows that the real template passes and that exactly this change makes a check fail.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';

/**
 * Writes `file` with the first match of `from` replaced by `to`, failing the test if nothing
 * changed.
 * @example
 * const handler = variant('templates/crkit-handler.yaml', 'MaxValue: 300', 'MaxValue: 900');
 */
function variant(file: string, from: string | RegExp, to: string): string {
  const original = readFileSync(file, 'utf8');
  const edited = original.replace(from, to);
  expect(edited).not.toBe(original);
  const path = join(mkdtempSync(join(tmpdir(), 'crkit-templates-')), 'variant.yaml');
  writeFileSync(path, edited);
  return path;
}

export { variant };
