/**
 * Whether the answers one request received agree, as CloudFormation would take them.
 */
import { createHash } from 'node:crypto';
import type { ReceivedPut } from '../../framework/testing/index.js';

/**
 * True when every answer to one request tells CloudFormation the same thing: the same status and
 * physical id. A redelivery answered by the container that answered first repeats the very bytes;
 * one answered by another container, after CloudFormation already took the first answer, says
 * so without Data (it may be secret, and nothing proves the URL is CloudFormation's).
 * @example
 * consistentAnswers(endpoint.receivedFor(requestId)) // true
 */
function consistentAnswers(answers: readonly ReceivedPut[]): boolean {
  const told = (answer: ReceivedPut): string => {
    try {
      const { Status, PhysicalResourceId } = JSON.parse(answer.text) as {
        Status?: unknown;
        PhysicalResourceId?: unknown;
      };
      return JSON.stringify([Status, PhysicalResourceId]);
    } catch {
      return createHash('sha256').update(answer.body).digest('hex');
    }
  };
  return new Set(answers.map(told)).size <= 1;
}

export { consistentAnswers };
