import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { cfnInteger, createHandler, defineResource, succeeded } from '../../framework/index.js';
import { lambdaContext, snsEvent, startResponseServer } from '../../framework/testing/index.js';
import type { ResponseServer } from '../../framework/testing/index.js';
import { requestOf } from '../support/events.js';
import { captureLogs } from '../support/logs.js';
import type { LogCapture } from '../support/logs.js';
import { echo, trace } from '../support/test-resources.js';

let server: ResponseServer;
let logs: LogCapture;

const props = (extra: Record<string, unknown> = {}) => ({
  ServiceToken: 'arn:aws:sns:us-east-1:123456789012:crkit',
  Value: 'a',
  ...extra,
});
const handlerWith = (options: Partial<Parameters<typeof createHandler>[0]> = {}) =>
  createHandler({
    resources: [echo],
    logSink: logs.sink,
    responseOrigins: [server.origin],
    ...options,
  });

beforeEach(async () => {
  server = await startResponseServer();
  logs = captureLogs();
  trace.length = 0;
});
afterEach(async () => {
  await server.close();
});

describe('ResponseURLs that are not http(s)', () => {
  it.each(['blob:', 'view-source:', 'jar:'])(
    'refuses %s wrapped around an allowed origin, before any work and without a connection',
    async (scheme) => {
      const request = requestOf(
        'create',
        { ResourceType: 'Custom::Echo', ResourceProperties: props() },
        server.origin,
      );

      await handlerWith()(
        { ...request, ResponseURL: `${scheme}${request.ResponseURL}` },
        lambdaContext(),
      );

      expect(trace).toEqual([]);
      expect(server.connections()).toBe(0);
      expect(logs.records('crkit.rejected')).toEqual([
        expect.objectContaining({ why: expect.stringMatching(/is not an allowed origin/) }),
      ]);
    },
  );
});

describe('origin settings that are not origins', () => {
  it(
    'logs one clear line at cold start and answers every request FAILED saying why, ' +
      'changing nothing',
    async () => {
      const handler = handlerWith({
        responseOrigins: [server.origin, 'http://127.0.0.1:9/responses'],
      });

      await handler(
        requestOf(
          'create',
          { ResourceType: 'Custom::Echo', ResourceProperties: props() },
          server.origin,
        ),
        lambdaContext(),
      );

      expect(trace).toEqual([]);
      expect(server.bodies()).toEqual([
        expect.objectContaining({
          Status: 'FAILED',
          Reason:
            'crkit is misconfigured: entry 2 of the responseOrigins option is not an ' +
            'http(s) origin (scheme://host[:port], nothing after it)',
        }),
      ]);
      expect(
        logs
          .all()
          .filter(
            (line) =>
              line.level === 'error' && String(line.message).startsWith('crkit is misconfigured'),
          ),
      ).toHaveLength(1);
    },
  );

  it(
    'matches an origin however it was spelled: upper case, a trailing slash, the default ' + 'port',
    async () => {
      const port = new URL(server.origin).port;
      const handler = handlerWith({ responseOrigins: [`HTTP://127.0.0.1:${port}/`] });

      await handler(
        requestOf(
          'create',
          { ResourceType: 'Custom::Echo', ResourceProperties: props() },
          server.origin,
        ),
        lambdaContext(),
      );

      expect(server.bodies()).toEqual([expect.objectContaining({ Status: 'SUCCESS' })]);
    },
  );
});

describe('a request replayed to another ResponseURL', () => {
  it(
    'is not answered from the memory of the first answer: the copy of a NoEcho answer ' +
      'never goes to another URL',
    async () => {
      const secretive = defineResource({
        ...echo,
        type: 'Custom::Secretive',
        create: async ({ secret }) => {
          trace.push({ fn: 'create', replacing: undefined, properties: {} });
          secret('generated-password-123');
          return succeeded('secretive-1', { Password: 'generated-password-123' }, { noEcho: true });
        },
      });
      const handler = handlerWith({ resources: [secretive] });
      const original = requestOf(
        'create',
        { ResourceType: 'Custom::Secretive', ResourceProperties: props() },
        server.origin,
      );
      const elsewhere = await startResponseServer();
      try {
        await handler(original, lambdaContext());
        await handler(
          { ...original, ResponseURL: `${elsewhere.origin}/stolen?X-Amz-Signature=x` },
          lambdaContext(),
        );

        expect(logs.records('crkit.signal').map((record) => record.duplicate)).toEqual([false]);
        expect(elsewhere.connections()).toBe(0);
        expect(logs.records('crkit.rejected')).toHaveLength(1);
      } finally {
        await elsewhere.close();
      }
    },
  );

  it(
    'does the work again for a replay to another allowed URL, instead of copying the ' +
      'remembered answer',
    async () => {
      const handler = handlerWith();
      const original = requestOf(
        'create',
        { ResourceType: 'Custom::Echo', ResourceProperties: props() },
        server.origin,
      );

      await handler(original, lambdaContext());
      await handler(
        { ...original, ResponseURL: `${server.origin}/other/${String(original.RequestId)}` },
        lambdaContext(),
      );

      expect(trace.map((entry) => entry.fn)).toEqual(['create', 'create']);
      expect(logs.records('crkit.signal').map((record) => record.duplicate)).toEqual([
        false,
        false,
      ]);
    },
  );
});

