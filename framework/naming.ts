/**
 * Deterministic names: the same stack, logical id and identifying properties always give the
 * same name, so a repeated Create finds what the first one made, a replacement (other
 * identifying properties) gets a new name, and a rollback to the old properties finds the old one.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from './same-value.js';

/**
 * The stack's name, read from a StackId ARN (`arn:aws:cloudformation:r:a:stack/NAME/uuid`).
 * @example
 * stackNameOf('arn:aws:cloudformation:us-east-1:123:stack/web/1a2b') // 'web'
 */
function stackNameOf(stackId: string): string {
  const match = /:stack\/([^/]+)\//.exec(stackId);
  return match?.[1] ?? stackId;
}

type NameParts = {
  readonly stackId: string;
  readonly logicalResourceId: string;
  /** The values that identify this incarnation (the replace-on properties). */
  readonly identity: unknown;
  /** Longest name the service accepts. */
  readonly maxLength: number;
  /** Characters the service refuses, replaced by '-'. @default /[^A-Za-z0-9-]/g */
  readonly disallowed?: RegExp | undefined;
};

/**
 * `<stack>-<logicalId>-<hash>`, shortened to fit; the hash covers the full StackId, the logical
 * id and the identity, so it stays unique even when the readable part is cut.
 * @example
 * deterministicName({
 *   stackId, logicalResourceId: 'Cluster', identity: { Strategy: 'cluster' }, maxLength: 255,
 * })
 */
function deterministicName(parts: NameParts): string {
  const hash = createHash('sha256')
    .update(`${parts.stackId}\n${parts.logicalResourceId}\n${canonicalJson(parts.identity)}`)
    .digest('hex')
    .slice(0, 10);
  const disallowed = parts.disallowed ?? /[^A-Za-z0-9-]/g;
  const readable = `${stackNameOf(parts.stackId)}-${parts.logicalResourceId}`.replace(
    disallowed,
    '-',
  );
  const room = Math.max(0, parts.maxLength - hash.length - 1);
  return `${readable.slice(0, room)}-${hash}`;
}

export { deterministicName, stackNameOf };
export type { NameParts };
