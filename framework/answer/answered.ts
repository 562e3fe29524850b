/**
 * Answers already given by this warm container, so a duplicate delivery (SNS delivers at least
 * once; Lambda may retry) repeats the same answer instead of doing the work again. The key
 * covers the whole request, because a retried deployment may reuse a RequestId with new properties,
 * and its ResponseURL: an answer (NoEcho Data included) is only ever repeated to the URL it was
 * given for, never copied to another URL a replayed request names.
 */
import { createHash } from 'node:crypto';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import type { Provenance } from '../confirmation.js';
import { TtlCache } from '../ttl-cache.js';

type Remembered = {
  readonly bytes: Buffer;
  readonly status: string;
  readonly physicalId: string;
  readonly action: string | undefined;
  readonly provenance: Provenance | undefined;
};

/** The answers a container remembers. */
type AnswerMemory = TtlCache<Remembered>;

/**
 * Identity of a request's content.
 * @internal
 */
function requestKey(request: CloudFormationCustomResourceEvent): string {
  const old = request.RequestType === 'Update' ? request.OldResourceProperties : null;
  const physical = request.RequestType === 'Create' ? null : request.PhysicalResourceId;
  return createHash('sha256')
    .update(
      JSON.stringify([
        request.ResponseURL,
        request.StackId,
        request.RequestId,
        request.LogicalResourceId,
        request.RequestType,
        physical,
        request.ResourceProperties,
        old,
      ]),
    )
    .digest('hex');
}

/**
 * Answers this container gave, by request key: at most 256, each kept two hours.
 * @internal
 */
function answerMemory(): AnswerMemory {
  return new TtlCache<Remembered>(256, 2 * 60 * 60 * 1000);
}

export { answerMemory, requestKey };
export type { AnswerMemory, Remembered };
