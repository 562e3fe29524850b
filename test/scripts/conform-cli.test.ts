import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runConform } from '../../scripts/conform/index.js';

const folder = mkdtempSync(join(tmpdir(), 'crkit-conform-cli-'));
const propertiesFile = join(folder, 'properties.json');
writeFileSync(propertiesFile, JSON.stringify({ Name: 'alpha' }));
const fixture = (name: string) =>
  new URL(`../fixtures/conformance/${name}`, import.meta.url).pathname;

function capturedStderr(): () => string {
  const written: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation(
    (chunk: string | Uint8Array) => written.push(String(chunk)) > 0,
  );
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  return () => written.join('');
}

afterEach(() => vi.restoreAllMocks());

describe('crkit conform usage errors', () => {
  it(
    'exits 2 listing the resource types the module does export when the asked type is not ' +
      'one of them',
    async () => {
      const stderr = capturedStderr();

      const code = await runConform([
        fixture('broken-types.ts'),
        '--type',
        'Custom::Missing',
        '--properties',
        propertiesFile,
      ]);

      expect(code).toBe(2);
      expect(stderr()).toContain(
        'crkit conform: the module exports no definition of Custom::Missing; it exports ' +
          'Custom::ChangesIdOnDelete, Custom::CreatesTwice',
      );
      expect(stderr()).toContain('usage: crkit conform');
    },
  );

  it('exits 2 saying the module exports no resource definition at all', async () => {
    const stderr = capturedStderr();

    const code = await runConform([
      fixture('no-definitions.ts'),
      '--type',
      'Custom::Thing',
      '--properties',
      propertiesFile,
    ]);

    expect(code).toBe(2);
    expect(stderr()).toContain(
      'crkit conform: the module exports no definition of Custom::Thing; it exports no ' +
        'resource definition (export the object defineResource returns)',
    );
  });
});
