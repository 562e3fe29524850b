import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareDrift, notChecked } from '../../framework/drift.js';
import { createLogger } from '../../framework/index.js';
import { driftMetricsFields } from '../../handlers/drift/metrics.js';

// The Logs Insights queries about drift name fields of crkit.drift and crkit.metrics records as the
// handler writes them: every field a query names must exist in such a record.
const identity = {
  stackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/fleet/1',
  logicalResourceId: 'Group',
  physicalResourceId: 'fleet-group',
  resourceType: 'Custom::PlacementGroup',
};
const modified = compareDrift({
  identity,
  expected: {
    Strategy: { kind: 'value', value: 'cluster' },
    PartitionCount: { kind: 'value', value: 2 },
    SpreadLevel: { kind: 'value', value: 'rack' },
    Name: { kind: 'not-comparable', why: 'it comes from the NoEcho parameter P' },
    Other: { kind: 'not-comparable', why: 'it uses Fn::GetAtt' },
  },
  live: {
    kind: 'found',
    properties: { Strategy: 'spread', PartitionCount: 3, SpreadLevel: 'host' },
  },
});

function records(): Record<string, unknown>[] {
  const lines: string[] = [];
  const log = createLogger({ sink: (line) => void lines.push(line) });
  log.record('crkit.drift', { ...modified });
  log.record('crkit.drift', { ...notChecked(identity, 'Custom::PlacementGroup has no read') });
  log.record('crkit.metrics', driftMetricsFields([modified], 'crkit'));
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Field paths as Logs Insights flattens JSON: `differences.0.propertyPath`. */
function paths(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, item]) =>
    paths(item, prefix === '' ? key : `${prefix}.${key}`),
  );
}

/** The fields a query names in `fields`, in `stats` functions and after `by`. */
function namedFields(query: string): string[] {
  const names = new Set<string>();
  for (const line of query.split('\n')) {
    const fields = /^\s*(?:\|\s*)?fields\s+(.*)$/.exec(line)?.[1];
    if (fields !== undefined)
      for (const name of fields
        .split(',')
        .map((field) => field.trim())
        .filter((field) => !field.startsWith('@')))
        names.add(name);
    for (const match of line.matchAll(/\b(?:latest|count|sum|max|min|avg)\(([\w.]+)\)/g))
      if (match[1] !== undefined) names.add(match[1]);
    const by = /\bby\s+(.*)$/.exec(line)?.[1];
    if (by !== undefined) for (const name of by.split(',')) names.add(name.trim());
  }
  return [...names];
}

const queries = [
  'drift-latest-per-resource.txt',
  'drifted-resources.txt',
  'drift-not-checked.txt',
  'drift-runs.txt',
];

describe('the Logs Insights queries about drift', () => {
  it.each(queries)('%s names only fields the handler writes', (file) => {
    const query = readFileSync(new URL(`../../queries/${file}`, import.meta.url), 'utf8');
    const written = new Set(records().flatMap((record) => paths(record)));

    const named = namedFields(query);
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((name) => !written.has(name))).toEqual([]);
    expect(query).toMatch(/type = "crkit\.(drift|metrics)"/);
  });

  it('the check finds a misspelt field', () => {
    const written = new Set(records().flatMap((record) => paths(record)));

    expect(
      namedFields(
        'fields @timestamp, differences.0.propertyPth\n| filter type = "crkit.drift"',
      ).filter((name) => !written.has(name)),
    ).toEqual(['differences.0.propertyPth']);
  });
});
