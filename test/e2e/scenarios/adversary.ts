/**
 * What an attacker can send: anyone who may publish to the request topic, invoke the function or
 * send to the continuation queue. Forged and altered continuation messages, a request
 * CloudFormation never sent, a replay of an answered request to another ResponseURL; and what
 * crkit must never touch even for a real request (the source image's snapshots). Each scenario
 * checks that nothing crkit does not own changed and that no secret went anywhere.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import {
  DescribePlacementGroupsCommand,
  DescribeSnapshotsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { SAMPLE_SOURCE_IMAGES, toSqsEvent } from '../../../scripts/standin/index.js';
import { noEchoToken } from '../fixtures/canary.js';
import type { Play, Scenario } from '../support/harness.js';
import type { World } from '../support/matrix.js';
import { newStackId } from '../support/requests.js';
import type { RawRequest, RequestSpec } from '../support/requests.js';
import { pattern } from '../../support/pattern.js';

const pg = (more: Partial<RequestSpec> = {}): RequestSpec => ({
  type: 'Custom::PlacementGroup',
  properties: { Strategy: 'cluster' },
  ...more,
});

function ec2Of(world: () => World): EC2Client {
  const { url, region } = world().standin;
  return new EC2Client({
    endpoint: url,
    region,
    credentials: { accessKeyId: 'AKIDE2ELOOK', secretAccessKey: 'e2e-look' },
  });
}

async function groupExists(world: () => World, name: string): Promise<boolean> {
  const ec2 = ec2Of(world);
  try {
    const { PlacementGroups } = await ec2.send(
      new DescribePlacementGroupsCommand({ Filters: [{ Name: 'group-name', Values: [name] }] }),
    );
    return (PlacementGroups ?? []).some(
      (group) => group.GroupName === name && group.State !== 'deleted',
    );
  } finally {
    ec2.destroy();
  }
}

/** A continuation payload in crkit's own format, as anyone who read the source could write it. */
function forgedPayload(request: RawRequest, groupName: string): string {
  return JSON.stringify({
    format: 'crkit.continuation.v2',
    request,
    action: 'delete',
    replacing: false,
    startedAt: Date.now() - 1000,
    expiresAt: Date.now() + 600_000,
    step: 1,
    chain: randomUUID(),
    waitingFor: `placement group ${groupName} to be free of instances`,
    state: { step: 'delete', groupName, attempts: 1 },
    physicalId: groupName,
  });
}

/** An SQS event, sent by direct invocation, naming the real continuation queue as its source. */
function sqsShaped(
  world: () => World,
  body: string,
  source = world().env.CRKIT_CONTINUATION_QUEUE_ARN,
): Record<string, unknown> {
  return {
    Records: [
      {
        messageId: randomUUID(),
        receiptHandle: 'forged',
        body,
        attributes: {},
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: source,
        awsRegion: 'us-east-1',
      },
    ],
  };
}

/**
 * Creates a victim's group through a real request, and a Delete request naming it from another
 * stack.
 */
async function victimAndForgery(
  play: Play,
): Promise<{ readonly name: string; readonly forged: RawRequest }> {
  const victim = await play.send(play.request(pg({ stackId: newStackId('victim') })), {
    status: 'SUCCESS',
  });
  const name = String(victim.body?.PhysicalResourceId);
  const forged = play.request(
    pg({ stackId: newStackId('attacker'), requestType: 'Delete', physicalId: name }),
  );
  return { name, forged };
}

/**
 * Sends a forged SQS-shaped event and checks: refused, no PUT, no AWS call, the victim's group
 * still there.
 */
async function refusedContinuation(
  play: Play,
  world: () => World,
  name: string,
  event: Record<string, unknown>,
  about: RawRequest,
): Promise<void> {
  world().standin.clearCalls();
  const step = await play.send(
    event as never,
    { status: 'none' },
    { raw: true, about, cloudFormation: 'untouched' },
  );
  play.check(
    world().standin.calls({ service: 'ec2' }).length === 0 &&
      world().standin.calls({ service: 'cloudformation' }).length === 0,
    'a forged continuation made an AWS call',
  );
  play.check(
    step.run.stdout.some((line) => line.includes('"type":"crkit.rejected"')),
    'no crkit.rejected record for a forged continuation',
  );
  play.check(await groupExists(world, name), `the forged continuation deleted ${name}`);
}

