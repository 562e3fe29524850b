/**
 * EC2 scenarios through the production bundle and Custom::PlacementGroup (and
 * Custom::SriovAmiRegistration where a registration is the point), with faults injected by the
 * loopback AWS stand-in: 500s, throttling, a hang past the deadline, reset connections, malformed
 * XML, answers lost after the call was carried out, and each EC2 error code the resource handles.
 * Every FAILED Create is followed by its rollback Delete, which must leave nothing behind.
 */
import {
  DescribeImagesCommand,
  DescribePlacementGroupsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { SAMPLE_SOURCE_IMAGES } from '../../../scripts/standin/index.js';
import type { FaultSpec } from '../../../scripts/standin/index.js';
import type { Expect, Scenario } from '../support/harness.js';
import type { World } from '../support/matrix.js';
import { newStackId } from '../support/requests.js';
import type { RequestSpec } from '../support/requests.js';
import { pattern } from '../../support/pattern.js';

const pg = (
  properties: Record<string, unknown> = { Strategy: 'cluster' },
  more: Partial<RequestSpec> = {},
): RequestSpec => ({ type: 'Custom::PlacementGroup', properties, ...more });
const failedWith = (reason: RegExp): Expect => ({ status: 'FAILED', reason });
const ec2Fault = (action: string, effect: FaultSpec): FaultSpec => ({
  ...effect,
  service: 'ec2',
  action,
});

/** A Custom::SriovAmiRegistration Create re-registering a source image seeded in the stand-in. */
function sriov(world: () => World): RequestSpec {
  return {
    type: 'Custom::SriovAmiRegistration',
    get properties() {
      const source = world().standin.seedImage(SAMPLE_SOURCE_IMAGES.hvmUefi);
      return { SourceImageId: source.imageId, DriverConfirmed: 'true' };
    },
  };
}

/** An EC2 client on the stand-in, for looking at what exists once a scenario is over. */
function lookAt(world: () => World): EC2Client {
  const { url, region } = world().standin;
  return new EC2Client({
    endpoint: url,
    region,
    credentials: { accessKeyId: 'AKIDE2ELOOK', secretAccessKey: 'e2e-look' },
  });
}

/**
 * What is left tagged with a stack's id: placement groups and images (the orphans a failed Create
 * must not leave).
 */
async function leftBy(world: () => World, stackId: string): Promise<string[]> {
  const ec2 = lookAt(world);
  const filters = [{ Name: 'tag:crkit:stack-id', Values: [stackId] }];
  const [groups, images] = await Promise.all([
    ec2.send(new DescribePlacementGroupsCommand({ Filters: filters })),
    ec2.send(new DescribeImagesCommand({ Owners: ['self'], Filters: filters })),
  ]);
  ec2.destroy();
  return [
    ...(groups.PlacementGroups ?? [])
      .filter((group) => group.State !== 'deleted')
      .map((group) => String(group.GroupName)),
    ...(images.Images ?? [])
      .filter((image) => image.State !== 'deregistered')
      .map((image) => String(image.ImageId)),
  ];
}

/**
 * How a FAILED Create's creating call ended: `refused` (AWS turned it away, so nothing exists:
 * the failed-Create marker), or `unknown` (no answer: something may exist, so the answer names
 * what the rollback Delete can find).
 */
type CallOutcome = 'refused' | 'unknown';

/**
 * Plays the rollback Delete CloudFormation sends after a FAILED Create, and checks that nothing
 * of the stack is left behind.
 */
async function rollBackAndCount(
  play: Parameters<Scenario['play']>[0],
  world: () => World,
  request: Record<string, unknown>,
  answeredId: string,
): Promise<void> {
  const { RequestId: _created, ResponseURL: _url, ...rest } = request;
  const spec = {
    type: String(rest.ResourceType),
    requestType: 'Delete' as const,
    physicalId: answeredId,
    stackId: String(rest.StackId),
    logicalId: String(rest.LogicalResourceId),
    properties: rest.ResourceProperties as Record<string, unknown>,
  };
  await play.send(play.request(spec), { status: 'SUCCESS' });
  const left = await leftBy(world, String(rest.StackId));
  play.check(left.length === 0, `the rollback Delete left ${left.join(', ')} behind`);
}

/** A Create with `faults` injected first; the AWS calls it makes are checked by `calls`. */
function faulty(
  name: string,
  faults: readonly FaultSpec[],
  expect: Expect,
  world: () => World,
  options: {
    remainingMs?: number;
    spec?: RequestSpec;
    calls?: (actions: string[]) => string | undefined;
    outcome?: CallOutcome;
  } = {},
): Scenario {
  return {
    name,
    play: async (play) => {
      const { standin } = world();
      standin.clearFaults();
      standin.clearCalls();
      for (const fault of faults) standin.inject(fault);
      const request = play.request(options.spec ?? pg());
      const step = await play.send(request, expect, { remainingMs: options.remainingMs });
      standin.clearFaults();
      const problem = options.calls?.(standin.calls({ service: 'ec2' }).map((call) => call.action));
      if (problem !== undefined) play.check(false, problem);
      if (expect.status !== 'FAILED') return;
      const answeredId = String(step.body?.PhysicalResourceId);
      const marker = answeredId.startsWith('crkit:failed-create:');
      if ((options.outcome ?? 'refused') === 'refused')
        play.check(marker, 'a Create whose creating call was refused answered a real-looking id');
      else
        play.check(
          !marker,
          'a Create whose creating call may have succeeded answered the failed-Create ' +
            'marker, so its rollback Delete cannot find what was made',
        );
      await rollBackAndCount(play, world, request, answeredId);
    },
  };
}

const noCreate = (actions: string[]) =>
  actions.includes('CreatePlacementGroup')
    ? 'CreatePlacementGroup was called for an input that cannot succeed'
    : undefined;

function faultScenarios(world: () => World): Scenario[] {
  return [
    faulty(
      'EC2 answers 500 once, then works',
      [ec2Fault('CreatePlacementGroup', { kind: 'error', status: 500, code: 'InternalError' })],
      { status: 'SUCCESS' },
      world,
    ),
    faulty(
      'EC2 answers 500 every time',
      [
        ec2Fault('CreatePlacementGroup', {
          kind: 'error',
          status: 500,
          code: 'InternalError',
          times: 50,
        }),
      ],
      failedWith(/CreatePlacementGroup.*InternalError \(HTTP 500\)/),
      world,
      { outcome: 'unknown' },
    ),
    faulty(
      'EC2 throttles once (RequestLimitExceeded)',
      [
        ec2Fault('CreatePlacementGroup', {
          kind: 'error',
          status: 503,
          code: 'RequestLimitExceeded',
        }),
      ],
      { status: 'SUCCESS' },
      world,
    ),
    faulty(
      'EC2 throttles until the deadline',
      [
        ec2Fault('CreatePlacementGroup', {
          kind: 'error',
          status: 503,
          code: 'RequestLimitExceeded',
          times: 500,
        }),
      ],
      failedWith(/throttled ec2:CreatePlacementGroup \(RequestLimitExceeded\)/),
      world,
      { remainingMs: 6000 },
    ),
    faulty(
      'EC2 hangs past the deadline',
      [ec2Fault('CreatePlacementGroup', { kind: 'hang' })],
      failedWith(/ran out|cut short/),
      world,
      { remainingMs: 3000, outcome: 'unknown' },
    ),
    faulty(
      'EC2 creates the group but every answer is lost',
      [ec2Fault('CreatePlacementGroup', { kind: 'lost', times: 50 })],
      failedWith(/^ec2:CreatePlacementGroup got no answer from AWS/),
      world,
      { outcome: 'unknown' },
    ),
    faulty(
      'EC2 creates the group and never answers, past the deadline',
      [ec2Fault('CreatePlacementGroup', { kind: 'lost', then: 'hang' })],
      failedWith(/ran out|cut short/),
      world,
      { remainingMs: 3000, outcome: 'unknown' },
    ),
    faulty(
      'EC2 registers the image and never answers, past the deadline',
      [ec2Fault('RegisterImage', { kind: 'lost', then: 'hang' })],
      failedWith(/ran out|cut short/),
      world,
      { remainingMs: 4000, outcome: 'unknown', spec: sriov(world) },
    ),
    faulty(
      'EC2 refuses RegisterImage',
      [
        ec2Fault('RegisterImage', {
          kind: 'error',
          status: 400,
          code: 'InvalidParameterCombination',
        }),
      ],
      failedWith(/InvalidParameterCombination/),
      world,
      { spec: sriov(world) },
    ),
    faulty(
      'EC2 resets the connection once',
      [ec2Fault('CreatePlacementGroup', { kind: 'reset' })],
      { status: 'SUCCESS' },
      world,
    ),
    faulty(
      'EC2 resets every connection',
      [ec2Fault('CreatePlacementGroup', { kind: 'reset', times: 50 })],
      failedWith(
        /^ec2:CreatePlacementGroup got no answer from AWS after \d+ attempts \(ECONNRESET/,
      ),
      world,
      { outcome: 'unknown' },
    ),
    faulty(
      'EC2 answers malformed XML',
      [ec2Fault('DescribeInstanceTypes', { kind: 'malformed' })],
      failedWith(
        pattern(
          /^ec2:DescribeInstanceTypes: AWS answered HTTP 200, but the answer could not be/,
          / read.*(XML|Deserialization)/,
        ),
      ),
      world,
      { spec: pg({ Strategy: 'cluster', InstanceTypes: ['c5n.18xlarge'] }), calls: noCreate },
    ),
    faulty(
      'EC2 says PlacementGroupLimitExceeded',
      [
        ec2Fault('CreatePlacementGroup', {
          kind: 'error',
          status: 400,
          code: 'PlacementGroupLimitExceeded',
        }),
      ],
      failedWith(/PlacementGroupLimitExceeded/),
      world,
    ),
    faulty(
      'EC2 says InvalidParameterValue',
      [
        ec2Fault('CreatePlacementGroup', {
          kind: 'error',
          status: 400,
          code: 'InvalidParameterValue',
          message: 'Invalid value',
        }),
      ],
      failedWith(/InvalidParameterValue/),
      world,
    ),
    faulty(
      'EC2 says InvalidParameterCombination',
      [
        ec2Fault('CreatePlacementGroup', {
          kind: 'error',
          status: 400,
          code: 'InvalidParameterCombination',
        }),
      ],
      failedWith(/InvalidParameterCombination/),
      world,
    ),
    faulty(
      'EC2 says UnauthorizedOperation',
      [
        ec2Fault('CreatePlacementGroup', {
          kind: 'error',
          status: 403,
          code: 'UnauthorizedOperation',
        }),
      ],
      failedWith(/may not call ec2:CreatePlacementGroup \(UnauthorizedOperation\)/),
      world,
    ),
    faulty(
      'EC2 says Duplicate but the group is not there',
      [
        ec2Fault('CreatePlacementGroup', {
          kind: 'error',
          status: 400,
          code: 'InvalidPlacementGroup.Duplicate',
        }),
      ],
      failedWith(/InvalidPlacementGroup\.Duplicate/),
      world,
    ),
    faulty(
      'EC2 says InvalidInstanceType',
      [
        ec2Fault('DescribeInstanceTypes', {
          kind: 'error',
          status: 400,
          code: 'InvalidInstanceType',
        }),
      ],
      failedWith(/InvalidInstanceType/),
      world,
      { spec: pg({ Strategy: 'cluster', InstanceTypes: ['c5n.18xlarge'] }), calls: noCreate },
    ),
    faulty('properties fail validation: no AWS call', [], failedWith(/Strategy/), world, {
      spec: pg({ Strategy: 'diagonal' }),
      calls: (actions) =>
        actions.length > 0 ? `${actions.length} AWS calls for invalid properties` : undefined,
    }),
  ];
}

function codeScenarios(world: () => World): Scenario[] {
  return [
    {
      name: 'retried Create adopts its own group (Duplicate)',
      play: async (play) => {
        const stackId = newStackId('adopt');
        const first = await play.send(play.request(pg(undefined, { stackId })), {
          status: 'SUCCESS',
        });
        world().standin.clearCalls();
        const again = await play.send(play.request(pg(undefined, { stackId })), {
          status: 'SUCCESS',
        });
        play.check(
          again.body?.PhysicalResourceId === first.body?.PhysicalResourceId,
          'the retried Create answered another group',
        );
        // It goes straight to CreatePlacementGroup, which EC2 refuses as a Duplicate; then it
        // adopts.
        const creates = world().standin.calls({ action: 'CreatePlacementGroup' });
        play.check(
          creates.length === 1 && creates[0]?.code === 'InvalidPlacementGroup.Duplicate',
          'the retried Create did not meet Duplicate (it created a second group, or made ' +
            'no creating call)',
        );
      },
    },
    {
      name: 'GroupName taken by another stack',
      play: async (play) => {
        const name = `shared-${String(Date.now())}-${play.via}`;
        await play.send(
          play.request(
            pg({ Strategy: 'cluster', GroupName: name }, { stackId: newStackId('owner') }),
          ),
          { status: 'SUCCESS' },
        );
        await play.send(
          play.request(
            pg({ Strategy: 'cluster', GroupName: name }, { stackId: newStackId('intruder') }),
          ),
          failedWith(new RegExp(name)),
        );
      },
    },
    {
      name: 'Delete of a group already gone (InvalidPlacementGroup.Unknown)',
      play: async (play) =>
        void (await play.send(
          play.request(pg(undefined, { requestType: 'Delete', physicalId: 'e2e-gone-group' })),
          { status: 'SUCCESS' },
        )),
    },
    {
      name: 'Delete while the group is in use, then free (InvalidPlacementGroup.InUse)',
      play: async (play) => {
        const stackId = newStackId('inuse');
        const created = await play.send(play.request(pg(undefined, { stackId })), {
          status: 'SUCCESS',
        });
        const name = String(created.body?.PhysicalResourceId);
        world().standin.markPlacementGroupInUse(name, 2);
        await play.send(
          play.request(pg(undefined, { stackId, requestType: 'Delete', physicalId: name })),
          { status: 'SUCCESS' },
        );
        play.check(
          world().standin.calls({ action: 'DeletePlacementGroup' }).length >= 3,
          'the delete was not retried through InUse',
        );
      },
    },
    {
      name: 'Delete while the group stays in use past the deadline',
      play: async (play) => {
        const stackId = newStackId('stuck');
        const created = await play.send(play.request(pg(undefined, { stackId })), {
          status: 'SUCCESS',
        });
        const name = String(created.body?.PhysicalResourceId);
        world().standin.markPlacementGroupInUse(name, 10_000);
        await play.send(
          play.request(pg(undefined, { stackId, requestType: 'Delete', physicalId: name })),
          failedWith(/in use|InUse|still waiting/i),
          { remainingMs: 6000 },
        );
        world().standin.markPlacementGroupInUse(name, 0);
      },
    },
  ];
}

function ec2Scenarios(world: () => World): Scenario[] {
  return [...faultScenarios(world), ...codeScenarios(world)];
}

export { ec2Scenarios };
