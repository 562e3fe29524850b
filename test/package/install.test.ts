/**
 * crkit as a user gets it: the packed tarball installed into a fresh project (offline, from the
 * npm cache), a resource type of the user's own written against the public entry points only,
 * type-checked under the strictest options, run beside a built-in type against a loopback
 * ResponseURL, and taken through the `crkit` command: conform, build, simulate.
 */
import { execFile } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestOf } from '../support/events.js';
import { startResponseServer } from '../../framework/testing/index.js';
import type { ResponseServer } from '../../framework/testing/index.js';
import { userLockfile } from './lockfile.js';

/** The line that explains why a changed PasswordLength replaces the resource. */
const ReplacingPasswordLength =
  /replacing PasswordLength=17 \(feeds Custom::RandomPassword\.Length, which forces replacement\)/;

const run = promisify(execFile);
const repository = path.resolve(import.meta.dirname, '../..');
const fixture = path.join(import.meta.dirname, 'fixture');
const tsc = path.join(repository, 'node_modules/typescript/bin/tsc');
const { devDependencies } = JSON.parse(
  readFileSync(path.join(repository, 'package.json'), 'utf8'),
) as { devDependencies: Record<string, string> };
const versionOf = (name: string): string => devDependencies[name] ?? '*';

let project: string;
let server: ResponseServer;

/** Fake credentials and an unreachable endpoint: nothing may leave the machine. */
const offlineAws = {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  // CloudFormation cannot be asked offline: the request goes on, recorded as unconfirmed.
  AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
  AWS_MAX_ATTEMPTS: '1',
};

type Ran = { readonly code: number; readonly stdout: string; readonly stderr: string };