function continuationScenarios(world: () => World): Scenario[] {
  return [
    {
      name: "unsigned continuation, by direct invoke, deleting another stack's group",
      vias: ['direct'],
      play: async (play) => {
        const { name, forged } = await victimAndForgery(play);
        await refusedContinuation(
          play,
          world,
          name,
          sqsShaped(
            world,
            JSON.stringify({
              ...JSON.parse(forgedPayload(forged, name)),
              format: 'crkit.continuation.v1',
            }),
          ),
          forged,
        );
      },
    },
    {
      name: "continuation signed with a key of its own, deleting another stack's group",
      vias: ['direct'],
      play: async (play) => {
        const { name, forged } = await victimAndForgery(play);
        const payload = forgedPayload(forged, name);
        const mac = createHmac('sha256', randomBytes(48))
          .update('crkit.continuation.v2\n')
          .update(payload)
          .digest('base64url');
        await refusedContinuation(
          play,
          world,
          name,
          sqsShaped(world, JSON.stringify({ envelope: 'crkit.continuation.v2', payload, mac })),
          forged,
        );
      },
    },
    {
      name: 'genuine continuation altered to name another group, and one from another queue',
      vias: ['direct'],
      play: async (play) => {
        const { name } = await victimAndForgery(play);
        world().standin.takeMessages();
        world().standin.setPlacementGroupReadiness({ afterMs: 2500 });
        const own = play.request(pg({ stackId: newStackId('own') }));
        try {
          await play.send(own, { status: 'deferred' }, { remainingMs: 3000 });
        } finally {
          world().standin.setPlacementGroupReadiness({ afterDescribes: 0 });
        }
        const [genuine] = world().standin.takeMessages();
        play.check(genuine !== undefined, 'no continuation was handed over');
        if (genuine === undefined) return;
        const envelope = JSON.parse(genuine.body) as { payload: string };
        const message = JSON.parse(envelope.payload) as Record<string, unknown>;
        const altered = JSON.stringify({
          ...envelope,
          payload: JSON.stringify({
            ...message,
            action: 'create',
            state: { step: 'delete', groupName: name, attempts: 1 },
            physicalId: name,
          }),
        });
        await refusedContinuation(play, world, name, sqsShaped(world, altered), own);
        const elsewhere = toSqsEvent([genuine]);
        (elsewhere.Records[0] as { eventSourceARN: string }).eventSourceARN =
          'arn:aws:sqs:us-east-1:123456789012:someone-elses-queue';
        await refusedContinuation(play, world, name, elsewhere as never, own);
      },
    },
  ];
}

function requestScenarios(world: () => World): Scenario[] {
  return [
    {
      name: "Delete of another stack's group that CloudFormation never sent",
      play: async (play) => {
        const { name, forged } = await victimAndForgery(play);
        world().standin.clearCalls();
        await play.send(
          forged,
          {
            status: 'FAILED',
            reason: pattern(
              /^CloudFormation does not confirm this request \(CloudFormation knows no resource/,
              / Thing in this stack\); crkit changed nothing$/,
            ),
          },
          { cloudFormation: 'untouched' },
        );
        play.check(
          world().standin.calls({ action: 'DeletePlacementGroup' }).length === 0,
          'the forged Delete called DeletePlacementGroup',
        );
        play.check(await groupExists(world, name), `the forged Delete deleted ${name}`);
      },
    },
    {
      name: "a re-registered image leaves the source image's snapshots untouched",
      play: async (play) => {
        // Registered images are available at their first look: the scenario is about snapshots, not
        // waiting.
        world().standin.setImageOutcome({ result: 'available', readiness: { afterDescribes: 0 } });
        const source = world().standin.seedImage({
          ...SAMPLE_SOURCE_IMAGES.hvmUefi,
          name: `golden-${randomUUID().slice(0, 8)}`,
          rootSnapshot: { tags: [{ Key: 'Backup', Value: 'daily' }] },
        });
        const stackId = newStackId('sriov');
        const properties = {
          SourceImageId: source.imageId,
          DriverConfirmed: 'true',
          Tags: [{ Key: 'Backup', Value: 'never' }],
        };
        const created = await play.send(
          play.request({ type: 'Custom::SriovAmiRegistration', stackId, properties }),
          { status: 'SUCCESS' },
          { remainingMs: 20_000 },
        );
        const imageId = String(created.body?.PhysicalResourceId);
        await play.send(
          play.request({
            type: 'Custom::SriovAmiRegistration',
            stackId,
            requestType: 'Update',
            physicalId: imageId,
            properties: { ...properties, Tags: [{ Key: 'Backup', Value: 'weekly' }] },
            oldProperties: properties,
          }),
          { status: 'SUCCESS' },
        );
        await play.send(
          play.request({
            type: 'Custom::SriovAmiRegistration',
            stackId,
            requestType: 'Delete',
            physicalId: imageId,
            properties,
          }),
          { status: 'SUCCESS' },
        );
        const ec2 = ec2Of(world);
        try {
          const { Snapshots } = await ec2.send(
            new DescribeSnapshotsCommand({ SnapshotIds: [...source.snapshotIds] }),
          );
          const tags = (Snapshots ?? []).map((snapshot) => JSON.stringify(snapshot.Tags ?? []));
          play.check(
            tags.length === 1 && tags[0] === JSON.stringify([{ Key: 'Backup', Value: 'daily' }]),
            `the source's snapshot now carries ${tags.join(' ')}`,
          );
        } finally {
          ec2.destroy();
        }
      },
    },
  ];
}

function replayScenarios(): Scenario[] {
  return [
    {
      name: 'an answered NoEcho request replayed to another ResponseURL gets no copy of its Data',
      play: async (play) => {
        const request = play.request({
          type: 'Custom::E2eEcho',
          properties: { WithToken: 'true' },
        });
        const token = play.plantNoEcho(noEchoToken(String(request.RequestId)));
        await play.send(request, { status: 'SUCCESS' });
        const replay = {
          ...request,
          ResponseURL: play.endpoint.urlFor({ requestId: `replay-${String(request.RequestId)}` }),
        };
        const again = await play.send(
          replay,
          { status: 'SUCCESS', reason: /already shows Thing as CREATE_COMPLETE/ },
          { cloudFormation: 'untouched' },
        );
        play.check(
          again.body?.Data === undefined,
          'the replay to another URL was answered with Data',
        );
        play.check(
          !again.puts.some((put) => put.body.toString('utf8').includes(token)),
          'the NoEcho token went to another URL',
        );
      },
    },
  ];
}

export { continuationScenarios, replayScenarios, requestScenarios };
