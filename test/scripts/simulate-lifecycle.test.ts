import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleHandler } from '../../scripts/build.js';
import { parseSimulateArgs } from '../../scripts/simulate/args.js';
import { simulate } from '../../scripts/simulate/simulate.js';
import type { ScenarioName } from '../../scripts/simulate/scenarios.js';
import type { SimulationReport } from '../../scripts/simulate/simulate.js';
import { pattern } from '../support/pattern.js';

let work: string;
let bundle: string;
let runs = 0;
const joinToken = 'sim-secret-join-token-0042';

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'crkit-simulate-'));
  bundle = (
    await bundleHandler({ entry: 'handlers/entry.ts', outdir: join(work, 'dist'), zip: false })
  ).handlerPath;
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function run(scenario: ScenarioName) {
  const lines: string[] = [];
  runs += 1;
  const report = await simulate({
    template: 'templates/examples/cluster-fleet.yaml',
    scenario,
    sets: { InstanceType: 'c5n.18xlarge', ClusterJoinToken: joinToken },
    bundle,
    outDir: join(work, `${scenario}-${runs}`),
    write: (line) => void lines.push(line),
  });
  const sequence = report.steps.map(
    (step) =>
      `${step.stackStatus} ${step.requestType} ${step.logicalId} ${step.action ?? '-'} ` +
      `${step.result}`,
  );
  return { report, lines, sequence };
}

/**
 * CloudFormation's events of one resource, oldest first, each with the stack status it happened in.
 */
function eventsOf(report: SimulationReport, logicalId: string): string[] {
  let stackStatus = '';
  const out: string[] = [];
  for (const event of report.cloudFormationEvents) {
    if (event.resourceType === 'AWS::CloudFormation::Stack') stackStatus = event.status;
    else if (event.logicalResourceId === logicalId)
      out.push(`${stackStatus}: ${event.status} ${event.physicalResourceId ?? '-'}`);
  }
  return out;
}

