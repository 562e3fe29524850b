import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const folder = new URL('../../framework/', import.meta.url);
const files = readdirSync(folder).filter((name) => name.endsWith('.ts'));
const specifiers = (source: string) => [...source.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((match) => match[1] ?? match[2] ?? '');

describe('the framework import graph', () => {
  it('finds the framework files to check', () => {
    expect(files).toContain('index.ts');
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files)('%s imports no AWS SDK client and nothing from handlers/', (name) => {
    const imports = specifiers(readFileSync(new URL(name, folder), 'utf8'));

    expect(imports.filter((spec) => spec.startsWith('@aws-sdk/client-') || spec.includes('handlers/'))).toEqual([]);
    expect(imports.filter((spec) => spec.startsWith('.') && !spec.startsWith('./'))).toEqual([]);
  });
});
