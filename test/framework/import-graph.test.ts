import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const folder = new URL('../../framework/', import.meta.url);
const files = (readdirSync(folder, { recursive: true }) as string[]).filter((name) =>
  name.endsWith('.ts'),
);
/** Where a relative specifier of a framework file lands, relative to framework/. */
const landing = (name: string, spec: string) =>
  path.posix.normalize(path.posix.join(path.posix.dirname(name), spec));
const specifiers = (source: string) =>
  [
    ...source.matchAll(
      /(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g,
    ),
  ].map((match) => match[1] ?? match[2] ?? '');

describe('the framework import graph', () => {
  it('finds the framework files to check', () => {
    expect(files).toContain('index.ts');
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files)('%s imports no AWS SDK client and nothing from handlers/', (name) => {
    const imports = specifiers(readFileSync(new URL(name, folder), 'utf8'));

    expect(
      imports.filter((spec) => spec.startsWith('@aws-sdk/client-') || spec.includes('handlers/')),
    ).toEqual([]);
    expect(
      imports.filter((spec) => spec.startsWith('.') && landing(name, spec).startsWith('..')),
    ).toEqual([]);
  });

  it.each(files.filter((name) => !name.startsWith('testing/')))(
    '%s does not import the testing kit',
    (name) => {
      const imports = specifiers(readFileSync(new URL(name, folder), 'utf8'));

      expect(
        imports.filter(
          (spec) => spec.startsWith('.') && landing(name, spec).startsWith('testing/'),
        ),
      ).toEqual([]);
    },
  );
});

describe('the handlers import graph', () => {
  const root = new URL('../../handlers/', import.meta.url);
  const handlerFiles = (readdirSync(root, { recursive: true }) as string[]).filter((name) =>
    name.endsWith('.ts'),
  );

  it('finds the handler files to check', () => {
    expect(handlerFiles).toContain('entry.ts');
    expect(handlerFiles.length).toBeGreaterThan(10);
  });

  // Two public entries: the request path's, and drift detection's (loaded only by a drift check).
  it.each(handlerFiles)('%s reaches the framework only through its public entries', (name) => {
    const imports = specifiers(readFileSync(new URL(name, root), 'utf8'));

    expect(
      imports.filter(
        (spec) => /(^|\/)framework\//.test(spec) && !/\/framework\/(index|drift)\.js$/.test(spec),
      ),
    ).toEqual([]);
  });

  it('serves its own handler through the public entry points only, as a user would', () => {
    const imports = specifiers(readFileSync(new URL('entry.ts', root), 'utf8'));

    expect(imports).toEqual(['./aws/index.js', './resources/index.js']);
  });
});

describe('the scripts import graph', () => {
  const root = new URL('../../scripts/', import.meta.url);
  const scriptFiles = (readdirSync(root, { recursive: true }) as string[]).filter((name) =>
    name.endsWith('.ts'),
  );
  // The bench measures the framework's parts one by one, so it alone may reach inside.
  const toolFiles = scriptFiles.filter((name) => !name.startsWith('bench/'));
  const publicEntry = /\/framework\/(index|drift|testing\/index)\.js$/;

  it('finds the script files to check', () => {
    expect(toolFiles).toContain('crkit.ts');
    expect(toolFiles.length).toBeGreaterThan(50);
  });

  it.each(toolFiles)('%s reaches the framework only through its public entries', (name) => {
    const imports = specifiers(readFileSync(new URL(name, root), 'utf8'));

    expect(
      imports.filter((spec) => /(^|\/)framework\//.test(spec) && !publicEntry.test(spec)),
    ).toEqual([]);
  });
});
