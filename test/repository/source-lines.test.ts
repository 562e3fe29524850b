/**
 * The sources keep to 100 columns, counted in characters. The formatter wraps code, but not a
 * long string or comment, so this test holds those too.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const MaxColumns = 100;
const sources = execFileSync('git', ['ls-files', '*.ts', '*.mts'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter((file) => file !== '' && !file.startsWith('test/fixtures/redos/'));

/** Every line of `text` over the limit, as `file:line (n columns)`. */
function longLines(file: string, text: string): string[] {
  return text.split('\n').flatMap((line, index) => {
    const columns = [...line].length;
    return columns > MaxColumns ? [`${file}:${index + 1} (${columns} columns)`] : [];
  });
}

describe('source lines', () => {
  it('finds the sources to check', () => {
    expect(sources).toContain('framework/index.ts');
    expect(sources.length).toBeGreaterThan(300);
  });

  it(`keep to ${MaxColumns} columns`, () => {
    const found = sources.flatMap((file) =>
      longLines(file, readFileSync(path.join(root, file), 'utf8')),
    );

    expect(found).toEqual([]);
  });

  it('counts a line over the limit, in characters', () => {
    expect(longLines('x.ts', `${'é'.repeat(100)}\n${'a'.repeat(101)}`)).toEqual([
      'x.ts:2 (101 columns)',
    ]);
  });
});
