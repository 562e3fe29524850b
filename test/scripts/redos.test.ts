/**
 * The ReDoS check of `npm test`: every regular expression in framework/, handlers/ and scripts/
 * is judged by recheck, and none may be vulnerable unless the allow-list states the bound that
 * makes it safe. Also: the finder reads patterns with a real parser, the review applies every
 * rule of the allow-list, and recheck calls each pattern crkit used to have vulnerable.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findExpressions } from '../../scripts/redos/find.js';
import { judge } from '../../scripts/redos/judge.js';
import { readAllowList, reviewPatterns } from '../../scripts/redos/review.js';
import {
  formerSubPlaceholder,
  formerSubVariable,
  formerVulnerablePatterns,
} from '../support/former-patterns.js';
import { pattern } from '../support/pattern.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = 'test/fixtures/redos';

describe('the ReDoS check', () => {
  it('finds no pattern in framework/, handlers/ or scripts/ that an input can stall, except ' +
    'the allow-listed ones with their bound', async () => {
    const review = await reviewPatterns({ root });

    console.log(
      `ReDoS check: ${review.rows.length} patterns in ${review.files} files, ` +
        `${review.rows.filter((row) => row.allowed).length} allow-listed`,
    );
    expect(review.problems).toEqual([]);
    expect(review.rows.length).toBeGreaterThan(50);
  }, 240_000);

  it('states a bound and a reason for every allow-listed pattern', () => {
    for (const entry of readAllowList(root, 'scripts/redos/allowed.json')) {
      expect(entry.bound.length).toBeGreaterThan(20);
      expect(entry.why.length).toBeGreaterThan(20);
    }
  });

  it.each(
    Object.entries({
      ...formerVulnerablePatterns,
      subVariable: formerSubVariable,
      subPlaceholder: formerSubPlaceholder,
    }),
  )(
    'calls the former %s pattern vulnerable',
    async (_name, pattern) => {
      expect(await judge(pattern.source, pattern.flags)).toMatchObject({ status: 'vulnerable' });
    },
    120_000,
  );
});

describe('the pattern finder', () => {
  it(
    'finds every pattern built from literal text, and nothing in strings, templates, ' +
      'comments or divisions',
    () => {
      const found = findExpressions({ root, folders: [fixture] });

      expect(found.files).toEqual([`${fixture}/tricky.ts`]);
      expect(
        found.expressions.map(({ line, source, flags, origin }) => ({
          line,
          source,
          flags,
          origin,
        })),
      ).toEqual([
        { line: 10, source: '["\'`/]+', flags: 'g', origin: 'literal' },
        { line: 11, source: '[/]x', flags: '', origin: 'literal' },
        { line: 13, source: '^(a+)+$', flags: 'i', origin: 'constructor' },
        { line: 14, source: 'c[d]', flags: '', origin: 'constructor' },
        { line: 15, source: 'f+', flags: 'y', origin: 'constructor' },
        { line: 15, source: 'f+', flags: '', origin: 'literal' },
        { line: 18, source: 'e.f', flags: '', origin: 'string-method' },
        { line: 19, source: 'g-h', flags: '', origin: 'string-method' },
        { line: 20, source: '^(i|j)+$', flags: 'm', origin: 'constructor' },
      ]);
      expect(found.dynamic).toEqual([
        { file: `${fixture}/tricky.ts`, line: 17, pattern: 'new RegExp(`^${inString}$`)' },
        { file: `${fixture}/tricky.ts`, line: 22, pattern: "new RegExp('^k' + inString)" },
      ]);
    },
  );

  it('refuses to skip a file the compiler does not parse', () => {
    expect(() =>
      findExpressions({ root, folders: [fixture], project: `${fixture}/empty.tsconfig.json` }),
    ).toThrow(/not in the TypeScript project, so not parsed: test\/fixtures\/redos\/tricky\.ts/);
  });
});

describe('the review', () => {
  it('fails a vulnerable pattern, a stale allowance and a safe pattern on the allow-list; ' +
    'passes an allow-listed dynamic one with its Bounded comment', async () => {
    const review = await reviewPatterns({
      root,
      folders: [fixture],
      allowList: `${fixture}/allowed.json`,
    });

    expect(review.problems).toEqual([
      expect.stringMatching(
        /^test\/fixtures\/redos\/tricky\.ts:11 \/\[\/\]x\/ is safe: take it off the allow-list$/,
      ),
      expect.stringMatching(
        pattern(
          /^test\/fixtures\/redos\/tricky\.ts:13 \/\^\(a\+\)\+\$\/i is vulnerable \(exponential;/,
          / attack .*\): make it linear/,
        ),
      ),
      'the allow-list names /(gone)+/ in test/fixtures/redos/tricky.ts, which is not there',
    ]);
  }, 120_000);
});
