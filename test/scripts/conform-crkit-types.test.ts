import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConformance, standinFaults } from '../../scripts/conform/index.js';
import type { ConformanceReport } from '../../scripts/conform/index.js';
import { SAMPLE_SOURCE_IMAGES, startStandin } from '../../scripts/standin/index.js';
import type { Standin } from '../../scripts/standin/index.js';
import { builtInResources } from '../../handlers/resources/index.js';
import type { ResourceDefinition } from '../../framework/index.js';
import placementGroup from '../fixtures/conformance/placement-group.json' with { type: 'json' };
import placementGroupUpdate from '../fixtures/conformance/placement-group-update.json' with {
  type: 'json',
};
import placementGroupReplace from '../fixtures/conformance/placement-group-replace.json' with {
  type: 'json',
};
import { pattern } from '../support/pattern.js';

/** The verdict of the drift read after an expected value was altered. */
const ModifiedVerdict =
  /^pass: MODIFIED naming \/(Strategy|SpreadLevel|GroupName) when its expected value was altered$/;

let standin: Standin;
const creations = () =>
  standin
    .calls()
    .filter((call) => call.status === 200 && /^(Create(?!Tags)|Register)/.test(call.action)).length;
const readVerdicts = (report: ConformanceReport) =>
  report.invariants
    .filter((item) => item.name.startsWith('read '))
    .map((item) => `${item.status}: ${item.evidence.join('; ')}`);
const failing = (report: ConformanceReport) =>
  report.invariants
    .filter((item) => item.status === 'fail')
    .map((item) => `${item.name}: ${item.evidence.join('; ')}`);

async function definitionOf(type: string): Promise<ResourceDefinition> {
  const entry = builtInResources.find((item) => item.type === type);
  const loaded = (await entry?.load()) as { definition: ResourceDefinition };
  return loaded.definition;
}

beforeAll(async () => {
  standin = await startStandin({
    autoCreateStacks: true,
    imageOutcome: { result: 'available', readiness: { afterDescribes: 0 } },
  });
  Object.assign(process.env, standin.env);
});

afterAll(async () => {
  await standin.stop();
});

describe("the conformance kit on crkit's own resource types, through the stand-in", () => {
  it('passes Custom::PlacementGroup with an update in place', async () => {
    const report = await runConformance(await definitionOf('Custom::PlacementGroup'), {
      properties: placementGroup,
      update: placementGroupUpdate,
      creations,
    });

    expect(failing(report)).toEqual([]);
    expect(
      report.invariants.find((item) => item.name === 'physical id unchanged on in-place update')
        ?.status,
    ).toBe('pass');
    expect(readVerdicts(report)).toEqual([
      'pass: IN_SYNC after create and after an in-place update',
      expect.stringMatching(ModifiedVerdict),
      expect.stringMatching(/^pass: DELETED after delete of /),
    ]);
  });

  it(
    'answers Custom::PlacementGroup FAILED once, naming the AWS error, when the stand-in ' +
      'refuses every call',
    async () => {
      const report = await runConformance(await definitionOf('Custom::PlacementGroup'), {
        properties: placementGroup,
        creations,
        awsFaults: standinFaults(standin),
      });

      expect(failing(report)).toEqual([]);
      const verdict = report.invariants.find(
        (item) => item.name === 'an AWS error is answered FAILED once',
      );
      expect(verdict?.status).toBe('pass');
      expect(verdict?.evidence[0]).toMatch(
        pattern(
          /^FAILED once: "The handler's IAM role may not call ec2:\w+/,
          / \(UnauthorizedOperation\).*"; its rollback Delete succeeded$/,
        ),
      );
      expect(standin.pendingFaults()).toEqual([]);
    },
  );

  it('passes Custom::PlacementGroup with a replacing update', async () => {
    const report = await runConformance(await definitionOf('Custom::PlacementGroup'), {
      properties: placementGroup,
      update: placementGroupReplace,
      creations,
    });

    expect(failing(report)).toEqual([]);
    expect(
      report.invariants.find(
        (item) => item.name === 'replacement only when a replace-on property changed',
      )?.evidence[0],
    ).toMatch(/^replaced .* \(Strategy, SpreadLevel changed\)$/);
  });

  it('passes Custom::SriovAmiRegistration with a replacing update of its source', async () => {
    const source = standin.seedImage({
      ...SAMPLE_SOURCE_IMAGES.hvmUefi,
      name: 'conform-source-a',
    }).imageId;
    const other = standin.seedImage({
      ...SAMPLE_SOURCE_IMAGES.hvmUefi,
      name: 'conform-source-b',
    }).imageId;
    const properties = {
      SourceImageId: source,
      Name: 'conform-sriov',
      SriovNetSupport: 'simple',
      EnaSupport: true,
      DriverConfirmed: true,
    };

    const report = await runConformance(await definitionOf('Custom::SriovAmiRegistration'), {
      properties,
      update: { ...properties, SourceImageId: other, Name: 'conform-sriov-b' },
      creations,
    });

    expect(failing(report)).toEqual([]);
    expect(
      report.invariants.find((item) => item.name === 'duplicate delivery creates nothing new')
        ?.evidence[0],
    ).toContain('with no creating AWS call');
    expect(readVerdicts(report)).toEqual([
      'pass: IN_SYNC after create and after a replacing update',
      expect.stringMatching(/^pass: MODIFIED naming \/\w+ when its expected value was altered$/),
      expect.stringMatching(/^pass: DELETED after delete of ami-/),
    ]);
  });
});
