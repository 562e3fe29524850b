/**
 * EC2 scenarios through the production bundle and Custom::PlacementGroup, with faults injected
 * by the loopback AWS stand-in: 500s, throttling, a hang past the deadline, reset connections,
 * malformed XML, and each EC2 error code the resource handles.
 */
import type { FaultSpec } from '../../../scripts/standin/index.js';
import type { Expect, Scenario } from '../support/harness.js';
import type { World } from '../support/matrix.js';
import { newStackId } from '../support/requests.js';
import type { RequestSpec } from '../support/requests.js';

const pg = (properties: Record<string, unknown> = { Strategy: 'cluster' }, more: Partial<RequestSpec> = {}): RequestSpec => ({ type: 'Custom::PlacementGroup', properties, ...more });
const failedWith = (reason: RegExp): Expect => ({ status: 'FAILED', reason });
const ec2Fault = (action: string, effect: FaultSpec): FaultSpec => ({ ...effect, service: 'ec2', action });

/** A Create with `faults` injected first; the AWS calls it makes are checked by `calls`. */
function faulty(name: string, faults: readonly FaultSpec[], expect: Expect, world: () => World, options: { remainingMs?: number; spec?: RequestSpec; calls?: (actions: string[]) => string | undefined } = {}): Scenario {
  return {
    name,
    play: async (play) => {
      const { standin } = world();
      standin.clearFaults();
      standin.clearCalls();
      faults.forEach((fault) => standin.inject(fault));
      const step = await play.send(play.request(options.spec ?? pg()), expect, { remainingMs: options.remainingMs });
      standin.clearFaults();
      const problem = options.calls?.(standin.calls().map((call) => call.action));
      if (problem !== undefined) play.check(false, problem);
      if (expect.status === 'FAILED') play.check(String(step.body?.PhysicalResourceId).startsWith('crkit:failed-create:'), 'a Create that made nothing answered a real-looking id');
    },
  };
}

const noCreate = (actions: string[]) => (actions.includes('CreatePlacementGroup') ? 'CreatePlacementGroup was called for an input that cannot succeed' : undefined);

