/**
 * Each protection earns its place: the same build with one protection cut out of the framework
 * (by an esbuild plugin in this test only; product code has no switch) fails scenarios of the
 * matrix that the real build passes. Removed in turn: the ResponseURL origin check, the
 * deadline, redaction, and the bound on PUT retries. The table printed says which scenarios
 * failed and why.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { codeScenarios } from './scenarios/code.js';
import { responseUrlScenarios } from './scenarios/response-url.js';
import { buildBundles } from './support/bundles.js';
import type { BundleSet, SourcePatch } from './support/bundles.js';
import { playScenario } from './support/harness.js';
import type { Row, Scenario } from './support/harness.js';
import { plantCanaries, startWorld, stopWorld, summaryTable } from './support/matrix.js';
import type { World } from './support/matrix.js';

type Removal = {
  readonly protection: string;
  readonly patches: readonly SourcePatch[];
  readonly scenarios: readonly string[];
};

/** The scenarios are played in order; one that hangs the process must come last. */
const removals: readonly Removal[] = [
  {
    protection: 'origin check',
    patches: [
      {
        file: 'framework/answer/put.ts',
        find: 'if (extraOrigins.includes(url.origin)) return true;',
        replace: 'return true;',
      },
    ],
    // Only loopback targets: without the check, the metadata-address scenario would really connect.
    scenarios: ['ResponseURL is a loopback origin not allowed'],
  },
  {
    protection: 'redaction',
    patches: [
      {
        file: 'framework/redaction.ts',
        find: 'let out = scrubUrls(value);',
        replace: 'let out = value; return out;',
      },
    ],
    scenarios: [
      'resource throws a ResourceError naming a secret',
      'resource answers failed() with a secret in the reason',
      'sensitive property on a successful create',
    ],
  },
  {
    protection: 'retry bound',
    patches: [
      {
        file: 'framework/answer/put.ts',
        find:
          'if (attempts >= maxAttempts || Date.now() + pause + 50 >= options.endsAt) ' +
          'return done(false);',
        replace: '',
      },
    ],
    scenarios: ['endpoint answers 503 every time'],
  },
  {
    protection: 'deadline',
    patches: [
      {
        file: 'framework/deadline.ts',
        find: '    Math.max(0, workEndsAt - start),\n  );',
        replace: '    2_147_000_000,\n  );',
      },
    ],
    scenarios: ['resource never settles'],
  },
];

describe('removing a protection makes the matrix fail', () => {
  const canaries = plantCanaries();
  const tables: string[] = [];
  let bundles: BundleSet | undefined;

  afterAll(async () => {
    console.log(tables.join('\n\n'));
    await bundles?.dispose();
  });

  it.each(removals.map((removal) => [removal.protection, removal] as const))(
    'fails scenarios without the %s',
    async (_name, removal) => {
      bundles ??= await buildBundles({
        kinds: [],
        variants: Object.fromEntries(
          removals.map((item) => [
            item.protection,
            { kind: 'fixture' as const, patches: item.patches },
          ]),
        ),
      });
      let world: World | undefined;
      const rows: Row[] = [];
      try {
        world = await startWorld(bundles.paths[removal.protection] as string, canaries, {
          overrunMs: 1500,
        });
        const current = world;
        const all: Scenario[] = [
          ...codeScenarios(canaries),
          ...responseUrlScenarios(() => current),
        ];
        for (const name of removal.scenarios) {
          const scenario = all.find((item) => item.name === name);
          if (scenario === undefined) throw new Error(`no scenario named ${name}`);
          rows.push(await playScenario(scenario, 'direct', current));
        }
      } finally {
        await stopWorld(world);
      }
      tables.push(
        `${summaryTable(`without the ${removal.protection}`, rows)}\n` +
          rows
            .flatMap((row) => row.problems.map((problem) => `  ${row.scenario}: ${problem}`))
            .join('\n'),
      );
      expect(rows.filter((row) => row.problems.length > 0).map((row) => row.scenario)).not.toEqual(
        [],
      );
    },
    60_000,
  );
});
