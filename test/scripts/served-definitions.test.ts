/**
 * The definitions a built bundle serves, read from its entry's `resources` export: what
 * `crkit deploy --entry` renders the role's policy from and `crkit check --entry` checks with.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleHandler } from '../../scripts/build.js';
import { servedDefinitions } from '../../scripts/served-definitions.js';

const work = mkdtempSync(join(tmpdir(), 'crkit-served-'));

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('servedDefinitions', () => {
  it("reads the definitions of the entry's resources from the bundle, lazy built-in ones " +
    'loaded', async () => {
    const own = await bundleHandler({
      entry: 'handlers/entry.ts',
      outdir: join(work, 'own'),
      zip: false,
    });
    const echo = await bundleHandler({
      entry: 'test/fixtures/cli/echo-entry.ts',
      outdir: join(work, 'echo'),
      zip: false,
    });

    const ownTypes = (await servedDefinitions(own.handlerPath)).map((definition) => ({
      type: definition.type,
      replaceOn: definition.replaceOn.length > 0,
    }));
    const echoTypes = (await servedDefinitions(echo.handlerPath)).map(
      (definition) => definition.type,
    );

    expect(ownTypes).toEqual([
      { type: 'Custom::PlacementGroup', replaceOn: true },
      { type: 'Custom::SriovAmiRegistration', replaceOn: true },
    ]);
    expect(echoTypes).toEqual(['Custom::Echo']);
  }, 60_000);

  it('refuses a bundle whose entry exports no resources, saying what to export', async () => {
    const bare = await bundleHandler({
      entry: 'test/fixtures/bundle/entry.ts',
      outdir: join(work, 'bare'),
      zip: false,
    });

    await expect(servedDefinitions(bare.handlerPath)).rejects.toThrow(
      'the entry exports no `resources` (export const resources = [...]; see docs/cli.md)',
    );
  }, 60_000);
});
