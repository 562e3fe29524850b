/**
 * The ReDoS review: every pattern built in the given folders is judged by recheck, and the review
 * fails on one that is vulnerable or cannot be judged, unless the allow-list names it. The
 * allow-list (scripts/redos/allowed.json) holds patterns that are safe only because what reaches
 * them is bounded, each with its bound and why; a `Bounded:` comment must say so next to the
 * pattern in its file. A RegExp built from non-literal text cannot be judged, so it too must be on
 * the allow-list. An entry that names nothing, or a pattern recheck calls safe, is stale.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { findExpressions } from './find.js';
import type { FoundExpression } from './find.js';
import { judge } from './judge.js';
import type { Verdict } from './judge.js';

/** The folders whose patterns crkit answers for: the bundle's and its tools'. */
const ReviewedFolders = ['framework', 'handlers', 'scripts'] as const;

/** Where the allow-list lives, from the repository root. */
const AllowListPath = 'scripts/redos/allowed.json';

/** How far above a pattern its `Bounded:` comment may start, in lines. */
const boundCommentReach = 3;

const allowListSchema = z.array(
  z.strictObject({
    file: z.string().check(z.minLength(1)),
    /** `/source/flags` for a literal pattern; the construction as written for a dynamic one. */
    pattern: z.string().check(z.minLength(1)),
    bound: z.string().check(z.minLength(1)),
    why: z.string().check(z.minLength(1)),
  }),
);

/** One entry of the allow-list. */
type Allowance = z.output<typeof allowListSchema>[number];

/** One reviewed pattern, for the table. */
type ReviewRow = {
  readonly file: string;
  readonly line: number;
  readonly pattern: string;
  readonly verdict: string;
  readonly allowed: boolean;
};

type Review = {
  readonly files: number;
  readonly rows: readonly ReviewRow[];
  readonly problems: readonly string[];
};

type ReviewOptions = {
  readonly root: string;
  /** @default ReviewedFolders */
  readonly folders?: readonly string[];
  /** @default AllowListPath */
  readonly allowList?: string;
};

/**
 * Reads and checks the allow-list.
 * @example
 * const entries = readAllowList(process.cwd(), 'scripts/redos/allowed.json');
 */
function readAllowList(root: string, path: string): Allowance[] {
  const parsed = z.safeParse(allowListSchema, JSON.parse(readFileSync(join(root, path), 'utf8')));
  if (!parsed.success)
    throw new Error(
      `${path} is not a list of { file, pattern, bound, why }: ` +
        parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; '),
    );
  return parsed.data;
}

/** True when a `Bounded:` comment sits on the pattern's line or just above it. */
function hasBoundComment(root: string, file: string, line: number): boolean {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  return lines
    .slice(Math.max(0, line - 1 - boundCommentReach), line)
    .some((text) => /\/\/ Bounded: |\* Bounded: /.test(text));
}

function describeVerdict(verdict: Verdict): string {
  return verdict.attack === undefined
    ? `${verdict.status} (${verdict.complexity})`
    : `${verdict.status} (${verdict.complexity}; attack ${verdict.attack})`;
}

/** Judges each distinct pattern once. */
async function judgeAll(expressions: readonly FoundExpression[]): Promise<Map<string, Verdict>> {
  const verdicts = new Map<string, Verdict>();
  for (const expression of expressions) {
    if (!verdicts.has(expression.pattern))
      verdicts.set(expression.pattern, await judge(expression.source, expression.flags));
  }
  return verdicts;
}

/**
 * Reviews every pattern under the folders against recheck and the allow-list.
 * @example
 * const { problems } = await reviewPatterns({ root: process.cwd() });
 */
async function reviewPatterns(options: ReviewOptions): Promise<Review> {
  const { root } = options;
  const found = findExpressions({ root, folders: options.folders ?? ReviewedFolders });
  const allowances = readAllowList(root, options.allowList ?? AllowListPath);
  const used = new Set<Allowance>();
  // The construction is matched as written but for its layout (line breaks, trailing commas),
  // so the formatter may wrap it.
  const layoutFree = (text: string) => text.replace(/\s+/g, '').replaceAll(',)', ')');
  const allowanceFor = (file: string, pattern: string): Allowance | undefined => {
    const allowance = allowances.find(
      (entry) => entry.file === file && layoutFree(entry.pattern) === layoutFree(pattern),
    );
    if (allowance !== undefined) used.add(allowance);
    return allowance;
  };
  const verdicts = await judgeAll(found.expressions);
  const rows: ReviewRow[] = [];
  const problems: string[] = [];
  const place = (item: { file: string; line: number }) => `${item.file}:${item.line}`;
  for (const expression of found.expressions) {
    const verdict = verdicts.get(expression.pattern) as Verdict;
    const allowance = allowanceFor(expression.file, expression.pattern);
    rows.push({
      file: expression.file,
      line: expression.line,
      pattern: expression.pattern,
      verdict: describeVerdict(verdict),
      allowed: allowance !== undefined,
    });
    if (verdict.status === 'safe' && allowance !== undefined)
      problems.push(
        `${place(expression)} ${expression.pattern} is safe: take it off the allow-list`,
      );
    if (verdict.status !== 'safe' && allowance === undefined)
      problems.push(
        `${place(expression)} ${expression.pattern} is ${describeVerdict(verdict)}: make ` +
          `it linear, or bound its input and allow-list it`,
      );
    if (
      verdict.status !== 'safe' &&
      allowance !== undefined &&
      !hasBoundComment(root, expression.file, expression.line)
    )
      problems.push(
        `${place(expression)} is allow-listed but has no "Bounded:" comment next to it`,
      );
  }
  for (const dynamic of found.dynamic) {
    const allowance = allowanceFor(dynamic.file, dynamic.pattern);
    rows.push({
      file: dynamic.file,
      line: dynamic.line,
      pattern: dynamic.pattern,
      verdict: 'dynamic (cannot be judged)',
      allowed: allowance !== undefined,
    });
    if (allowance === undefined)
      problems.push(
        `${place(dynamic)} builds a RegExp from non-literal text (${dynamic.pattern}): ` +
          `build it from a literal, or bound its input and allow-list it`,
      );
    else if (!hasBoundComment(root, dynamic.file, dynamic.line))
      problems.push(`${place(dynamic)} is allow-listed but has no "Bounded:" comment next to it`);
  }
  for (const allowance of allowances) {
    if (!used.has(allowance))
      problems.push(
        `the allow-list names ${allowance.pattern} in ${allowance.file}, which is not there`,
      );
  }
  return { files: found.files.length, rows, problems };
}

export { AllowListPath, ReviewedFolders, readAllowList, reviewPatterns };
export type { Allowance, Review, ReviewOptions, ReviewRow };
