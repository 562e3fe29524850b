import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleHandler } from '../../scripts/build.js';
import { simulate } from '../../scripts/simulate/simulate.js';
import type { SimulateOptions } from '../../scripts/simulate/simulate.js';

let work: string;
let bundle: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'crkit-simulate-'));
  bundle = (
    await bundleHandler({ entry: 'handlers/entry.ts', outdir: join(work, 'dist'), zip: false })
  ).handlerPath;
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function run(options: Pick<SimulateOptions, 'template' | 'scenario' | 'sets'>) {
  const lines: string[] = [];
  const report = await simulate({
    ...options,
    bundle,
    outDir: join(work, String(options.scenario)),
    write: (line) => void lines.push(line),
  });
  const sequence = report.steps.map(
    (step) => `${step.stackStatus} ${step.requestType} ${step.logicalId} ${step.result}`,
  );
  return { report, lines, sequence };
}

const fleet = {
  template: 'templates/examples/cluster-fleet.yaml',
  sets: { InstanceType: 'c5n.18xlarge' },
};

describe('crkit simulate of failures through the stand-in', () => {
  it(
    'plays a failed create: the Create fails with a marker id and the rollback deletes ' +
      'everything',
    async () => {
      const { report, sequence } = await run({ ...fleet, scenario: 'failed-create' });

      expect(sequence).toEqual([
        'CREATE_IN_PROGRESS Create PlacementGroup SUCCESS',
        'CREATE_IN_PROGRESS Create FleetImage FAILED',
        'ROLLBACK_IN_PROGRESS Delete FleetImage SUCCESS',
        'ROLLBACK_IN_PROGRESS Delete PlacementGroup SUCCESS',
      ]);
      const failedCreate = report.steps[1];
      expect(failedCreate?.reason).toBe(
        'Invalid properties for Custom::SriovAmiRegistration: unknown property SimulatedFailure',
      );
      expect(failedCreate?.physicalId).toMatch(/^crkit:failed-create:/);
      expect(report.steps[2]?.sentPhysicalId).toBe(failedCreate?.physicalId);
      expect(
        report.cloudFormationEvents
          .filter((event) => event.logicalResourceId === 'FleetImage')
          .map((event) => [event.status, event.physicalResourceId, event.statusReason]),
      ).toEqual([
        ['CREATE_IN_PROGRESS', undefined, undefined],
        ['CREATE_FAILED', failedCreate?.physicalId, failedCreate?.reason],
        ['DELETE_IN_PROGRESS', failedCreate?.physicalId, undefined],
        ['DELETE_COMPLETE', failedCreate?.physicalId, undefined],
      ]);
      expect(report.status).toBe('ROLLBACK_COMPLETE');
      expect(report.ok).toBe(true);
    },
  );

  it('catches a second answer that arrives after the invocation returned', async () => {
    const lines: string[] = [];
    const broken = join(process.cwd(), 'test/fixtures/simulate/answers-twice.mjs');

    const report = await simulate({
      template: 'templates/examples/spread-group.yaml',
      scenario: 'failed-create',
      sets: { GroupName: 'twice' },
      bundle: broken,
      outDir: join(work, 'twice'),
      write: (line) => void lines.push(line),
    });

    expect(report.steps[0]?.answers).toBe(2);
    expect(report.ok).toBe(false);
    expect(lines.join('\n')).toMatch(/FAIL\s+each delivery gets exactly one answer/);
  });

  it(
    'plays SNS redelivery: every request answered once per delivery, identically, creating ' +
      'nothing new',
    async () => {
      const { report, sequence } = await run({
        template: 'templates/examples/spread-group.yaml',
        scenario: 'duplicate',
        sets: { GroupName: 'simulated-spread' },
      });

      expect(sequence).toEqual([
        'CREATE_IN_PROGRESS Create SpreadGroup SUCCESS',
        'DELETE_IN_PROGRESS Delete SpreadGroup SUCCESS',
      ]);
      expect(
        report.steps.map((step) => [
          step.deliveries,
          step.answers,
          step.consistentAnswers,
          step.redeliveryChanges,
        ]),
      ).toEqual([
        [3, 3, true, []],
        [3, 3, true, []],
      ]);
      expect(report.steps[0]?.physicalId).toBe('simulated-spread');
      expect(
        report.cloudFormationEvents
          .filter((event) => event.logicalResourceId === 'SpreadGroup')
          .map((event) => `${event.status} ${event.physicalResourceId ?? '-'}`),
      ).toEqual([
        'CREATE_IN_PROGRESS -',
        'CREATE_COMPLETE simulated-spread',
        'DELETE_IN_PROGRESS simulated-spread',
        'DELETE_COMPLETE simulated-spread',
      ]);
      expect(report.ok).toBe(true);
    },
  );

  it(
    'plays a timeout: with 6 s per invocation and a hung EC2 call, the handler still ' +
      'answers in time',
    async () => {
      const { report, sequence } = await run({ ...fleet, scenario: 'timeout' });

      expect(sequence).toEqual([
        'CREATE_IN_PROGRESS Create PlacementGroup FAILED',
        'ROLLBACK_IN_PROGRESS Delete PlacementGroup SUCCESS',
      ]);
      expect(report.steps[0]?.reason).toMatch(/working time \(\d+ ms\) ran out/);
      expect(report.steps[0]?.ms).toBeLessThan(6000);
      expect(report.ok).toBe(true);
    },
  );
});
