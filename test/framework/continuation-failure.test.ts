import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { encodeContinuation } from '../../framework/long-operations/continuation.js';
import { createHandler, defineResource, inProgress, succeeded } from '../../framework/index.js';
import type { ContinuationPort } from '../../framework/index.js';
import { lambdaContext, startResponseServer } from '../../framework/testing/index.js';
import type { ResponseServer } from '../../framework/testing/index.js';
import { continuationMessage } from '../support/continuations.js';
import { requestOf } from '../support/events.js';
import { captureLogs } from '../support/logs.js';
import type { LogCapture } from '../support/logs.js';

const queueArn = 'arn:aws:sqs:us-east-1:123456789012:crkit-continuations';
const key = randomBytes(32);
const port: ContinuationPort = { queueArn, key: async () => key, handOver: async () => undefined };

let deleted: string[];

/**
 * A replacement that waits for its new thing, then breaks its own contract (a delay that is not a
 * number).
 */
const swap = defineResource({
  type: 'Custom::Swap',
  properties: z.strictObject({ Value: z.string() }),
  replaceOn: ['Value'],
  iamStatements: [],
  create: async () =>
    inProgress({ waitingFor: 'new-1', state: { id: 'new-1' }, physicalId: 'new-1' }),
  update: async ({ physicalId }) => succeeded(physicalId),
  delete: async ({ physicalId }) => {
    deleted.push(physicalId);
    return succeeded(physicalId);
  },
  resume: async () =>
    inProgress({
      waitingFor: 'new-1',
      state: { id: 'new-1' },
      delaySeconds: Number.NaN,
      physicalId: 'new-1',
    }),
});

let server: ResponseServer;
let logs: LogCapture;

beforeEach(async () => {
  server = await startResponseServer();
  logs = captureLogs();
  deleted = [];
});
afterEach(async () => {
  await server.close();
});

describe('a continuation step that fails', () => {
  it(
    'takes the same failure path as the first invocation: a replacement it made is ' +
      'deleted, the Update keeps its id',
    async () => {
      const handler = createHandler({
        resources: [swap],
        continuation: port,
        logSink: logs.sink,
        responseOrigins: [server.origin],
      });
      const update = requestOf(
        'update',
        {
          ResourceType: 'Custom::Swap',
          PhysicalResourceId: 'old-1',
          ResourceProperties: {
            ServiceToken: 'arn:aws:sns:us-east-1:123456789012:crkit',
            Value: 'b',
          },
          OldResourceProperties: {
            ServiceToken: 'arn:aws:sns:us-east-1:123456789012:crkit',
            Value: 'a',
          },
        },
        server.origin,
      );
      const body = encodeContinuation(
        continuationMessage(update, 'new-1', { action: 'update', replacing: true }),
        key,
      );

      await handler(
        { Records: [{ messageId: 'm1', body, eventSource: 'aws:sqs', eventSourceARN: queueArn }] },
        lambdaContext({ remainingMs: 5000 }),
      );

      expect(deleted).toEqual(['new-1']);
      expect(server.bodies()).toMatchObject([{ Status: 'FAILED', PhysicalResourceId: 'old-1' }]);
      expect(server.bodies()[0]?.Reason).toContain(
        'crkit deleted the partly made replacement new-1',
      );
    },
  );
});