/** Runs `npx crkit …` in the user's project; never rejects. */
async function crkit(args: readonly string[]): Promise<Ran> {
  return run('npx', ['--offline', 'crkit', ...args], {
    cwd: project,
    env: { ...process.env, ...offlineAws },
    maxBuffer: 16 * 1024 * 1024,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({
      code: error.code ?? -1,
      stdout: error.stdout ?? '',
      stderr: error.stderr ?? '',
    }),
  );
}

/**
 * Invokes a handler module of the project once with a Create of the user's type; returns the log.
 */
async function invokeCreate(
  handlerModule: string | undefined,
  logicalResourceId: string,
): Promise<{ readonly stdout: string; readonly requestId: string }> {
  const request = requestOf(
    'create',
    {
      ResourceType: 'Custom::RandomPassword',
      LogicalResourceId: logicalResourceId,
      ResourceProperties: {
        ServiceToken: 'arn:aws:sns:us-east-1:123456789012:crkit',
        Seed: 'seed-that-must-stay-secret',
        Length: '16',
      },
    },
    server.origin,
  );
  const env = {
    ...process.env,
    ...offlineAws,
    CRKIT_TEST_EVENT: JSON.stringify(request),
    CRKIT_RESPONSE_ORIGINS: server.origin,
    ...(handlerModule === undefined ? {} : { CRKIT_HANDLER_MODULE: handlerModule }),
  };
  const { stdout } = await run(process.execPath, [path.join(project, 'out/invoke.js')], {
    cwd: project,
    env,
  });
  return { stdout, requestId: request.RequestId };
}

beforeAll(async () => {
  project = mkdtempSync(path.join(tmpdir(), 'crkit-user-'));
  await run('npm', ['pack', '--pack-destination', project, '--silent'], { cwd: repository });
  const tarball = readdirSync(project).find((name) => name.endsWith('.tgz')) ?? '';
  cpSync(fixture, project, { recursive: true });
  // The AWS spec is crkit's optional peer dependency, for `crkit check`: this user installs it.
  const dependencies = {
    crkit: `file:./${tarball}`,
    zod: versionOf('zod'),
    '@types/node': versionOf('@types/node'),
    '@aws-cdk/aws-service-spec': versionOf('@aws-cdk/aws-service-spec'),
  };
  writeFileSync(
    path.join(project, 'package.json'),
    JSON.stringify({ name: 'my-resources', private: true, type: 'module', dependencies }),
  );
  const lock = userLockfile({
    repositoryLock: path.join(repository, 'package-lock.json'),
    tarballPath: path.join(project, tarball),
    tarballName: tarball,
    dependencies,
  });
  writeFileSync(path.join(project, 'package-lock.json'), lock);
  await run('npm', ['ci', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--silent'], {
    cwd: project,
  });
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

  it('type-checks a user type: strict, exactOptionalPropertyTypes, no skipLibCheck', async () => {
    const compiled = await run(process.execPath, [tsc, '-p', project], { cwd: project }).then(
      () => '',
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );

    expect(compiled).toBe('');
  }, 120_000);

  it('serves the user type next to a built-in one: SUCCESS, its attribute NoEcho, no secret ' +
    'in the log', async () => {
    const { stdout, requestId } = await invokeCreate(undefined, 'AppPassword');
    const answer = server.bodies().find((body) => body.RequestId === requestId);

    expect(answer).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: 'password-AppPassword-16',
      NoEcho: true,
    });
    const password = (answer?.Data as Record<string, string> | undefined)?.Password ?? '';
    expect(password).toHaveLength(16);
    expect(stdout).toContain('"crkit.signal"');
    expect(stdout).not.toContain('seed-that-must-stay-secret');
    expect(stdout).not.toContain(password);
  }, 60_000);

  it('answers `npx crkit --help` with the commands, and refuses an unknown command with ' +
    'exit 2 and the same list', async () => {
    const help = await crkit(['--help']);
    const unknown = await crkit(['frobnicate']);

    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(
      /build[\s\S]*simulate[\s\S]*conform[\s\S]*check[\s\S]*audit[\s\S]*drift[\s\S]*deploy/,
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command frobnicate');
    expect(unknown.stderr).toContain('simulate');
  }, 60_000);

  it("checks the user's template with `crkit check --entry`: the user type is known, no " +
    'finding', async () => {
    const ran = await crkit(['check', 'templates/app.yaml', '--entry', 'src/handler.ts']);

    expect({ code: ran.code, stdout: ran.stdout }).toEqual({
      code: 0,
      stdout: '1 template(s), 0 finding(s)\n',
    });
  }, 60_000);

  it('refuses `crkit check` without its optional peer dependency, the AWS spec, with exit 2 ' +
    'and how to install it', async () => {
    const spec = path.join(project, 'node_modules/@aws-cdk/aws-service-spec');
    renameSync(spec, `${spec}-away`);
    const ran = await crkit(['check', 'templates/app.yaml']).finally(() =>
      renameSync(`${spec}-away`, spec),
    );

    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain('npm install -D @aws-cdk/aws-service-spec');
  }, 60_000);

  it('refuses `crkit conform` of a type the module does not export with exit 2, naming the ' +
    'type it does export', async () => {
    const ran = await crkit([
      'conform',
      'src/random-password.ts',
      '--type',
      'Custom::Nope',
      '--properties',
      'conform/create.json',
    ]);

    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain('it exports Custom::RandomPassword');
  }, 60_000);

  it('passes `crkit conform` on the user type, with its replace-on Length given as 12 in ' +
    'create and "12" in update', async () => {
    const ran = await crkit([
      'conform',
      'src/random-password.ts',
      '--type',
      'Custom::RandomPassword',
      '--properties',
      'conform/create.json',
      '--update',
      'conform/update.json',
    ]);

    expect({ code: ran.code, stdout: ran.stdout, stderr: ran.stderr }).toMatchObject({ code: 0 });
    expect(ran.stdout).not.toContain('conform-seed-that-must-stay-secret');
  }, 120_000);

  it('builds the user entry with `crkit build --entry`: a zip, and a bundle whose handler ' +
    'answers', async () => {
    const ran = await crkit(['build', '--entry', 'src/handler.ts']);

    expect(ran.code).toBe(0);
    expect(existsSync(path.join(project, 'dist/handler.zip'))).toBe(true);
    const bundle = pathToFileURL(path.join(project, 'dist/handler.mjs')).href;
    const { requestId } = await invokeCreate(bundle, 'BundledPassword');
    expect(server.bodies().find((body) => body.RequestId === requestId)).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: 'password-BundledPassword-16',
      NoEcho: true,
    });
  }, 120_000);

  it("simulates the user's template with `crkit simulate --entry`: a replacement of the " +
    "user type is played, output under the project's .crkit", async () => {
    const ran = await crkit(['simulate', 'templates/app.yaml', '--entry', 'src/handler.ts']);

    expect({ code: ran.code, stdout: ran.stdout, stderr: ran.stderr }).toMatchObject({ code: 0 });
    expect(ran.stdout).toMatch(ReplacingPasswordLength);
    expect(ran.stdout).toMatch(/ok +a replacing update answers a new physical id/);
    expect(ran.stdout).toContain('password-AppPassword-17');
    expect(readdirSync(path.join(project, '.crkit/simulate'))).toHaveLength(1);
  }, 180_000);
});
