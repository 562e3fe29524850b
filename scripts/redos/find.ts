/**
 * Finds every regular expression a source folder builds from literal text, with TypeScript's own
 * parser (the `typescript` package's API, which runs the compiler the type check runs): `/…/flags`
 * literals; `new RegExp('…', 'flags')` and `RegExp('…')` whose arguments are plain literals, or
 * literals joined with `+` (a long pattern kept within the line length); and
 * `.match('…')`, `.matchAll('…')` and `.search('…')`, which turn a string into a pattern. A
 * RegExp built from anything else (a template with substitutions, a variable) is reported as
 * dynamic: its pattern cannot be known here. Text that only looks like a pattern (in a string, a
 * template or a comment) is never reported, and a division is never mistaken for one.
 */
import { readdirSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { API } from 'typescript/unstable/sync';
import {
  isBinaryExpression,
  isCallExpression,
  isIdentifier,
  isNewExpression,
  isNoSubstitutionTemplateLiteral,
  isPlusToken,
  isPropertyAccessExpression,
  isRegularExpressionLiteral,
  isStringLiteral,
} from 'typescript/unstable/ast/is';
import type { Expression, Node, SourceFile } from 'typescript/unstable/ast';

/** How the source builds a pattern. */
type Origin = 'literal' | 'constructor' | 'string-method';

/** A pattern known from the source text alone. */
type FoundExpression = {
  /** Path from the root, with `/`. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  readonly source: string;
  readonly flags: string;
  readonly origin: Origin;
  /** As the allow-list names it: `/source/flags`. */
  readonly pattern: string;
};

/** A RegExp built from something other than literal text. */
type DynamicExpression = {
  readonly file: string;
  readonly line: number;
  /** The construction as written, as the allow-list names it. */
  readonly pattern: string;
};

type Found = {
  readonly files: readonly string[];
  readonly expressions: readonly FoundExpression[];
  readonly dynamic: readonly DynamicExpression[];
};

/** Files the finder reads: every script or module the compiler could meet. */
const sourceFile = /\.[cm]?[jt]sx?$/;

/** String methods that compile a string argument into a pattern, with the flags they add. */
const compilingMethods: Readonly<Record<string, string>> = { match: '', matchAll: 'g', search: '' };

function filesUnder(root: string, folder: string): string[] {
  const entries = readdirSync(join(root, folder), { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && sourceFile.test(entry.name))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

/**
 * The text of a string literal, a template without substitutions, or such literals joined with
 * `+`; else undefined.
 */
function literalText(node: Expression | undefined): string | undefined {
  if (node === undefined) return undefined;
  if (isStringLiteral(node) || isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (!isBinaryExpression(node) || !isPlusToken(node.operatorToken)) return undefined;
  const [left, right] = [literalText(node.left), literalText(node.right)];
  return left === undefined || right === undefined ? undefined : left + right;
}

/** `/source/flags` split at its last slash. */
function splitLiteral(text: string): { source: string; flags: string } {
  const end = text.lastIndexOf('/');
  return { source: text.slice(1, end), flags: text.slice(end + 1) };
}

type Findings = { readonly expressions: FoundExpression[]; readonly dynamic: DynamicExpression[] };

/** Reports each pattern the node builds, then looks inside it. */
function visit(node: Node, file: SourceFile, path: string, found: Findings): void {
  const line = () => file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
  const add = (source: string, flags: string, origin: Origin) =>
    found.expressions.push({
      file: path,
      line: line(),
      source,
      flags,
      origin,
      pattern: `/${source}/${flags}`,
    });
  if (isRegularExpressionLiteral(node)) {
    const { source, flags } = splitLiteral(node.text);
    add(source, flags, 'literal');
  } else if (
    (isNewExpression(node) || isCallExpression(node)) &&
    isIdentifier(node.expression) &&
    node.expression.text === 'RegExp'
  ) {
    const [first, second] = node.arguments ?? [];
    const flags = second === undefined ? '' : literalText(second);
    if (first !== undefined && isRegularExpressionLiteral(first) && flags !== undefined) {
      // The literal is found on its own; only new flags make another pattern.
      if (second !== undefined) add(splitLiteral(first.text).source, flags, 'constructor');
    } else {
      const source = literalText(first);
      if (source !== undefined && flags !== undefined) add(source, flags, 'constructor');
      else found.dynamic.push({ file: path, line: line(), pattern: node.getText(file) });
    }
  } else if (
    isCallExpression(node) &&
    isPropertyAccessExpression(node.expression) &&
    Object.hasOwn(compilingMethods, node.expression.name.text)
  ) {
    const source = literalText(node.arguments[0]);
    if (source !== undefined)
      add(source, compilingMethods[node.expression.name.text] ?? '', 'string-method');
  }
  node.forEachChild((child) => visit(child, file, path, found));
}

/**
 * Every pattern in the source files under `folders` (relative to `root`, whose tsconfig.json must
 * include them all: a file the compiler does not parse is an error, never a silent skip).
 * @example
 * const { expressions, dynamic } = findExpressions({
 *   root: process.cwd(), folders: ['framework'] });
 */
function findExpressions(options: {
  readonly root: string;
  readonly folders: readonly string[];
  readonly project?: string;
}): Found {
  const root = resolve(options.root);
  const files = options.folders.flatMap((folder) => filesUnder(root, folder));
  const api = new API({ cwd: root });
  try {
    const snapshot = api.updateSnapshot({
      openProjects: [join(root, options.project ?? 'tsconfig.json')],
    });
    const [project] = snapshot.getProjects();
    if (project === undefined)
      throw new Error(`no TypeScript project at ${options.project ?? 'tsconfig.json'}`);
    const found: Findings = { expressions: [], dynamic: [] };
    const unparsed: string[] = [];
    for (const path of files) {
      const file = project.program.getSourceFile(join(root, path));
      if (file === undefined) unparsed.push(path);
      else visit(file, file, path, found);
    }
    if (unparsed.length > 0)
      throw new Error(`not in the TypeScript project, so not parsed: ${unparsed.join(', ')}`);
    return { files, ...found };
  } finally {
    api.close();
  }
}

export { findExpressions };
export type { DynamicExpression, Found, FoundExpression, Origin };
