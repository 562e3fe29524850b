import { createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from '@20minutes/s3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../../framework/index.js';
import { lambdaContext } from '../../framework/testing/index.js';
import { requestOf } from '../support/events.js';
import { captureLogs } from '../support/logs.js';
import { echo } from '../support/test-resources.js';

let server: S3rver;
let directory: string;
let origin: string;

/**
 * A SigV2 query-string pre-signed URL, signed with an empty Content-Type, as CloudFormation's older
 * form.
 */
function presignV2(method: 'PUT' | 'GET', key: string): string {
  const expires = Math.floor(Date.now() / 1000) + 600;
  const toSign = `${method}\n\n\n${expires}\n/responses/${key}`;
  const signature = createHmac('sha1', 'S3RVER').update(toSign).digest('base64');
  return (
    `${origin}/responses/${key}?AWSAccessKeyId=S3RVER&Expires=${expires}` +
    `&Signature=${encodeURIComponent(signature)}`
  );
}

function send(
  method: string,
  url: string,
  headers: Record<string, string | number>,
  body?: Buffer,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
      );
    });
    request.on('error', reject);
    request.end(body);
  });
}

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'crkit-s3rver-'));
  server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: 'responses' }],
  });
  const address = await server.run();
  origin = `http://127.0.0.1:${address.port}`;
});
afterAll(async () => {
  await server.close();
  await rm(directory, { recursive: true, force: true });
});

describe('answering through an S3 pre-signed URL (s3rver, SigV2)', () => {
  it('refuses a PUT whose Content-Type differs from the signed one, as S3 does', async () => {
    const body = Buffer.from('{}');

    const answer = await send(
      'PUT',
      presignV2('PUT', 'control'),
      { 'content-type': 'application/json', 'content-length': body.length },
      body,
    );

    expect(answer.status).toBe(403);
    expect(answer.body).toContain('SignatureDoesNotMatch');
  });

  it('stores the handler answer intact', async () => {
    const logs = captureLogs();
    const handler = createHandler({
      resources: [echo],
      logSink: logs.sink,
      responseOrigins: [origin],
    });
    const event = {
      ...requestOf('create', { ResourceProperties: { ServiceToken: 'arn:x', Value: 'ünïcode' } }),
      ResponseURL: presignV2('PUT', 'answer-1'),
    };

    await handler(event, lambdaContext());

    const stored = await send('GET', presignV2('GET', 'answer-1'), {});
    expect(logs.records('crkit.signal')).toEqual([
      expect.objectContaining({ httpStatus: 200, delivered: true, attempts: 1 }),
    ]);
    expect(stored.status).toBe(200);
    expect(JSON.parse(stored.body)).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: 'echo-ünïcode-1',
      RequestId: event.RequestId,
      Data: { Value: 'ünïcode' },
    });
  });
});
