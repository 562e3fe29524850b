/**
 * Reading an answer the way CloudFormation does: the body must be JSON of at most 4096
 * bytes, name the same request, and carry a usable PhysicalResourceId; otherwise the resource
 * fails with CloudFormation's own message.
 */
import type { ReceivedPut } from '../../framework/testing/index.js';

/** An answer as CloudFormation understood it. */
type Verdict = {
  readonly result: 'SUCCESS' | 'FAILED' | 'INVALID';
  readonly physicalId: string | undefined;
  readonly reason: string | undefined;
  readonly data: Readonly<Record<string, string>>;
  readonly noEcho: boolean;
};

type Expected = {
  readonly stackId: string;
  readonly requestId: string;
  readonly logicalId: string;
};

function invalid(reason: string, physicalId?: string): Verdict {
  return { result: 'INVALID', physicalId, reason, data: {}, noEcho: false };
}

function stringData(value: unknown): Record<string, string> | undefined {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const entries = Object.entries(value);
  return entries.every(([, item]) => typeof item === 'string')
    ? Object.fromEntries(entries as [string, string][])
    : undefined;
}

/**
 * Judges one answer.
 * @example
 * const verdict = judgeAnswer(answer, { stackId, requestId, logicalId: 'Group' });
 */
function judgeAnswer(answer: ReceivedPut, expected: Expected): Verdict {
  if (answer.body.length > 4096) return invalid('Response object is too long.');
  let document: Record<string, unknown>;
  try {
    document = JSON.parse(answer.text) as Record<string, unknown>;
  } catch {
    return invalid('Invalid response object: the body is not JSON');
  }
  const physicalId =
    typeof document.PhysicalResourceId === 'string' ? document.PhysicalResourceId : undefined;
  if (physicalId === undefined || physicalId === '' || Buffer.byteLength(physicalId) > 1024)
    return invalid('Invalid PhysicalResourceId');
  if (
    document.RequestId !== expected.requestId ||
    document.StackId !== expected.stackId ||
    document.LogicalResourceId !== expected.logicalId
  ) {
    return invalid(
      'Invalid response object: StackId, RequestId or LogicalResourceId does not match the request',
      physicalId,
    );
  }
  const data = stringData(document.Data);
  if (data === undefined)
    return invalid('Invalid response object: Data must map names to strings', physicalId);
  const noEcho = document.NoEcho === true;
  if (document.Status === 'SUCCESS')
    return { result: 'SUCCESS', physicalId, reason: undefined, data, noEcho };
  if (document.Status === 'FAILED') {
    const reason =
      typeof document.Reason === 'string' && document.Reason !== ''
        ? document.Reason
        : 'See the details in CloudWatch Log Stream';
    return { result: 'FAILED', physicalId, reason, data: {}, noEcho };
  }
  return invalid(`Invalid response object: Status must be SUCCESS or FAILED`, physicalId);
}

export { judgeAnswer };
export type { Verdict };
