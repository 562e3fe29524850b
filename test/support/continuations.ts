/**
 * Continuation messages for tests: one step of a long operation in crkit's format, for a given
 * request, with fields overridden as a test needs.
 */
import { ContinuationFormat } from '../../framework/long-operations/continuation.js';
import type { ContinuationMessage } from '../../framework/long-operations/continuation.js';

/**
 * Step 1 of a create waiting for `physicalId`, begun a second ago and good for ten minutes.
 * @example
 * const message = continuationMessage(request, 'slow-1', { state: { looks: 5 } });
 */
function continuationMessage(
  request: Record<string, unknown>,
  physicalId: string,
  overrides: Partial<ContinuationMessage> = {},
): ContinuationMessage {
  return {
    format: ContinuationFormat,
    request: request as unknown as ContinuationMessage['request'],
    action: 'create',
    replacing: false,
    startedAt: Date.now() - 1000,
    expiresAt: Date.now() + 600_000,
    step: 1,
    chain: '6c1f0a9e-1d2b-4c3d-8e4f-5a6b7c8d9e0f',
    waitingFor: `${physicalId} to become available`,
    state: { id: physicalId, looks: 1 },
    physicalId,
    ...overrides,
  };
}

export { continuationMessage };
