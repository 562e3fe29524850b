import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureCert } from '../../scripts/bench/certs.js';
import {
  AnswerScripts,
  startBystander,
  startResponseServer,
} from '../../framework/testing/index.js';
import type { ResponseServer } from '../../framework/testing/index.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function server(
  options: Parameters<typeof startResponseServer>[0] = {},
): Promise<ResponseServer> {
  const started = await startResponseServer(options);
  closers.push(started.close);
  return started;
}

// A byte body: fetch would give a string body a Content-Type, which a pre-signed URL refuses.
const put = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'PUT', body: Buffer.from(body), headers });

describe('the loopback ResponseURL server', () => {
  it('records every PUT per request and in total, with its exact bytes', async () => {
    const endpoint = await server();
    const url = endpoint.urlFor({
      requestId: 'r-1',
      stackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/s/1',
      logicalResourceId: 'Thing',
    });

    const response = await put(url, '{"Status":"SUCCESS","é":1}');

    expect(response.status).toBe(200);
    expect(new URL(url).searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(endpoint.receivedFor('r-1')).toHaveLength(1);
    expect(endpoint.received[0]).toMatchObject({
      key: 'r-1',
      method: 'PUT',
      status: 200,
      refused: undefined,
      text: '{"Status":"SUCCESS","é":1}',
    });
    expect(endpoint.received[0]?.body.equals(Buffer.from('{"Status":"SUCCESS","é":1}'))).toBe(true);
    expect(endpoint.bodies()).toEqual([{ Status: 'SUCCESS', é: 1 }]);
  });

  it(
    'refuses like S3 when signatures are checked: a bad signature, a Content-Type, a ' +
      'method other than PUT',
    async () => {
      const endpoint = await server({ checkSignature: true });
      const url = endpoint.urlFor({ requestId: 'r-2' });

      const statuses = [
        (await put(url, '{}')).status,
        (await put(url.replace(/X-Amz-Signature=[0-9a-f]+/, 'X-Amz-Signature=00'), '{}')).status,
        (await put(url, '{}', { 'content-type': 'application/json' })).status,
        (await fetch(url)).status,
      ];

      expect(statuses).toEqual([200, 403, 403, 403]);
      expect(endpoint.receivedFor('r-2').map((item) => item.refused?.split(':')[0])).toEqual([
        undefined,
        'SignatureDoesNotMatch',
        'SignatureDoesNotMatch',
        'GET is not allowed on a pre-signed PUT URL',
      ]);
    },
  );

  it(
    'answers from a script per URL (counted per request) and per server (the last step ' +
      'repeats)',
    async () => {
      const endpoint = await server({ answers: [503, 200] });
      const once = endpoint.urlFor({ requestId: 'once' }, { answers: AnswerScripts.failOnce });
      const plain = endpoint.urlFor({ requestId: 'plain' });

      const statuses = [
        (await put(once, 'a')).status,
        (await put(plain, 'b')).status,
        (await put(once, 'c')).status,
        (await put(plain, 'd')).status,
        (await put(plain, 'e')).status,
      ];
      endpoint.script([{ status: 201, delayMs: 20 }]);
      const delayed = (await put(plain, 'f')).status;

      expect(statuses).toEqual([500, 503, 200, 200, 200]);
      expect(delayed).toBe(201);
    },
  );

  it('drops the connection unanswered on a reset step, and still records the PUT', async () => {
    const endpoint = await server({ answers: ['reset'] });

    await expect(put(endpoint.urlFor({ requestId: 'r-3' }), 'x')).rejects.toThrow();

    expect(endpoint.receivedFor('r-3').map((item) => item.status)).toEqual(['reset']);
  });

  it(
    'waits for a number of answers, and for the next accepted answer of a request until ' +
      'aborted',
    async () => {
      const endpoint = await server({ checkSignature: true });
      const url = endpoint.urlFor({ requestId: 'r-4' });
      const next = endpoint.nextAnswer('r-4', 0, new AbortController().signal);
      const abort = new AbortController();
      const never = endpoint.nextAnswer('r-5', 0, abort.signal);

      await put(url, '{"n":1}', { 'content-type': 'text/plain' });
      await put(url, '{"n":2}');
      abort.abort();

      expect((await next)?.text).toBe('{"n":2}');
      expect(await never).toBeUndefined();
      expect(await endpoint.waitFor(2)).toHaveLength(2);
      await expect(endpoint.waitFor(3, 50)).rejects.toThrow(/expected 3 requests, got 2/);
    },
  );

  it('forgets what it recorded when cleared', async () => {
    const endpoint = await server();
    await put(endpoint.urlFor({ requestId: 'r-6' }), 'x');

    endpoint.clear();

    expect([endpoint.received.length, endpoint.receivedFor('r-6').length]).toEqual([0, 0]);
  });

  const httpsTitle =
    'serves https next to http when given a certificate, counting connections by listener';
  it(httpsTitle, async () => {
    const folder = await mkdtemp(join(tmpdir(), 'crkit-kit-tls-'));
    closers.push(() => rm(folder, { recursive: true, force: true }));
    const files = ensureCert(folder);
    const endpoint = await server({
      tls: { cert: readFileSync(files.cert), key: readFileSync(files.key) },
    });
    const url = new URL(endpoint.urlFor({ requestId: 'r-7' }, { secure: true }));

    const status = await new Promise<number>((resolve, reject) => {
      const request = https.request(
        url,
        { method: 'PUT', ca: readFileSync(files.cert) },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      request.on('error', reject);
      request.end('{}');
    });

    expect(url.origin).toBe(endpoint.httpsOrigin);
    expect(status).toBe(200);
    expect(endpoint.receivedFor('r-7')[0]?.secure).toBe(true);
    expect(endpoint.connectionCounts()).toEqual({ http: 0, tls: 1 });
  });
});

describe('the bystander', () => {
  it('counts the connections it receives', async () => {
    const bystander = await startBystander();
    closers.push(bystander.close);

    await fetch(`${bystander.origin}/x`).catch(() => undefined);

    expect(bystander.connections()).toBe(1);
  });
});
