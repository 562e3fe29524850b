import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliver, isAllowedResponseUrl } from '../../framework/answer/put.js';
import { startResponseServer } from '../../framework/testing/index.js';
import type { ResponseServer } from '../../framework/testing/index.js';

let server: ResponseServer;
const body = Buffer.from(JSON.stringify({ Status: 'FAILED', Reason: 'échec — 🚫' }));
const soon = () => ({ endsAt: Date.now() + 8000, baseDelayMs: 10 });

beforeEach(async () => {
  server = await startResponseServer();
});
afterEach(async () => {
  await server.close();
});

describe('deliver', () => {
  it('PUTs the exact bytes, an empty Content-Type and a byte-accurate Content-Length', async () => {
    const delivery = await deliver(`${server.origin}/bucket/key?X-Amz-Signature=abc`, body, soon());

    const [request] = server.received;
    expect(delivery).toMatchObject({ delivered: true, attempts: 1, httpStatus: 200 });
    expect(request?.method).toBe('PUT');
    expect(request?.url).toBe('/bucket/key?X-Amz-Signature=abc');
    expect(request?.headers['content-type']).toBe('');
    expect(request?.headers['content-length']).toBe(String(body.length));
    expect(body.length).toBeGreaterThan(body.toString().length);
    expect(request?.body.equals(body)).toBe(true);
  });

  it('retries 5xx and answers once the server accepts: 500, 500, 200 → 3 attempts', async () => {
    server.script([500, 500, 200]);

    const delivery = await deliver(`${server.origin}/k`, body, soon());

    expect(delivery).toMatchObject({ delivered: true, attempts: 3, httpStatus: 200 });
    expect(server.received).toHaveLength(3);
  });

  it('treats a 4xx as final: 403 → 1 attempt', async () => {
    server.script([403, 200]);

    const delivery = await deliver(`${server.origin}/k`, body, soon());

    expect(delivery).toMatchObject({ delivered: false, attempts: 1, httpStatus: 403 });
    expect(server.received).toHaveLength(1);
  });

  it('retries a reset connection', async () => {
    server.script(['reset', 200]);

    const delivery = await deliver(`${server.origin}/k`, body, soon());

    expect(delivery).toMatchObject({ delivered: true, attempts: 2, httpStatus: 200 });
  });

  it('stops retrying at the deadline', async () => {
    server.script([503]);
    const started = Date.now();

    const delivery = await deliver(`${server.origin}/k`, body, {
      endsAt: started + 400,
      baseDelayMs: 50,
    });

    expect(delivery.delivered).toBe(false);
    expect(delivery.httpStatus).toBe(503);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('gives up on a connection that hangs past the deadline', async () => {
    server.script([{ status: 200, delayMs: 5000 }]);
    const started = Date.now();

    const delivery = await deliver(`${server.origin}/k`, body, { endsAt: started + 300 });

    expect(delivery).toMatchObject({
      delivered: false,
      httpStatus: undefined,
      errorCode: 'ETIMEDOUT',
    });
    expect(Date.now() - started).toBeLessThan(1500);
  });
});

describe('isAllowedResponseUrl', () => {
  it.each([
    'https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/a?b=c',
    'https://cloudformation-custom-resource-response-euwest1.s3-eu-west-1.amazonaws.com/a',
    'https://s3.eu-central-1.amazonaws.com/bucket/key',
    'https://bucket.s3.dualstack.us-east-1.amazonaws.com/key',
    'https://cloudformation-custom-resource-response-cnnorth1.s3.cn-north-1.amazonaws.com.cn/a',
  ])('allows the S3 origin of %s', (url) => {
    expect(isAllowedResponseUrl(url, [])).toBe(true);
  });

  it.each([
    'http://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/a',
    'https://s3.amazonaws.com.evil.example/a',
    'https://evil.example/s3.amazonaws.com',
    'https://bucket.s3.amazonaws.com:8443/a',
    'https://user:pw@bucket.s3.amazonaws.com/a',
    'http://169.254.169.254/latest/meta-data/',
    'http://127.0.0.1:8080/k',
    'file:///etc/passwd',
    'not a url',
  ])('refuses %s by default', (url) => {
    expect(isAllowedResponseUrl(url, [])).toBe(false);
  });

  it('allows configured extra origins exactly', () => {
    expect(isAllowedResponseUrl('http://127.0.0.1:8080/k?x=1', ['http://127.0.0.1:8080'])).toBe(
      true,
    );
    expect(isAllowedResponseUrl('http://127.0.0.1:8081/k', ['http://127.0.0.1:8080'])).toBe(false);
  });
});
