/**
 * The drift verdict on one resource: the stack's expected values against what the type's `read`
 * found, on parsed values with the rules of replacement (`sameValue`: `"3"` in the template was
 * parsed to 3 before it gets here). A sensitive property is compared, and a difference names it
 * with `(sensitive)` for both values. Paths are JSON pointers, as CloudFormation writes them.
 */
import type { Expected, LiveState, PropertyDifference, ResourceDrift } from './types.js';
import { sameValue } from '../same-value.js';

/** Shown for both values of a sensitive property that differs. */
const SensitiveMark = '(sensitive)';

/** Who the resource is. */
type DriftIdentity = Pick<
  ResourceDrift,
  'stackId' | 'logicalResourceId' | 'physicalResourceId' | 'resourceType'
>;

/** What the comparison needs. */
type CompareInput = {
  readonly identity: DriftIdentity;
  /** Each declared property's expected (parsed) value, or why it cannot be compared. */
  readonly expected: Readonly<Record<string, Expected>>;
  readonly live: LiveState;
  /** The definition's sensitive properties. @default [] */
  readonly sensitive?: readonly string[] | undefined;
  /**
   * The tags the resource should carry (the author's, the stack's, ownership), when the type reads
   * tags.
   */
  readonly expectedTags?:
    | { readonly kind: 'value'; readonly value: Readonly<Record<string, string>> }
    | { readonly kind: 'not-comparable'; readonly why: string };
  /** Tag keys that are never extra (AWS's own `aws:` keys). @default none */
  readonly ignoredTag?: (key: string) => boolean;
  /** @default now */
  readonly checkedAt?: string | undefined;
};

/** One JSON pointer segment (`~` → `~0`, `/` → `~1`). */
function pointerSegment(text: string): string {
  return text.replaceAll('~', '~0').replaceAll('/', '~1');
}

/**
 * A value as CloudFormation's drift output shows it: strings as they are, anything else as JSON.
 */
function shown(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function difference(
  path: string,
  expected: unknown,
  actual: unknown,
  sensitive: boolean,
): PropertyDifference | undefined {
  if (sameValue(expected, actual)) return undefined;
  const differenceType =
    expected === undefined ? 'ADD' : actual === undefined ? 'REMOVE' : 'NOT_EQUAL';
  const mask = (value: unknown) =>
    value === undefined ? undefined : sensitive ? SensitiveMark : shown(value);
  return {
    propertyPath: path,
    expectedValue: mask(expected),
    actualValue: mask(actual),
    differenceType,
  };
}

function tagDifferences(
  expected: Readonly<Record<string, string>>,
  actual: Readonly<Record<string, string>>,
  ignored: (key: string) => boolean,
): PropertyDifference[] {
  const found: PropertyDifference[] = [];
  for (const [key, value] of Object.entries(expected)) {
    const one = difference(`/Tags/${pointerSegment(key)}`, value, actual[key], false);
    if (one !== undefined) found.push(one);
  }
  for (const [key, value] of Object.entries(actual)) {
    if (!(key in expected) && !ignored(key))
      found.push({
        propertyPath: `/Tags/${pointerSegment(key)}`,
        expectedValue: undefined,
        actualValue: value,
        differenceType: 'ADD',
      });
  }
  return found;
}

/**
 * The verdict: DELETED when the resource is gone, MODIFIED when anything comparable differs,
 * IN_SYNC otherwise. Properties the type does not observe are not compared; those whose expected
 * value cannot be known are listed in `notComparable`, never guessed.
 * @example
 * compareDrift({
 *   identity,
 *   expected: { Strategy: { kind: 'value', value: 'cluster' } },
 *   live: { kind: 'found', properties: { Strategy: 'spread' } },
 * })
 * // status MODIFIED, differences [{ propertyPath: '/Strategy', expectedValue: 'cluster',
 * //   actualValue: 'spread', differenceType: 'NOT_EQUAL' }]
 */
function compareDrift(input: CompareInput): ResourceDrift {
  const checkedAt = input.checkedAt ?? new Date().toISOString();
  const notComparable = Object.entries(input.expected).flatMap(([property, expected]) =>
    expected.kind === 'not-comparable' ? [{ property, why: expected.why }] : [],
  );
  if (input.live.kind === 'gone')
    return { ...input.identity, status: 'DELETED', differences: [], notComparable, checkedAt };
  const sensitive = new Set(input.sensitive ?? []);
  const differences: PropertyDifference[] = [];
  for (const [name, actual] of Object.entries(input.live.properties)) {
    const expected = input.expected[name];
    if (expected?.kind !== 'value') continue;
    const one = difference(`/${pointerSegment(name)}`, expected.value, actual, sensitive.has(name));
    if (one !== undefined) differences.push(one);
  }
  for (const [name, observed] of Object.entries(input.live.observations ?? {})) {
    if (input.expected[name]?.kind === 'not-comparable') continue;
    const one = difference(
      `/${pointerSegment(name)}`,
      observed.expected,
      observed.actual,
      sensitive.has(name),
    );
    if (one !== undefined) differences.push(one);
  }
  const tags = input.live.tags;
  if (tags !== undefined && input.expectedTags?.kind === 'value')
    differences.push(
      ...tagDifferences(input.expectedTags.value, tags, input.ignoredTag ?? (() => false)),
    );
  if (
    tags !== undefined &&
    input.expectedTags?.kind === 'not-comparable' &&
    !notComparable.some((item) => item.property === 'Tags')
  ) {
    notComparable.push({ property: 'Tags', why: input.expectedTags.why });
  }
  return {
    ...input.identity,
    status: differences.length > 0 ? 'MODIFIED' : 'IN_SYNC',
    differences,
    notComparable,
    checkedAt,
  };
}

/**
 * A resource that was not checked, and why.
 * @example
 * notChecked(identity, 'Custom::Thing has no read')
 */
function notChecked(
  identity: DriftIdentity,
  why: string,
  checkedAt: string = new Date().toISOString(),
): ResourceDrift {
  return { ...identity, status: 'NOT_CHECKED', differences: [], notComparable: [], why, checkedAt };
}

export { SensitiveMark, compareDrift, notChecked };
export type { CompareInput, DriftIdentity };
