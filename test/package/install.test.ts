/**
 * crkit as a user gets it: the packed tarball installed into a fresh project (offline, from the
 * npm cache), a resource type of the user's own written against the public entry points only,
 * type-checked under the strictest options, and run beside a built-in type against a loopback
 * ResponseURL.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestOf } from '../support/events.js';
import { startResponseServer } from '../../framework/testing/index.js';
import type { ResponseServer } from '../../framework/testing/index.js';
import { userLockfile } from './lockfile.js';

const run = promisify(execFile);
const repository = path.resolve(import.meta.dirname, '../..');
const fixture = path.join(import.meta.dirname, 'fixture');
const tsc = path.join(repository, 'node_modules/typescript/bin/tsc');
const { devDependencies } = JSON.parse(readFileSync(path.join(repository, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
const versionOf = (name: string): string => devDependencies[name] ?? '*';

let project: string;
let server: ResponseServer;

beforeAll(async () => {
  project = mkdtempSync(path.join(tmpdir(), 'crkit-user-'));
  await run('npm', ['pack', '--pack-destination', project, '--silent'], { cwd: repository });
  const tarball = readdirSync(project).find((name) => name.endsWith('.tgz')) ?? '';
  cpSync(fixture, project, { recursive: true });
  const dependencies = { crkit: `file:./${tarball}`, zod: versionOf('zod'), '@types/node': versionOf('@types/node') };
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'my-resources', private: true, type: 'module', dependencies }));
  const lock = userLockfile({ repositoryLock: path.join(repository, 'package-lock.json'), tarballPath: path.join(project, tarball), tarballName: tarball, dependencies });
  writeFileSync(path.join(project, 'package-lock.json'), lock);
  await run('npm', ['ci', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--silent'], { cwd: project });
  server = await startResponseServer();
}, 240_000);

afterAll(async () => {
  await server?.close();
  rmSync(project, { recursive: true, force: true });
});

describe('crkit installed from its tarball into a project of its own', () => {
  it('ships compiled JavaScript with declarations, and neither tests nor sources', () => {
    const installed = path.join(project, 'node_modules/crkit');
    const files = readdirSync(installed, { recursive: true }) as string[];

    expect(files).toContain(path.join('lib', 'framework', 'index.d.ts'));
    expect(files).toContain('LICENSE');
    expect(files.filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))).toEqual([]);
    expect(files.filter((name) => name.startsWith('test'))).toEqual([]);
  });

  it('type-checks a user type with strict, exactOptionalPropertyTypes and skipLibCheck off', async () => {
    const compiled = await run(process.execPath, [tsc, '-p', project], { cwd: project }).then(
      () => '',
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );

    expect(compiled).toBe('');
  }, 120_000);

  it('serves the user type next to a built-in one: SUCCESS, its attribute NoEcho, no secret in the log', async () => {
    const request = requestOf('create', { ResourceType: 'Custom::RandomPassword', LogicalResourceId: 'AppPassword', ResourceProperties: { ServiceToken: 'arn:aws:sns:us-east-1:123456789012:crkit', Seed: 'seed-that-must-stay-secret', Length: '16' } }, server.origin);
    const env = {
      ...process.env,
      CRKIT_TEST_EVENT: JSON.stringify(request),
      CRKIT_RESPONSE_ORIGINS: server.origin,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      // CloudFormation cannot be asked offline: the request goes on, recorded as unconfirmed.
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
      AWS_MAX_ATTEMPTS: '1',
    };

    const { stdout } = await run(process.execPath, [path.join(project, 'dist/invoke.js')], { cwd: project, env });
    const [answer] = server.bodies();

    expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'password-AppPassword', NoEcho: true, RequestId: request.RequestId });
    const password = (answer?.Data as Record<string, string> | undefined)?.Password ?? '';
    expect(password).toHaveLength(16);
    expect(stdout).toContain('"crkit.signal"');
    expect(stdout).not.toContain('seed-that-must-stay-secret');
    expect(stdout).not.toContain(password);
  }, 60_000);
});
