/**
 * Answers already given by this warm container, so a duplicate delivery (SNS delivers at least
 * once; Lambda may retry) repeats the same answer instead of doing the work again. The key
 * covers the whole request, because a retried deployment may reuse a RequestId with new properties,
 * and its ResponseURL: an answer (NoEcho Data included) is only ever repeated to the URL it was
 * given for, never copied to another URL a replayed request names.
 */
import { createHash } from 'node:crypto';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import type { Provenance } from './confirmation.js';

type Remembered = { readonly bytes: Buffer; readonly status: string; readonly physicalId: string; readonly action: string | undefined; readonly provenance: Provenance | undefined };

const capacity = 256;
const lifetimeMs = 2 * 60 * 60 * 1000;

/**
 * Identity of a request's content.
 * @internal
 */
function requestKey(request: CloudFormationCustomResourceEvent): string {
  const old = request.RequestType === 'Update' ? request.OldResourceProperties : null;
  const physical = request.RequestType === 'Create' ? null : request.PhysicalResourceId;
  return createHash('sha256')
    .update(JSON.stringify([request.ResponseURL, request.StackId, request.RequestId, request.LogicalResourceId, request.RequestType, physical, request.ResourceProperties, old]))
    .digest('hex');
}

/**
 * A small, bounded memory of answers.
 * @internal
 */
class AnswerMemory {
  #entries = new Map<string, { readonly at: number; readonly answer: Remembered }>();

  recall(key: string): Remembered | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (Date.now() - entry.at > lifetimeMs) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.answer;
  }

  remember(key: string, answer: Remembered): void {
    this.#entries.delete(key);
    this.#entries.set(key, { at: Date.now(), answer });
    if (this.#entries.size > capacity) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }
}

export { AnswerMemory, requestKey };
export type { Remembered };