describe('crkit simulate of the cluster-fleet example through the stand-in', () => {
  const lifecycleTitle =
    'plays the lifecycle: create, update in place, replacing update, cleanup delete, delete';
  it(lifecycleTitle, async () => {
    const { report, lines, sequence } = await run('lifecycle');

    expect(sequence).toEqual([
      'CREATE_IN_PROGRESS Create PlacementGroup create SUCCESS',
      'CREATE_IN_PROGRESS Create FleetImage create SUCCESS',
      'UPDATE_IN_PROGRESS Update PlacementGroup update SUCCESS',
      'UPDATE_IN_PROGRESS Update FleetImage update SUCCESS',
      'UPDATE_IN_PROGRESS Update FleetImage update SUCCESS',
      'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS Delete FleetImage delete SUCCESS',
      'DELETE_IN_PROGRESS Delete FleetImage delete SUCCESS',
      'DELETE_IN_PROGRESS Delete PlacementGroup delete SUCCESS',
    ]);
    const [, image, , inPlace, replaced, cleanup, finalImage] = report.steps;
    expect(inPlace?.physicalId).toBe(image?.physicalId);
    expect(replaced?.physicalId).not.toBe(image?.physicalId);
    expect(cleanup?.sentPhysicalId).toBe(image?.physicalId);
    expect(finalImage?.sentPhysicalId).toBe(replaced?.physicalId);
    const [oldId, newId] = [image?.physicalId, replaced?.physicalId];
    expect(eventsOf(report, 'FleetImage')).toEqual([
      'CREATE_IN_PROGRESS: CREATE_IN_PROGRESS -',
      `CREATE_IN_PROGRESS: CREATE_COMPLETE ${oldId}`,
      `UPDATE_IN_PROGRESS: UPDATE_IN_PROGRESS ${oldId}`,
      `UPDATE_IN_PROGRESS: UPDATE_COMPLETE ${oldId}`,
      `UPDATE_IN_PROGRESS: UPDATE_IN_PROGRESS ${oldId}`,
      `UPDATE_IN_PROGRESS: UPDATE_COMPLETE ${newId}`,
      `UPDATE_COMPLETE_CLEANUP_IN_PROGRESS: DELETE_IN_PROGRESS ${oldId}`,
      `UPDATE_COMPLETE_CLEANUP_IN_PROGRESS: DELETE_COMPLETE ${oldId}`,
      `DELETE_IN_PROGRESS: DELETE_IN_PROGRESS ${newId}`,
      `DELETE_IN_PROGRESS: DELETE_COMPLETE ${newId}`,
    ]);
    expect(report.plan.inPlace?.parameter).toBe('Environment');
    expect(report.plan.replacing?.parameter).toBe('SourceImageId');
    expect(report.ok).toBe(true);
    expect(lines[1]).toContain('AWS is a LOCAL STAND-IN');
    expect(lines.join('\n')).not.toContain(joinToken);
    expect(lines.find((line) => line.startsWith('parameters:'))).toContain('ClusterJoinToken=****');
    expect(lines.at(-1)).toMatch(
      pattern(
        /^summary: lifecycle PASSED: 8 requests, 8 SUCCESS, 0 FAILED, 0 unanswered, 0 invalid;/,
        / stack DELETE_COMPLETE;/,
      ),
    );
  });

  it('writes one signal record per answer to signals.jsonl, image ids included', async () => {
    const { report, lines } = await run('lifecycle');

    const records = (await readFile(report.signalsFile, 'utf8'))
      .trim()
      .split('\n')
      .map(
        (line) =>
          JSON.parse(line) as { type: string; requestId: string; physicalResourceId: string },
      );
    expect(records.map((record) => record.type)).toEqual(Array(8).fill('crkit.signal'));
    expect(records.map((record) => record.requestId).sort()).toEqual(
      report.steps.map((step) => step.requestId).sort(),
    );

    // The same run reports each wait on a resource: the new image of the Create and of the
    // replacing Update.
    const [, created, , inPlace, replaced] = report.steps;
    for (const step of [created, replaced]) {
      expect(step?.waits.map((wait) => [wait.kind, wait.id])).toEqual([
        ['image', step?.physicalId],
      ]);
      const wait = step?.waits[0];
      expect(wait?.readyAt).toBeTypeOf('number');
      expect(wait?.answeredAt).toBeTypeOf('number');
      expect(wait?.lagMs).toBe((wait?.answeredAt ?? Number.NaN) - (wait?.readyAt ?? Number.NaN));
      expect(wait?.readyAt).toBeGreaterThanOrEqual(wait?.sentAt ?? Number.NaN);
      // The stand-in's default image: the first Describe sees it pending, a later one available.
      expect(wait?.describes).toBeGreaterThanOrEqual(2);
    }
    expect(inPlace?.waits).toEqual([]);
    expect(
      report.steps.filter((step) => step.requestType === 'Delete').flatMap((step) => step.waits),
    ).toEqual([]);
    const waits = report.steps.flatMap((step) => step.waits);
    expect(lines.filter((line) => line.startsWith('readiness lag:'))).toEqual([
      expect.stringMatching(new RegExp(`^readiness lag: ${waits.length} waits; answer − ready `)),
    ]);
    expect(lines.filter((line) => line.includes('wait:'))).toEqual([]);
  });

  it('reads --waits and --image-ready-after from the command line', () => {
    expect(parseSimulateArgs(['--waits', '--image-ready-after', '30'])).toMatchObject({
      showWaits: true,
      imageReadyAfterSeconds: 30,
    });
    expect(parseSimulateArgs([])).toMatchObject({
      showWaits: false,
      imageReadyAfterSeconds: undefined,
    });
    expect(() => parseSimulateArgs(['--image-ready-after', 'soon'])).toThrow(
      /--image-ready-after must be a positive number/,
    );
  });

  it(
    'plays a rollback: the update fails downstream, the in-place change is rolled back and ' +
      'the replacement deleted',
    async () => {
      const { report, sequence } = await run('rollback');

      expect(sequence).toEqual([
        'CREATE_IN_PROGRESS Create PlacementGroup create SUCCESS',
        'CREATE_IN_PROGRESS Create FleetImage create SUCCESS',
        'UPDATE_IN_PROGRESS Update PlacementGroup update SUCCESS',
        'UPDATE_IN_PROGRESS Update FleetImage update SUCCESS',
        'UPDATE_ROLLBACK_IN_PROGRESS Update PlacementGroup rollback SUCCESS',
        'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS Delete FleetImage delete SUCCESS',
        'DELETE_IN_PROGRESS Delete FleetImage delete SUCCESS',
        'DELETE_IN_PROGRESS Delete PlacementGroup delete SUCCESS',
      ]);
      const [, original, , replacement, , cleanup, finalDelete] = report.steps;
      expect(cleanup?.sentPhysicalId).toBe(replacement?.physicalId);
      expect(finalDelete?.sentPhysicalId).toBe(original?.physicalId);
      const [oldId, newId] = [original?.physicalId, replacement?.physicalId];
      expect(eventsOf(report, 'FleetImage')).toEqual([
        'CREATE_IN_PROGRESS: CREATE_IN_PROGRESS -',
        `CREATE_IN_PROGRESS: CREATE_COMPLETE ${oldId}`,
        `UPDATE_IN_PROGRESS: UPDATE_IN_PROGRESS ${oldId}`,
        `UPDATE_IN_PROGRESS: UPDATE_COMPLETE ${newId}`,
        `UPDATE_ROLLBACK_IN_PROGRESS: UPDATE_COMPLETE ${oldId}`,
        `UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS: DELETE_IN_PROGRESS ${newId}`,
        `UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS: DELETE_COMPLETE ${newId}`,
        `DELETE_IN_PROGRESS: DELETE_IN_PROGRESS ${oldId}`,
        `DELETE_IN_PROGRESS: DELETE_COMPLETE ${oldId}`,
      ]);
      expect(
        eventsOf(report, 'PlacementGroup').filter((event) =>
          event.startsWith('UPDATE_ROLLBACK_IN_PROGRESS'),
        ),
      ).toEqual([
        `UPDATE_ROLLBACK_IN_PROGRESS: UPDATE_IN_PROGRESS ${report.steps[0]?.physicalId}`,
        `UPDATE_ROLLBACK_IN_PROGRESS: UPDATE_COMPLETE ${report.steps[0]?.physicalId}`,
      ]);
      expect(report.ok).toBe(true);
    },
  );

  it('plays the lifecycle with every request SNS-wrapped', async () => {
    const { report } = await run('sns');

    expect(report.steps.map((step) => step.via)).toEqual(Array(8).fill('sns'));
    expect(report.steps.every((step) => step.result === 'SUCCESS' && step.answers === 1)).toBe(
      true,
    );
    expect(report.status).toBe('DELETE_COMPLETE');
  });
});