function faultScenarios(world: () => World): Scenario[] {
  return [
    faulty('EC2 answers 500 once, then works', [ec2Fault('CreatePlacementGroup', { kind: 'error', status: 500, code: 'InternalError' })], { status: 'SUCCESS' }, world),
    faulty('EC2 answers 500 every time', [ec2Fault('CreatePlacementGroup', { kind: 'error', status: 500, code: 'InternalError', times: 50 })], failedWith(/CreatePlacementGroup.*InternalError \(HTTP 500\)/), world),
    faulty('EC2 throttles once (RequestLimitExceeded)', [ec2Fault('CreatePlacementGroup', { kind: 'error', status: 503, code: 'RequestLimitExceeded' })], { status: 'SUCCESS' }, world),
    faulty('EC2 throttles until the deadline', [ec2Fault('CreatePlacementGroup', { kind: 'error', status: 503, code: 'RequestLimitExceeded', times: 500 })], failedWith(/throttled ec2:CreatePlacementGroup \(RequestLimitExceeded\)/), world, { remainingMs: 6000 }),
    faulty('EC2 hangs past the deadline', [ec2Fault('CreatePlacementGroup', { kind: 'hang' })], failedWith(/ran out|cut short/), world, { remainingMs: 3000 }),
    faulty('EC2 resets the connection once', [ec2Fault('CreatePlacementGroup', { kind: 'reset' })], { status: 'SUCCESS' }, world),
    faulty('EC2 resets every connection', [ec2Fault('CreatePlacementGroup', { kind: 'reset', times: 50 })], failedWith(/^ec2:CreatePlacementGroup got no answer from AWS after \d+ attempts \(ECONNRESET/), world),
    faulty('EC2 answers malformed XML', [ec2Fault('DescribePlacementGroups', { kind: 'malformed' })], failedWith(/^ec2:DescribePlacementGroups: AWS answered HTTP 200, but the answer could not be read.*(XML|Deserialization)/), world, { calls: noCreate }),
    faulty('EC2 says PlacementGroupLimitExceeded', [ec2Fault('CreatePlacementGroup', { kind: 'error', status: 400, code: 'PlacementGroupLimitExceeded' })], failedWith(/PlacementGroupLimitExceeded/), world),
    faulty('EC2 says InvalidParameterValue', [ec2Fault('CreatePlacementGroup', { kind: 'error', status: 400, code: 'InvalidParameterValue', message: 'Invalid value' })], failedWith(/InvalidParameterValue/), world),
    faulty('EC2 says InvalidParameterCombination', [ec2Fault('CreatePlacementGroup', { kind: 'error', status: 400, code: 'InvalidParameterCombination' })], failedWith(/InvalidParameterCombination/), world),
    faulty('EC2 says UnauthorizedOperation', [ec2Fault('CreatePlacementGroup', { kind: 'error', status: 403, code: 'UnauthorizedOperation' })], failedWith(/may not call ec2:CreatePlacementGroup \(UnauthorizedOperation\)/), world),
    faulty('EC2 says Duplicate but the group is not there', [ec2Fault('CreatePlacementGroup', { kind: 'error', status: 400, code: 'InvalidPlacementGroup.Duplicate' })], failedWith(/InvalidPlacementGroup\.Duplicate/), world),
    faulty('EC2 says InvalidInstanceType', [ec2Fault('DescribeInstanceTypes', { kind: 'error', status: 400, code: 'InvalidInstanceType' })], failedWith(/InvalidInstanceType/), world, { spec: pg({ Strategy: 'cluster', InstanceTypes: ['c5n.18xlarge'] }), calls: noCreate }),
    faulty('properties fail validation: no AWS call', [], failedWith(/Strategy/), world, { spec: pg({ Strategy: 'diagonal' }), calls: (actions) => (actions.length > 0 ? `${actions.length} AWS calls for invalid properties` : undefined) }),
  ];
}

function codeScenarios(world: () => World): Scenario[] {
  return [
    {
      name: 'retried Create adopts its own group (Duplicate)',
      play: async (play) => {
        const stackId = newStackId('adopt');
        const first = await play.send(play.request(pg(undefined, { stackId })), { status: 'SUCCESS' });
        world().standin.clearCalls();
        const again = await play.send(play.request(pg(undefined, { stackId })), { status: 'SUCCESS' });
        play.check(again.body?.PhysicalResourceId === first.body?.PhysicalResourceId, 'the retried Create answered another group');
        play.check(world().standin.calls({ action: 'CreatePlacementGroup' }).length === 0, 'the retried Create created a second group');
      },
    },
    {
      name: 'GroupName taken by another stack',
      play: async (play) => {
        const name = `shared-${String(Date.now())}-${play.via}`;
        await play.send(play.request(pg({ Strategy: 'cluster', GroupName: name }, { stackId: newStackId('owner') })), { status: 'SUCCESS' });
        await play.send(play.request(pg({ Strategy: 'cluster', GroupName: name }, { stackId: newStackId('intruder') })), failedWith(new RegExp(name)));
      },
    },
    {
      name: 'Delete of a group already gone (InvalidPlacementGroup.Unknown)',
      play: async (play) => void (await play.send(play.request(pg(undefined, { requestType: 'Delete', physicalId: 'e2e-gone-group' })), { status: 'SUCCESS' })),
    },
    {
      name: 'Delete while the group is in use, then free (InvalidPlacementGroup.InUse)',
      play: async (play) => {
        const stackId = newStackId('inuse');
        const created = await play.send(play.request(pg(undefined, { stackId })), { status: 'SUCCESS' });
        const name = String(created.body?.PhysicalResourceId);
        world().standin.markPlacementGroupInUse(name, 2);
        await play.send(play.request(pg(undefined, { stackId, requestType: 'Delete', physicalId: name })), { status: 'SUCCESS' });
        play.check(world().standin.calls({ action: 'DeletePlacementGroup' }).length >= 3, 'the delete was not retried through InUse');
      },
    },
    {
      name: 'Delete while the group stays in use past the deadline',
      play: async (play) => {
        const stackId = newStackId('stuck');
        const created = await play.send(play.request(pg(undefined, { stackId })), { status: 'SUCCESS' });
        const name = String(created.body?.PhysicalResourceId);
        world().standin.markPlacementGroupInUse(name, 10_000);
        await play.send(play.request(pg(undefined, { stackId, requestType: 'Delete', physicalId: name })), failedWith(/in use|InUse|still waiting/i), { remainingMs: 6000 });
        world().standin.markPlacementGroupInUse(name, 0);
      },
    },
  ];
}

function ec2Scenarios(world: () => World): Scenario[] {
  return [...faultScenarios(world), ...codeScenarios(world)];
}

export { ec2Scenarios };
