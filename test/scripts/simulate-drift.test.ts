import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleHandler } from '../../scripts/build.js';
import { parseSimulateArgs } from '../../scripts/simulate/args.js';
import { simulate } from '../../scripts/simulate/simulate.js';
import type { SimulationReport } from '../../scripts/simulate/simulate.js';
import { pattern } from '../support/pattern.js';

let work: string;
let report: SimulationReport;
const lines: string[] = [];
const joinToken = 'sim-secret-join-token-0042';

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'crkit-simulate-drift-'));
  const bundle = (
    await bundleHandler({ entry: 'handlers/entry.ts', outdir: join(work, 'dist'), zip: false })
  ).handlerPath;
  report = await simulate({
    template: 'templates/examples/cluster-fleet.yaml',
    scenario: 'drift',
    sets: { ClusterJoinToken: joinToken },
    bundle,
    outDir: join(work, 'run'),
    write: (line) => void lines.push(line),
  });
}, 60_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('simulate: the drift scenario, offline', () => {
  it(
    'passes every check: in sync after create, each change found and named, the image ' +
      'DELETED, read calls only',
    () => {
      expect(report.checks.filter((check) => !check.ok)).toEqual([]);
      expect(report.checks.map((check) => check.text)).toEqual(
        expect.arrayContaining([
          'right after create, every crkit resource is IN_SYNC',
          'the removed tag is found: the group is MODIFIED, /Tags/environment REMOVE (it ' +
            'is MODIFIED)',
          'the flipped attribute is found: the image is MODIFIED, naming EnaSupport ' +
            '(it is MODIFIED)',
          'the deregistered image is DELETED (it is DELETED)',
          'the drift checks made read calls only',
        ]),
      );
      expect(report.ok).toBe(true);
    },
  );

  it('shows each finding as crkit drift prints it', () => {
    const text = lines.join('\n');

    expect(text).toMatch(
      pattern(
        /drift check 2 \(after the changes\) — crkit drift --stack crkit-sim-cluster-fleet/,
        / --standin http:\/\/127\.0\.0\.1:\d+/,
      ),
    );
    expect(text).toMatch(
      pattern(
        /MODIFIED +PlacementGroup Custom::PlacementGroup \S+\n +\/Tags\/environment: expected dev,/,
        / actual \(absent\) \[REMOVE\]/,
      ),
    );
    expect(text).toMatch(
      pattern(
        /MODIFIED +FleetImage +Custom::SriovAmiRegistration ami-\S+\n +\/EnaSupport: expected/,
        / true, actual false/,
      ),
    );
    expect(text).toMatch(
      /DELETED +FleetImage +Custom::SriovAmiRegistration ami-\S+\n +the resource no longer exists/,
    );
    expect(text).not.toContain(joinToken);
  });

  it('ends with the stack deleted, the deregistered image answered as already gone', () => {
    expect(report.status).toBe('DELETE_COMPLETE');
    expect(
      report.steps.map((step) => `${step.requestType} ${step.logicalId} ${step.result}`),
    ).toEqual([
      'Create PlacementGroup SUCCESS',
      'Create FleetImage SUCCESS',
      'Delete FleetImage SUCCESS',
      'Delete PlacementGroup SUCCESS',
    ]);
  });
});

describe('simulate: the drift scenario on the command line', () => {
  it("refuses --profile: the changes behind crkit's back are made in the stand-in", () => {
    expect(() => parseSimulateArgs(['--scenario', 'drift', '--profile', 'ops'])).toThrow(
      /runs offline only \(drop --profile\)/,
    );
    expect(parseSimulateArgs(['--scenario', 'drift'])).toMatchObject({
      scenario: 'drift',
      profile: undefined,
      template: 'templates/examples/cluster-fleet.yaml',
    });
  });
});
