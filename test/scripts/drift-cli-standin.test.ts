import { CreatePlacementGroupCommand, EC2Client } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StackResourceDriftsJson } from '../../scripts/drift/cloudformation-shape.js';
import { defaultDeps, runDrift } from '../../scripts/drift/main.js';
import { startStandin } from '../../scripts/standin/index.js';
import type { Standin } from '../../scripts/standin/index.js';
import { pattern } from '../support/pattern.js';

// The command as `npm run crkit -- drift --stack fleet --standin URL` runs it, with the real check
// and the real resource reads, against a stand-in holding one stack with one placement group.
const TEMPLATE = `Parameters:
  Team: { Type: String }
Resources:
  Group:
    Type: Custom::PlacementGroup
    Properties:
      ServiceToken: !ImportValue crkit-ServiceToken
      Strategy: cluster
      Tags:
        - Key: team
          Value: !Ref Team
`;
// The same with a tag fed by a NoEcho parameter, in JSON.
const SECRET_TEMPLATE = JSON.stringify({
  Parameters: { Secret: { Type: 'String', NoEcho: true } },
  Resources: {
    Group: {
      Type: 'Custom::PlacementGroup',
      Properties: {
        ServiceToken: { 'Fn::ImportValue': 'crkit-ServiceToken' },
        Strategy: 'cluster',
        Tags: [{ Key: 'badge', Value: { Ref: 'Secret' } }],
      },
    },
  },
});
const SECRET = 'a-noecho-value-never-printed';

let standin: Standin;
let stackId: string;

async function drift(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runDrift(['--standin', standin.url, ...argv], (options) => ({
    ...defaultDeps(options),
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  }));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  standin = await startStandin({ placementGroupReadiness: { afterDescribes: 0 } });
  const ec2 = new EC2Client({
    endpoint: standin.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDSTANDINTEST', secretAccessKey: 'fake-secret' },
  });
  const deploy = async (
    stackName: string,
    templateBody: string,
    parameters: { key: string; value: string; noEcho?: boolean }[],
    tags: { Key: string; Value: string }[],
  ) => {
    const ref = standin.putStack({ stackName, templateBody, parameters });
    const owner = [
      { Key: 'crkit:stack-id', Value: ref.stackId },
      { Key: 'crkit:logical-id', Value: 'Group' },
    ];
    await ec2.send(
      new CreatePlacementGroupCommand({
        GroupName: `${stackName}-group`,
        Strategy: 'cluster',
        TagSpecifications: [{ ResourceType: 'placement-group', Tags: [...owner, ...tags] }],
      }),
    );
    standin.setStackResource({
      stack: ref.stackId,
      logicalResourceId: 'Group',
      resourceType: 'Custom::PlacementGroup',
      physicalResourceId: `${stackName}-group`,
      status: 'CREATE_COMPLETE',
    });
    return ref.stackId;
  };
  stackId = await deploy(
    'fleet',
    TEMPLATE,
    [{ key: 'Team', value: 'hpc' }],
    [{ Key: 'team', Value: 'hpc' }],
  );
  await deploy(
    'secret-fleet',
    SECRET_TEMPLATE,
    [{ key: 'Secret', value: SECRET, noEcho: true }],
    [{ Key: 'badge', Value: SECRET }],
  );
  ec2.destroy();
});

afterAll(async () => {
  await standin.stop();
});

describe('crkit drift against the stand-in', () => {
  it(
    'reports IN_SYNC (exit 0), names the NoEcho-fed tag not comparable, and never prints ' +
      'the NoEcho value',
    async () => {
      const run = await drift(['--stack', 'fleet', '--stack', 'secret-fleet']);

      expect(run.code).toBe(0);
      expect(run.err).toContain(`LOCAL STAND-IN on ${standin.url}`);
      expect(run.out).toMatch(/IN_SYNC +Group Custom::PlacementGroup fleet-group/);
      expect(run.out).toMatch(
        pattern(
          /IN_SYNC +Group Custom::PlacementGroup secret-fleet-group\n +not comparable: Tags/,
          / \(.*NoEcho parameter Secret\)/,
        ),
      );
      expect(`${run.out}${run.err}`).not.toContain(SECRET);
    },
  );

  it(
    'finds a tag removed behind its back (exit 1), in CloudFormation JSON that the schema ' +
      'accepts',
    async () => {
      standin.removeTags('fleet-group', ['team']);

      const run = await drift(['--stack', 'fleet', '--json']);

      const drifts = StackResourceDriftsJson.parse(JSON.parse(run.out));
      expect(run.code).toBe(1);
      expect(drifts).toEqual([
        expect.objectContaining({
          StackId: stackId,
          LogicalResourceId: 'Group',
          PhysicalResourceId: 'fleet-group',
          StackResourceDriftStatus: 'MODIFIED',
          PropertyDifferences: [
            {
              PropertyPath: '/Tags/team',
              ExpectedValue: 'hpc',
              ActualValue: 'null',
              DifferenceType: 'REMOVE',
            },
          ],
        }),
      ]);
      expect(run.out).not.toContain(SECRET);
    },
  );

  it('--all finds both stacks', async () => {
    const run = await drift(['--all']);

    expect(
      run.out
        .split('\n')
        .filter((line) => line.startsWith('stack '))
        .map((line) => line.split(' ')[1]),
    ).toEqual(['fleet', 'secret-fleet']);
  });

  it('made read calls only', () => {
    const writes = standin
      .calls()
      .filter(
        (call) =>
          !/^(Describe|Get|List)/.test(call.action) && call.action !== 'CreatePlacementGroup',
      );

    expect(standin.calls({ service: 'cloudformation' }).map((call) => call.action)).toContain(
      'GetTemplate',
    );
    expect(writes).toEqual([]);
  });
});
