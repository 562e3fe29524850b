import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../../framework/index.js';
import { lambdaContext, snsEvent, startResponseServer } from '../../framework/testing/index.js';
import type { ResponseServer } from '../../framework/testing/index.js';
import { requestOf } from '../support/events.js';
import { captureLogs } from '../support/logs.js';
import { echo } from '../support/test-resources.js';

let server: ResponseServer;
let counter = 0;

beforeAll(async () => {
  server = await startResponseServer();
});
afterAll(async () => {
  await server.close();
});

const behaviours = fc.constantFrom(
  'ok',
  'throw-error',
  'throw-string',
  'throw-undefined',
  'throw-null',
  'crkit-error',
  'fail-partial',
  'huge-data',
  'empty-id',
);
const scalar = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.double());
const properties = fc.oneof(
  fc.record(
    {
      ServiceToken: fc.string(),
      Value: fc.string(),
      Size: fc.oneof(fc.integer().map(String), scalar),
      Behaviour: behaviours,
    },
    { requiredKeys: [] },
  ),
  fc.dictionary(fc.string(), fc.jsonValue()),
  fc.record({ Value: fc.string({ minLength: 5000, maxLength: 20_000 }) }),
  scalar,
);
const mutation = fc.record(
  {
    RequestType: fc.oneof(fc.constantFrom('Create', 'Update', 'Delete'), fc.string()),
    ResourceType: fc.oneof(fc.constant('Custom::Echo'), fc.string()),
    StackId: fc.oneof(fc.string(), scalar),
    RequestId: fc.oneof(fc.uuid(), scalar),
    LogicalResourceId: fc.oneof(
      fc.string(),
      scalar,
      fc.string({ minLength: 1100, maxLength: 1200 }),
    ),
    PhysicalResourceId: fc.oneof(fc.string(), scalar, fc.constant('crkit:failed-create:x')),
    ResourceProperties: properties,
    OldResourceProperties: properties,
  },
  { requiredKeys: [] },
);
/** A request with random fields replaced or removed, keeping a per-event ResponseURL path. */
const event = fc.tuple(
  fc.constantFrom('create', 'update', 'delete') as fc.Arbitrary<'create' | 'update' | 'delete'>,
  mutation,
  fc.array(
    fc.constantFrom(
      'RequestType',
      'StackId',
      'RequestId',
      'LogicalResourceId',
      'ResourceProperties',
      'PhysicalResourceId',
    ),
  ),
  fc.constantFrom('direct', 'sns', 'sns-text'),
);

describe('the handler against arbitrary events', () => {
  it('never throws, never hangs, and PUTs at most once per request (2,000+ events)', async () => {
    const handler = createHandler({
      resources: [echo],
      logSink: () => undefined,
      responseOrigins: [server.origin],
    });
    await fc.assert(
      fc.asyncProperty(event, async ([kind, changes, removals, wrapping]) => {
        counter += 1;
        const path = `fuzz-${counter}`;
        const request: Record<string, unknown> = {
          ...requestOf(kind, changes),
          ResponseURL: `${server.origin}/responses/${path}?X-Amz-Signature=abc`,
        };
        for (const key of removals) delete request[key];
        const input =
          wrapping === 'direct'
            ? request
            : snsEvent([wrapping === 'sns' ? request : JSON.stringify(request).slice(0, 50)]);
        const before = server.received.filter((item) => item.url.includes(`/${path}?`)).length;

        let timer: NodeJS.Timeout | undefined;
        const hung = new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('the handler hung')), 6000);
        });
        const result = await Promise.race([
          handler(input, lambdaContext({ remainingMs: 4000 })),
          hung,
        ]).finally(() => clearTimeout(timer));

        const puts = server.received.filter((item) => item.url.includes(`/${path}?`));
        expect(result).toBeUndefined();
        expect(puts.length - before).toBeLessThanOrEqual(1);
        for (const put of puts) expect(put.body.length).toBeLessThanOrEqual(4096);
      }),
      { numRuns: 2000, seed: 20261127 },
    );
    expect(server.received.length).toBeGreaterThan(500);
  }, 120_000);

  it('answers arbitrary JSON values without throwing', async () => {
    const logs = captureLogs();
    const handler = createHandler({
      resources: [echo],
      logSink: logs.sink,
      responseOrigins: [server.origin],
    });
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        await expect(handler(value, lambdaContext({ remainingMs: 2000 }))).resolves.toBeUndefined();
      }),
      { numRuns: 500, seed: 7 },
    );
    expect(logs.records('crkit.rejected').length).toBeGreaterThan(0);
  });
});
