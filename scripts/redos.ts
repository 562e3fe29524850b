/**
 * `npm run check:redos`: judges every regular expression in framework/, handlers/ and scripts/
 * with recheck, prints one line per pattern, and exits 1 when one is vulnerable (or cannot be
 * judged) and not on the allow-list, or the allow-list is stale. `npm test` runs the same review.
 */
import { fileURLToPath } from 'node:url';
import { reviewPatterns } from './redos/review.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const review = await reviewPatterns({ root });
for (const row of review.rows)
  console.log(
    `${row.allowed ? 'allowed ' : ''}${row.verdict.padEnd(24)} ${row.file}:${row.line} ` +
      `${row.pattern}`,
  );
console.log(
  `\n${review.rows.length} patterns in ${review.files} files; ${review.problems.length} problem(s)`,
);
for (const problem of review.problems) console.log(`PROBLEM ${problem}`);
process.exit(review.problems.length === 0 ? 0 : 1);
