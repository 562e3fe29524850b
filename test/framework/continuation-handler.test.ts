import { randomBytes, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeContinuation } from '../../framework/long-operations/continuation.js';
import type { ContinuationMessage } from '../../framework/long-operations/continuation.js';
import { continuationMessage } from '../support/continuations.js';
import * as z from 'zod/mini';
import { createHandler, defineResource, inProgress, succeeded } from '../../framework/index.js';
import type { ContinuationPort, Outcome } from '../../framework/index.js';
import { lambdaContext, startResponseServer } from '../../framework/testing/index.js';
import type { ResponseServer } from '../../framework/testing/index.js';
import { requestOf } from '../support/events.js';
import { captureLogs } from '../support/logs.js';
import type { LogCapture } from '../support/logs.js';
import { pattern } from '../support/pattern.js';

/** A resource that is ready after `readyAfter` looks; every call is traced. */
const world = {
  readyAfter: 2,
  looks: 0,
  trace: [] as string[],
  state: {} as Record<string, unknown>,
};

const waiting = (looks: number): Outcome =>
  inProgress({
    waitingFor: 'thing slow-1 to be ready',
    state: { id: 'slow-1', looks, ...world.state } as never,
    delaySeconds: 10,
    physicalId: 'slow-1',
  });

const slow = defineResource({
  type: 'Custom::Slow',
  properties: z.strictObject({ Value: z.string(), Secret: z.optional(z.string()) }),
  replaceOn: [],
  sensitive: ['Secret'],
  iamStatements: [],
  create: async () => {
    world.trace.push('create');
    return waiting(0);
  },
  update: async ({ physicalId }) => succeeded(physicalId),
  delete: async ({ physicalId }) => succeeded(physicalId),
  resume: async ({ state, action }) => {
    world.trace.push(`resume:${action}`);
    world.looks += 1;
    return world.looks >= world.readyAfter
      ? succeeded('slow-1', { Looks: world.looks })
      : waiting(Number(state.looks) + 1);
  },
});

type Sent = { body: string; delaySeconds: number };

let server: ResponseServer;
let logs: LogCapture;
let sent: Sent[];
let portFails: boolean;

const queueArn = 'arn:aws:sqs:us-east-1:123456789012:crkit-continuations';
const key = randomBytes(32);
let keyReads: number;
let keyFails: boolean;

const port: ContinuationPort = {
  queueArn,
  key: async () => {
    keyReads += 1;
    if (keyFails)
      throw Object.assign(new Error('Secrets Manager unavailable'), {
        name: 'InternalServiceError',
        $metadata: { httpStatusCode: 500 },
      });
    return key;
  },
  handOver: async (message) => {
    if (portFails)
      throw Object.assign(new Error('queue unreachable'), {
        name: 'AWS.SimpleQueueService.NonExistentQueue',
        $metadata: { httpStatusCode: 400 },
      });
    sent.push(message);
  },
};

/** The message a queue body carries, read without checking its signature. */
const payloadOf = (body: string | undefined): Record<string, unknown> =>
  JSON.parse((JSON.parse(body ?? '{}') as { payload: string }).payload) as Record<string, unknown>;

const makeHandler = (continuation: ContinuationPort | 'none' = port) =>
  createHandler({
    resources: [slow],
    continuation: continuation === 'none' ? undefined : continuation,
    logSink: logs.sink,
    responseOrigins: [server.origin],
  });

const create = (properties: Record<string, unknown> = {}) =>
  requestOf(
    'create',
    {
      ResourceType: 'Custom::Slow',
      ResourceProperties: {
        ServiceToken: 'arn:aws:sns:us-east-1:123456789012:crkit',
        ServiceTimeout: '600',
        Value: 'v',
        ...properties,
      },
    },
    server.origin,
  );

const sqsEvent = (...messages: { id: string; body: string; source?: string }[]) => ({
  Records: messages.map(({ id, body, source }) => ({
    messageId: id,
    body,
    eventSource: 'aws:sqs',
    eventSourceARN: source ?? queueArn,
  })),
});

beforeEach(async () => {
  server = await startResponseServer();
  logs = captureLogs();
  sent = [];
  portFails = false;
  keyFails = false;
  keyReads = 0;
  Object.assign(world, { readyAfter: 2, looks: 0, trace: [], state: {} });
});
afterEach(async () => {
  await server.close();
});

