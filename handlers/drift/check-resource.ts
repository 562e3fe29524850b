/**
 * The drift check of one crkit resource: its expected properties (parsed with the type's schema),
 * the type's `read`, the expected tags (ownership, the author's, the stack's, merged as the
 * resource writes them) and the framework's comparison. A sensitive property's values are
 * registered with the logger before `read` runs, so no log line can carry them.
 */
import { awsErrorCode, sensitiveValues } from '../../framework/index.js';
import {
  comparableValues,
  compareDrift,
  notChecked,
  parsedExpected,
} from '../../framework/drift.js';
import type { LiveState, Logger, ResourceDefinition } from '../../framework/index.js';
import type { DriftIdentity, DriftStack, Expected, ResourceDrift } from '../../framework/drift.js';
import { mergeTags } from '../resources/ownership.js';
import type { Tag } from '../resources/ownership.js';

/** What checking one resource needs. */
type CheckResourceInput = {
  readonly identity: DriftIdentity;
  readonly definition: ResourceDefinition;
  /** The declared properties, evaluated against the stack. */
  readonly evaluated: Readonly<Record<string, Expected>>;
  readonly stack: DriftStack;
  readonly signal: AbortSignal;
  readonly log: Logger;
  readonly checkedAt: string;
};

function isTagList(value: unknown): value is Tag[] {
  return (
    Array.isArray(value) &&
    value.every(
      (tag) =>
        typeof tag === 'object' &&
        tag !== null &&
        typeof (tag as Tag).Key === 'string' &&
        typeof (tag as Tag).Value === 'string',
    )
  );
}

/** The tags the resource should carry, or why they cannot be known. */
function expectedTags(input: CheckResourceInput, expected: Readonly<Record<string, Expected>>) {
  const author = expected.Tags;
  if (author?.kind === 'not-comparable') return author;
  const authorTags = author !== undefined && isTagList(author.value) ? author.value : undefined;
  const { tags } = mergeTags({
    owner: input.identity,
    author: authorTags,
    stack: input.stack.tags,
  });
  return {
    kind: 'value' as const,
    value: Object.fromEntries(tags.map((tag) => [tag.Key, tag.Value])),
  };
}

/** AWS's own tag keys (`aws:…`) are never extra: AWS writes them, not a person. */
function isAwsTagKey(key: string): boolean {
  return key.toLowerCase().startsWith('aws:');
}

/**
 * Checks one resource; a `read` that fails makes it NOT_CHECKED, naming the error code only.
 * @example
 * const drift = await checkResource({
 *   identity, definition, evaluated, stack, signal, log, checkedAt,
 * });
 */
async function checkResource(input: CheckResourceInput): Promise<ResourceDrift> {
  const { identity, definition, checkedAt } = input;
  if (definition.read === undefined)
    return notChecked(identity, `${identity.resourceType} has no read`, checkedAt);
  const expected = parsedExpected(definition.properties, input.evaluated);
  const properties = comparableValues(expected);
  const sensitive = definition.sensitive ?? [];
  input.log.redactor.add(sensitiveValues(sensitive, properties));
  const request = {
    stackId: identity.stackId,
    stackName: input.stack.stackName,
    requestId: `drift-check-${checkedAt}`,
    logicalResourceId: identity.logicalResourceId,
    resourceType: identity.resourceType,
  };
  let live: LiveState;
  try {
    live = await definition.read({
      physicalId: identity.physicalResourceId,
      properties,
      signal: input.signal,
      log: input.log,
      request,
    });
  } catch (error) {
    const code = awsErrorCode(error) ?? (error instanceof Error ? error.name : typeof error);
    input.log.warn('the drift read failed', {
      error: error instanceof Error ? error : String(error),
    });
    return notChecked(identity, `the read failed (${code})`, checkedAt);
  }
  return compareDrift({
    identity,
    expected,
    live,
    sensitive,
    expectedTags: expectedTags(input, expected),
    ignoredTag: isAwsTagKey,
    checkedAt,
  });
}

export { checkResource };
export type { CheckResourceInput };
