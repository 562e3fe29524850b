/**
 * Drift detection for custom resources: what a type's `read` finds, what the stack expects, and
 * the verdict per resource, in the shape of CloudFormation's `DescribeStackResourceDrifts`.
 * Drift detection only reads: a `read` and every port behind it make Describe/Get/List calls only.
 * A sensitive property is compared like any other, but a difference names neither value.
 *
 * The public API's types (in `drift/types.ts`) are exported by `index.ts` too; the functions only
 * here, so that a bundle loads them (and the template evaluator) only where drift detection runs.
 */
export type * from './drift/types.js';
export { SensitiveMark, compareDrift, notChecked } from './drift/compare.js';
export type { CompareInput, DriftIdentity } from './drift/compare.js';
export { comparableValues, parsedExpected } from './drift/expected.js';
export * from './template/evaluate.js';
export * from './template/intrinsics.js';
export * from './template/sub-placeholders.js';