describe('long operations through the continuation queue', () => {
  it('hands the step to the queue when the invocation lacks time, not answering yet', async () => {
    const handler = makeHandler();

    const result = await handler(create(), lambdaContext({ remainingMs: 2000 }));

    expect(result).toBeUndefined();
    expect(server.received).toHaveLength(0);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.delaySeconds).toBe(10);
    expect(payloadOf(sent[0]?.body)).toMatchObject({
      format: 'crkit.continuation.v2',
      action: 'create',
      step: 1,
      physicalId: 'slow-1',
      state: { id: 'slow-1', looks: 0 },
    });
    expect(logs.records('crkit.handover')).toMatchObject([
      { step: 1, delaySeconds: 10, physicalId: 'slow-1' },
    ]);
  });

  it('resumes from the delivered message and answers exactly one SUCCESS', async () => {
    const handler = makeHandler();
    await handler(create(), lambdaContext({ remainingMs: 2000 }));
    await handler(
      sqsEvent({ id: 'm1', body: sent[0]?.body ?? '' }),
      lambdaContext({ remainingMs: 2000 }),
    );

    const result = await handler(
      sqsEvent({ id: 'm2', body: sent[1]?.body ?? '' }),
      lambdaContext({ remainingMs: 2000 }),
    );

    expect(result).toEqual({ batchItemFailures: [] });
    expect(world.trace).toEqual(['create', 'resume:create', 'resume:create']);
    expect(server.bodies()).toMatchObject([
      { Status: 'SUCCESS', PhysicalResourceId: 'slow-1', Data: { Looks: '2' } },
    ]);
    expect(logs.records('crkit.signal')).toMatchObject([
      { via: 'sqs', status: 'SUCCESS', action: 'create' },
    ]);
  });

  it('never writes the request, its ResponseURL query or the message body to the log', async () => {
    const handler = makeHandler();
    const event = create();
    await handler(event, lambdaContext({ remainingMs: 2000 }));
    await handler(
      sqsEvent({ id: 'm1', body: sent[0]?.body ?? '' }),
      lambdaContext({ remainingMs: 2000 }),
    );

    const output = logs.lines.join('\n');

    expect(output).not.toContain('X-Amz-Signature');
    expect(output).not.toContain(new URL(event.ResponseURL).search);
    expect(output).not.toContain(sent[0]?.body.slice(0, 60));
  });

  it('waits inline when the invocation has time for the delay', async () => {
    world.readyAfter = 1;
    const quick = defineResource({
      ...slow,
      create: async () =>
        inProgress({
          waitingFor: 'thing',
          state: { looks: 0 },
          delaySeconds: 0,
          physicalId: 'slow-1',
        }),
    });
    const handler = createHandler({
      resources: [quick],
      continuation: port,
      logSink: logs.sink,
      responseOrigins: [server.origin],
    });

    await handler(create(), lambdaContext({ remainingMs: 10_000 }));

    expect(sent).toHaveLength(0);
    expect(server.bodies()).toMatchObject([{ Status: 'SUCCESS', PhysicalResourceId: 'slow-1' }]);
  });

  it('ignores a redelivered step: no second answer or resume, nothing to retry', async () => {
    world.readyAfter = 1;
    const handler = makeHandler();
    await handler(create(), lambdaContext({ remainingMs: 2000 }));
    const body = sent[0]?.body ?? '';
    await handler(sqsEvent({ id: 'm1', body }), lambdaContext({ remainingMs: 2000 }));

    const again = await handler(sqsEvent({ id: 'm1', body }), lambdaContext({ remainingMs: 2000 }));
    const copy = await handler(
      sqsEvent({ id: 'm1-copy', body }),
      lambdaContext({ remainingMs: 2000 }),
    );

    expect(again).toEqual({ batchItemFailures: [] });
    expect(copy).toEqual({ batchItemFailures: [] });
    expect(world.trace).toEqual(['create', 'resume:create']);
    expect(server.received).toHaveLength(1);
    expect(logs.records('crkit.duplicate')).toHaveLength(2);
  });

  it(
    'gives a duplicate delivery that handed over again the same answer, resuming the work ' +
      'once',
    async () => {
      world.readyAfter = 1;
      const handler = makeHandler();
      const request = create();
      await handler(request, lambdaContext({ remainingMs: 2000 }));
      await handler(request, lambdaContext({ remainingMs: 2000 }));
      const [first, second] = sent.map((message) => message.body);

      await handler(
        sqsEvent({ id: 'm1', body: first ?? '' }),
        lambdaContext({ remainingMs: 2000 }),
      );
      await handler(
        sqsEvent({ id: 'm2', body: second ?? '' }),
        lambdaContext({ remainingMs: 2000 }),
      );

      expect(payloadOf(first).chain).not.toBe(payloadOf(second).chain);
      expect(world.trace).toEqual(['create', 'create', 'resume:create']);
      expect(server.received).toHaveLength(2);
      expect(server.received[1]?.body.equals(server.received[0]?.body ?? Buffer.alloc(0))).toBe(
        true,
      );
      expect(logs.records('crkit.signal').map((record) => record.duplicate)).toEqual([false, true]);
    },
  );

  it('ignores a redelivered earlier step once a later one is under way', async () => {
    const handler = makeHandler();
    await handler(create(), lambdaContext({ remainingMs: 2000 }));
    await handler(
      sqsEvent({ id: 'm1', body: sent[0]?.body ?? '' }),
      lambdaContext({ remainingMs: 2000 }),
    );

    await handler(
      sqsEvent({ id: 'm1', body: sent[0]?.body ?? '' }),
      lambdaContext({ remainingMs: 2000 }),
    );

    expect(sent).toHaveLength(2);
    expect(world.trace).toEqual(['create', 'resume:create']);
    expect(server.received).toHaveLength(0);
  });

  it(
    'answers FAILED, resuming nothing and handing nothing over, when inProgress gives a ' +
      'delay that is not a number',
    async () => {
      const broken = defineResource({
        ...slow,
        create: async () =>
          inProgress({
            waitingFor: 'thing',
            state: { looks: 0 },
            delaySeconds: Number('soon'),
            physicalId: 'slow-1',
          }),
      });
      const handler = createHandler({
        resources: [broken],
        continuation: port,
        logSink: logs.sink,
        responseOrigins: [server.origin],
      });

      await handler(create(), lambdaContext({ remainingMs: 10_000 }));

      expect(sent).toHaveLength(0);
      expect(world.trace).toEqual([]);
      expect(server.bodies()).toMatchObject([{ Status: 'FAILED', PhysicalResourceId: 'slow-1' }]);
      expect(server.bodies()[0]?.Reason).toMatch(/delaySeconds that is not a finite number/);
    },
  );

  it('hands the step over rather than failing when time runs out in an inline look', async () => {
    const stuck = defineResource({
      ...slow,
      create: async () =>
        inProgress({
          waitingFor: 'thing slow-1 to be ready',
          state: { looks: 0 },
          delaySeconds: 0,
          physicalId: 'slow-1',
        }),
      resume: async () => {
        world.trace.push('resume:stuck');
        return new Promise<Outcome>(() => undefined);
      },
    });
    const handler = createHandler({
      resources: [stuck],
      continuation: port,
      logSink: logs.sink,
      responseOrigins: [server.origin],
    });

    await handler(create(), lambdaContext({ remainingMs: 4000 }));

    expect(world.trace).toEqual(['resume:stuck']);
    expect(server.received).toHaveLength(0);
    expect(sent).toHaveLength(1);
    expect(payloadOf(sent[0]?.body)).toMatchObject({
      step: 1,
      physicalId: 'slow-1',
      state: { looks: 0 },
    });
  });

  it('answers FAILED "still waiting" when no continuation queue is configured', async () => {
    const handler = makeHandler('none');

    await handler(create(), lambdaContext({ remainingMs: 2000 }));

    expect(server.bodies()).toMatchObject([{ Status: 'FAILED', PhysicalResourceId: 'slow-1' }]);
    expect(server.bodies()[0]?.Reason).toMatch(
      pattern(
        /^still waiting for thing slow-1 to be ready after \d+ s, and no continuation queue is/,
        / configured$/,
      ),
    );
  });

  it('answers FAILED "still waiting" when the ServiceTimeout leaves no room to wait', async () => {
    const handler = makeHandler();

    await handler(create({ ServiceTimeout: '6' }), lambdaContext({ remainingMs: 2000 }));

    expect(sent).toHaveLength(0);
    expect(server.bodies()[0]?.Reason).toMatch(
      pattern(
        /^still waiting for thing slow-1 to be ready after \d+ s; the resource's ServiceTimeout/,
        / \(6 s\) leaves no time to wait longer$/,
      ),
    );
  });

  it('shortens the queue delay so the next step still fits the ServiceTimeout', async () => {
    const handler = makeHandler();

    await handler(create({ ServiceTimeout: '12' }), lambdaContext({ remainingMs: 2000 }));

    // The budget ends at 10 s (12 s less a 2 s margin); the next step needs 5 s of it.
    expect(sent).toHaveLength(1);
    expect(sent[0]?.delaySeconds).toBeGreaterThanOrEqual(4);
    expect(sent[0]?.delaySeconds).toBeLessThanOrEqual(5);
  });

  it(
    'looks at once when a step arrives, then hands over after about a tenth of the time ' +
      'waited (1–60 s) when the resource asks for no delay',
    async () => {
      const unhurried = defineResource({
        ...slow,
        resume: async ({ state }) => {
          world.trace.push('resume');
          return inProgress({
            waitingFor: 'thing slow-1 to be ready',
            state,
            physicalId: 'slow-1',
          });
        },
      });
      const handler = createHandler({
        resources: [unhurried],
        continuation: port,
        logSink: logs.sink,
        responseOrigins: [server.origin],
      });
      const request = create({ ServiceTimeout: '3600' });

      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: 3_000_000 }), async (waitedMs) => {
          const [before, tracedBefore] = [sent.length, world.trace.length];
          const message = continuationMessage(request, 'slow-1', {
            startedAt: Date.now() - waitedMs,
            expiresAt: Date.now() + 600_000,
            chain: randomUUID(),
          });

          await handler(
            sqsEvent({ id: randomUUID(), body: encodeContinuation(message, key) }),
            lambdaContext({ remainingMs: 2000 }),
          );

          const delay = sent[before]?.delaySeconds ?? Number.NaN;
          expect(world.trace.length - tracedBefore).toBe(1);
          expect(delay).toBeGreaterThanOrEqual(1);
          expect(delay).toBeLessThanOrEqual(60);
          // Whole seconds, rounded down from a tenth of the time waited (a look may take a moment).
          expect(delay).toBeLessThanOrEqual(Math.max(1, Math.ceil(waitedMs / 10_000) + 1));
          expect(delay).toBeGreaterThanOrEqual(Math.min(60, Math.floor(waitedMs / 10_000)));
        }),
        { numRuns: 25 },
      );
      expect(server.received).toHaveLength(0);
    },
  );

  it('answers FAILED with the physical id when the hand-over fails', async () => {
    portFails = true;
    const handler = makeHandler();

    await handler(create(), lambdaContext({ remainingMs: 2000 }));

    expect(server.bodies()).toMatchObject([{ Status: 'FAILED', PhysicalResourceId: 'slow-1' }]);
    expect(server.bodies()[0]?.Reason).toMatch(
      pattern(
        /still waiting for thing slow-1 to be ready after \d+ s, and handing the wait to the/,
        / continuation queue failed: .*NonExistentQueue/,
      ),
    );
  });

  it('refuses continuation state that carries a sensitive property value', async () => {
    world.state = { leaked: 'hunter2-secret' };
    const handler = makeHandler();

    await handler(create({ Secret: 'hunter2-secret' }), lambdaContext({ remainingMs: 2000 }));

    expect(sent).toHaveLength(0);
    expect(server.bodies()).toMatchObject([{ Status: 'FAILED', PhysicalResourceId: 'slow-1' }]);
    expect(server.bodies()[0]?.Reason).toMatch(
      /unusable continuation state: the state carries a sensitive value/,
    );
    expect(logs.lines.join('\n')).not.toContain('hunter2-secret');
  });

  it('rejects a malformed message without retrying it', async () => {
    const handler = makeHandler();

    const result = await handler(
      sqsEvent({ id: 'bad', body: '{"format":"crkit.continuation.v1"}' }),
      lambdaContext({ remainingMs: 2000 }),
    );

    expect(result).toEqual({ batchItemFailures: [] });
    expect(logs.records('crkit.rejected')).toMatchObject([{ via: 'sqs', messageId: 'bad' }]);
    expect(server.received).toHaveLength(0);
  });
});