describe('inputs at the boundaries', () => {
  it('answers a NoEcho value holding a lone surrogate, masking it in the log', async () => {
    const surrogate = `half-pair-\ud800-value`;
    const lonely = defineResource({
      ...echo,
      type: 'Custom::Lonely',
      create: async () => succeeded('lonely-1', { Token: surrogate }, { noEcho: true }),
    });

    await handlerWith({ resources: [lonely] })(
      requestOf(
        'create',
        { ResourceType: 'Custom::Lonely', ResourceProperties: props() },
        server.origin,
      ),
      lambdaContext(),
    );

    expect(server.bodies()).toEqual([expect.objectContaining({ Status: 'SUCCESS', NoEcho: true })]);
    expect(logs.lines.join('\n')).not.toContain('half-pair-');
  });

  it.each(['direct', 'sns'] as const)(
    'answers properties nested 6,000 deep FAILED, naming the limit (%s)',
    async (via) => {
      let nested: unknown = 'bottom';
      for (let level = 0; level < 6000; level += 1) nested = { deeper: nested };
      const request = requestOf(
        'create',
        { ResourceType: 'Custom::Echo', ResourceProperties: { ...props(), Nested: nested } },
        server.origin,
      );
      const text = `{${JSON.stringify({ ...request, ResourceProperties: props() })
        .slice(1, -1)
        .replace(
          '"Value":"a"',
          `"Value":"a","Nested":${'{"deeper":'.repeat(6000)}"bottom"${'}'.repeat(6000)}`,
        )}}`;

      await handlerWith()(via === 'sns' ? snsEvent([text]) : JSON.parse(text), lambdaContext());

      expect(server.bodies()).toEqual([
        expect.objectContaining({
          Status: 'FAILED',
          Reason: 'Malformed request: ResourceProperties nests deeper than 32 levels',
        }),
      ]);
      expect(trace).toEqual([]);
    },
  );
});

describe('secrets in every form', () => {
  const pin = defineResource({
    type: 'Custom::Pin',
    properties: z.strictObject({
      Pin: cfnInteger({ min: 0, max: 99_999_999 }),
      Password: z.optional(z.string()),
    }),
    replaceOn: [],
    sensitive: ['Pin', 'Password'],
    iamStatements: [],
    create: async ({ properties, log }) => {
      log.info('about to use the pin', { pin: properties.Pin });
      return succeeded('pin-1');
    },
    update: async ({ physicalId }) => succeeded(physicalId),
    delete: async ({ physicalId }) => succeeded(physicalId),
  });

  it.each([
    ['+90817263', 90_817_263],
    ['0065432109', 65_432_109],
  ])('masks the parsed form of a sensitive %s', async (raw, parsed) => {
    await handlerWith({ resources: [pin] })(
      requestOf(
        'create',
        { ResourceType: 'Custom::Pin', ResourceProperties: { Pin: raw } },
        server.origin,
      ),
      lambdaContext(),
    );

    expect(logs.lines.join('\n')).not.toContain(String(parsed));
    expect(logs.all().find((line) => line.message === 'about to use the pin')).toMatchObject({
      pin: '***',
    });
  });

  it('logs only the name of a misspelled sensitive property, never its value', async () => {
    await handlerWith({ resources: [pin] })(
      requestOf(
        'create',
        {
          ResourceType: 'Custom::Pin',
          ResourceProperties: { Pin: '1', Pasword: 'typo-of-a-secret' },
        },
        server.origin,
      ),
      lambdaContext(),
    );

    expect(logs.lines.join('\n')).not.toContain('typo-of-a-secret');
    expect(logs.records('crkit.received')).toEqual([
      expect.objectContaining({ unknownProperties: ['Pasword'] }),
    ]);
    expect(server.bodies()[0]?.Reason).toMatch(/unknown property Pasword/);
  });
});
