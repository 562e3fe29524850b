/**
 * The `crkit` command as a caller meets it, run from this repository's sources: the command list,
 * `--help` on each command, and usage errors (exit 2) that name what is available.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDeployArgs } from '../../scripts/deploy/args.js';

const repository = resolve(import.meta.dirname, '../..');
const tsx = join(repository, 'node_modules/tsx/dist/cli.mjs');
const work = mkdtempSync(join(tmpdir(), 'crkit-command-'));

type Ran = { readonly code: number; readonly stdout: string; readonly stderr: string };

/** Runs `crkit …` from the sources in `cwd`; never rejects. */
async function crkit(args: readonly string[], cwd = repository): Promise<Ran> {
  return promisify(execFile)(
    process.execPath,
    [tsx, join(repository, 'scripts/crkit.ts'), ...args],
    { cwd },
  ).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({
      code: error.code ?? -1,
      stdout: error.stdout ?? '',
      stderr: error.stderr ?? '',
    }),
  );
}

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the crkit command', () => {
  it("answers --help on every command with exit 0 and that command's usage", async () => {
    const names = ['build', 'simulate', 'conform', 'check', 'audit', 'drift', 'deploy'];

    const helps = await Promise.all(names.map((name) => crkit([name, '--help'])));

    expect(
      helps.map((ran, index) => ({
        code: ran.code,
        usage: ran.stdout.startsWith(`usage: crkit ${names[index]}`),
      })),
    ).toEqual(names.map(() => ({ code: 0, usage: true })));
  }, 60_000);

  it('exits 2 without a command, listing the commands', async () => {
    const ran = await crkit([]);

    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain('crkit: name a command');
    expect(ran.stderr).toMatch(/build[\s\S]*simulate[\s\S]*deploy/);
  });

  it("resolves a template against the caller's working directory, not the package's", async () => {
    const ran = await crkit(['check', 'templates/examples/spread-group.yaml'], work);

    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain(
      `no file at ${join(work, 'templates/examples/spread-group.yaml')}`,
    );
  });

  it('refuses to simulate a template whose custom type the entry does not serve, naming the ' +
    'types it serves', async () => {
    const template = join(repository, 'templates/examples/spread-group.yaml');

    const ran = await crkit(
      [
        'simulate',
        template,
        '--entry',
        join(repository, 'test/fixtures/cli/echo-entry.ts'),
        '--set',
        'GroupName=g',
        '--out',
        join(work, 'run'),
      ],
      work,
    );

    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain(
      'the template uses Custom::PlacementGroup, which the entry does not serve; it ' +
        'serves Custom::Echo',
    );
  }, 60_000);

  it('takes the entry to deploy from --entry', () => {
    expect(
      parseDeployArgs(['--region', 'eu-west-1', '--bucket', 'b', '--entry', 'src/handler.ts'])
        .entry,
    ).toBe('src/handler.ts');
  });
});