describe('continuations an attacker sends', () => {
  /**
   * A message in crkit's format for a real request, as anyone who can read the format could write
   * it.
   */
  const forged = (overrides: Partial<ContinuationMessage> = {}): ContinuationMessage =>
    continuationMessage(create(), 'slow-1', { state: { id: 'slow-1', looks: 5 }, ...overrides });

  it.each([
    [
      'unsigned, in the old format',
      () => JSON.stringify({ ...forged(), format: 'crkit.continuation.v1' }),
    ],
    ['signed with a key of its own', () => encodeContinuation(forged(), randomBytes(32))],
    [
      'a genuine message with its payload changed',
      () => {
        const envelope = JSON.parse(encodeContinuation(forged(), key)) as { payload: string };
        return JSON.stringify({
          ...envelope,
          payload: envelope.payload.replace('"looks":5', '"looks":6'),
        });
      },
    ],
    [
      'a genuine message past its expiry',
      () => encodeContinuation(forged({ expiresAt: Date.now() - 1000 }), key),
    ],
  ])('refuses a message %s: no resume, no answer, no retry, one rejection', async (_case, body) => {
    const handler = makeHandler();

    const result = await handler(
      sqsEvent({ id: 'forged', body: body() }),
      lambdaContext({ remainingMs: 2000 }),
    );

    expect(result).toEqual({ batchItemFailures: [] });
    expect(world.trace).toEqual([]);
    expect(server.received).toHaveLength(0);
    expect(logs.records('crkit.rejected')).toMatchObject([{ via: 'sqs', messageId: 'forged' }]);
  });

  it(
    'refuses a signed message from any source but the continuation queue, without reading ' +
      'the key',
    async () => {
      const handler = makeHandler();

      const result = await handler(
        sqsEvent({
          id: 'elsewhere',
          body: encodeContinuation(forged(), key),
          source: 'arn:aws:sqs:us-east-1:123456789012:someone-elses-queue',
        }),
        lambdaContext({ remainingMs: 2000 }),
      );

      expect(result).toEqual({ batchItemFailures: [] });
      expect(keyReads).toBe(0);
      expect(world.trace).toEqual([]);
      expect(logs.records('crkit.rejected')).toMatchObject([
        { why: 'the record does not come from the continuation queue' },
      ]);
    },
  );

  it('refuses every SQS record when no continuation queue is configured', async () => {
    const handler = makeHandler('none');

    await handler(
      sqsEvent({ id: 'm', body: encodeContinuation(forged(), key) }),
      lambdaContext({ remainingMs: 2000 }),
    );

    expect(world.trace).toEqual([]);
    expect(logs.records('crkit.rejected')).toMatchObject([
      { why: expect.stringMatching(/no continuation queue is configured/) },
    ]);
  });

  it(
    'leaves a message for a retry when the key cannot be read, and serves it once the key ' +
      'is back',
    async () => {
      const handler = makeHandler();
      keyFails = true;
      const failedRead = await handler(
        sqsEvent({ id: 'm1', body: encodeContinuation(forged(), key) }),
        lambdaContext({ remainingMs: 2000 }),
      );
      keyFails = false;

      await handler(
        sqsEvent({ id: 'm1', body: encodeContinuation(forged(), key) }),
        lambdaContext({ remainingMs: 2000 }),
      );
      await handler(
        sqsEvent({ id: 'm2', body: encodeContinuation(forged({ step: 2 }), key) }),
        lambdaContext({ remainingMs: 2000 }),
      );

      expect(failedRead).toEqual({ batchItemFailures: [{ itemIdentifier: 'm1' }] });
      expect(world.trace).toEqual(['resume:create', 'resume:create']);
    },
  );

  it(
    'asks SQS to retry a step whose answer met only server errors, and not one refused ' +
      'with 403',
    async () => {
      world.readyAfter = 1;
      server.script([503]);
      const handler = makeHandler();
      await handler(create(), lambdaContext({ remainingMs: 2000 }));
      const body = sent[0]?.body ?? '';

      const retried = await handler(
        sqsEvent({ id: 'm1', body }),
        lambdaContext({ remainingMs: 3000 }),
      );
      server.script([403]);
      const refused = await handler(
        sqsEvent({ id: 'm1', body }),
        lambdaContext({ remainingMs: 3000 }),
      );

      expect(retried).toEqual({ batchItemFailures: [{ itemIdentifier: 'm1' }] });
      expect(refused).toEqual({ batchItemFailures: [] });
      expect(world.trace).toEqual(['create', 'resume:create', 'resume:create']);
    },
  );
});
