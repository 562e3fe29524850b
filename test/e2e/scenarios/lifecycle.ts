/**
 * Lifecycle scenarios: duplicate delivery, Delete before Create finished, Delete of the
 * failed-Create marker, rollback after replacement, and a continuation redelivered — through
 * the test bundle (Custom::E2eEcho, Custom::E2eThrow) and the production bundle
 * (Custom::PlacementGroup, with the SQS continuation queue of the stand-in). The stand-in's view
 * of each resource is CloudFormation's all along: redeliveries leave it alone, and a rollback
 * deletes the replacement in the cleanup phase, as CloudFormation does.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { toSqsEvent } from '../../../scripts/standin/index.js';
import type { Scenario } from '../support/harness.js';
import { startE2eLambda } from '../support/matrix.js';
import type { World } from '../support/matrix.js';
import { newStackId } from '../support/requests.js';
import type { RequestSpec } from '../support/requests.js';

const workLines = (stdout: readonly string[]) =>
  stdout.filter((line) => line.includes('"type":"e2e.work"')).length;

/** A resource's events as CloudFormation shows them, oldest first: `STATUS physical-id`. */
function eventsOf(world: () => World, stackId: string, logicalId = 'Thing'): string[] {
  return world()
    .standin.stackEvents(stackId)
    .filter((event) => event.logicalResourceId === logicalId)
    .map((event) => `${event.status} ${event.physicalResourceId ?? '-'}`)
    .reverse();
}

/** A resource's state as DescribeStackResource shows it: `STATUS physical-id`. */
function stateOf(world: () => World, stackId: string, logicalId = 'Thing'): string {
  const resource = world()
    .standin.stackResources(stackId)
    .find((item) => item.logicalResourceId === logicalId);
  return resource === undefined
    ? 'unknown'
    : `${resource.status} ${resource.physicalResourceId ?? '-'}`;
}

function fixtureLifecycle(world: () => World): Scenario[] {
  return [
    {
      name: 'duplicate delivery repeats the answer without the work',
      play: async (play) => {
        const request = play.request({ type: 'Custom::E2eEcho', properties: { Value: 'once' } });
        const first = await play.send(request, { status: 'SUCCESS' });
        const again = await play.send(
          request,
          { status: 'SUCCESS' },
          { cloudFormation: 'untouched' },
        );
        const id = String(first.body?.PhysicalResourceId);
        const events = eventsOf(world, String(request.StackId));
        play.check(
          JSON.stringify(events) ===
            JSON.stringify(['CREATE_IN_PROGRESS -', `CREATE_COMPLETE ${id}`]),
          `CloudFormation's view after a redelivery: ${events.join(', ')}`,
        );
        play.check(
          again.puts[0]?.body.equals(first.puts[0]?.body ?? Buffer.alloc(0)) === true,
          'the repeated answer differs from the first',
        );
        play.check(
          workLines(first.run.stdout) + workLines(again.run.stdout) === 1,
          'the work was done twice',
        );
        play.check(again.signal?.duplicate === true, 'the repeated answer is not marked duplicate');
      },
    },
    {
      name: 'Delete of the failed-Create marker does not call the resource',
      play: async (play) => {
        const stackId = newStackId('marker');
        const created = await play.send(
          play.request({ type: 'Custom::E2eThrow', stackId, properties: { Kind: 'error' } }),
          { status: 'FAILED' },
        );
        const marker = String(created.body?.PhysicalResourceId);
        play.check(
          marker.startsWith('crkit:failed-create:'),
          'the failed Create did not answer the marker',
        );
        const deleted = await play.send(
          play.request({
            type: 'Custom::E2eThrow',
            stackId,
            requestType: 'Delete',
            physicalId: marker,
            properties: { Kind: 'error' },
          }),
          { status: 'SUCCESS' },
        );
        play.check(
          deleted.body?.PhysicalResourceId === marker,
          'the Delete changed the physical id',
        );
      },
    },
    {
      name: 'rollback after replacement runs as a rollback',
      play: async (play) => {
        const stackId = newStackId('rollback');
        const first = await play.send(
          play.request({ type: 'Custom::E2eEcho', stackId, properties: { Name: 'a' } }),
          { status: 'SUCCESS' },
        );
        const oldId = String(first.body?.PhysicalResourceId);
        const replaced = await play.send(
          play.request({
            type: 'Custom::E2eEcho',
            stackId,
            requestType: 'Update',
            physicalId: oldId,
            properties: { Name: 'b' },
            oldProperties: { Name: 'a' },
          }),
          { status: 'SUCCESS' },
        );
        const newId = String(replaced.body?.PhysicalResourceId);
        play.check(newId !== oldId, 'the replacement kept the old physical id');
        world().standin.setStackStatus(stackId, 'UPDATE_ROLLBACK_IN_PROGRESS');
        const back = await play.send(
          play.request({
            type: 'Custom::E2eEcho',
            stackId,
            requestType: 'Update',
            physicalId: newId,
            properties: { Name: 'a' },
            oldProperties: { Name: 'b' },
          }),
          { status: 'SUCCESS' },
        );
        const data = back.body?.Data as Record<string, string> | undefined;
        play.check(data?.Action === 'rollback', `the rollback ran as ${String(data?.Action)}`);
        play.check(
          back.body?.PhysicalResourceId !== newId,
          'the rollback kept the replacement id, so CloudFormation would delete what it keeps',
        );
        world().standin.setStackStatus(stackId, 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS');
        await play.send(
          play.request({
            type: 'Custom::E2eEcho',
            stackId,
            requestType: 'Delete',
            physicalId: newId,
            properties: { Name: 'b' },
          }),
          { status: 'SUCCESS' },
        );
        const rolledBackId = String(back.body?.PhysicalResourceId);
        play.check(
          stateOf(world, stackId) === `UPDATE_COMPLETE ${rolledBackId}`,
          `after the cleanup CloudFormation shows ${stateOf(world, stackId)}`,
        );
        play.check(
          eventsOf(world, stackId).slice(-2).join(', ') ===
            `DELETE_IN_PROGRESS ${newId}, DELETE_COMPLETE ${newId}`,
          'the cleanup Delete is not in the events of the replacement id',
        );
      },
    },
  ];
}

const pg = (
  more: Partial<RequestSpec> = {},
  properties: Record<string, unknown> = { Strategy: 'cluster' },
): RequestSpec => ({ type: 'Custom::PlacementGroup', properties, ...more });

/** Takes the continuation messages the handler handed to the stand-in's queue. */
function takeContinuations(world: () => World) {
  return world().standin.takeMessages();
}

function productionLifecycle(world: () => World): Scenario[] {
  return [
    {
      name: 'Delete of the failed-Create marker makes no AWS call',
      play: async (play) => {
        const stackId = newStackId('marker');
        world().standin.inject({
          service: 'ec2',
          action: 'CreatePlacementGroup',
          kind: 'error',
          status: 400,
          code: 'PlacementGroupLimitExceeded',
        });
        const created = await play.send(play.request(pg({ stackId })), { status: 'FAILED' });
        world().standin.clearCalls();
        await play.send(
          play.request(
            pg({
              stackId,
              requestType: 'Delete',
              physicalId: String(created.body?.PhysicalResourceId),
            }),
          ),
          { status: 'SUCCESS' },
        );
        play.check(
          world().standin.calls().length === 0,
          `the marker's Delete made ${world().standin.calls().length} AWS calls`,
        );
      },
    },
    {
      name: 'Delete arrives (another container) before Create finished',
      play: async (play) => {
        const stackId = newStackId('race');
        const other = await startE2eLambda(world().bundle, world().env);
        try {
          // The Create holds for 2.5 s inside CreatePlacementGroup, its first EC2 call: room for a
          // cold second container to answer the Delete on a busy machine.
          world().standin.inject({
            service: 'ec2',
            action: 'CreatePlacementGroup',
            kind: 'hang',
            ms: 2500,
          });
          const name = `race-${String(Date.now())}-${play.via}`;
          const creating = play.send(
            play.request(pg({ stackId }, { Strategy: 'cluster', GroupName: name })),
            { status: 'SUCCESS' },
          );
          await delay(500);
          const deleting = play.send(
            play.request(
              pg(
                { stackId, requestType: 'Delete', physicalId: name },
                { Strategy: 'cluster', GroupName: name },
              ),
            ),
            { status: 'SUCCESS' },
            { lambda: other },
          );
          const [created, deleted] = await Promise.all([creating, deleting]);
          play.check(
            created.body?.PhysicalResourceId === name && deleted.body?.PhysicalResourceId === name,
            'an answer names another group',
          );
          play.check(
            deleted.run.ms < created.run.ms,
            'the Delete was not answered while the Create was still running',
          );
        } finally {
          await other.stop();
        }
      },
    },
    {
      name: 'rollback after replacement returns to the original group',
      play: async (play) => {
        const stackId = newStackId('pgrollback');
        const first = await play.send(play.request(pg({ stackId })), { status: 'SUCCESS' });
        const oldId = String(first.body?.PhysicalResourceId);
        const replaced = await play.send(
          play.request(
            pg(
              {
                stackId,
                requestType: 'Update',
                physicalId: oldId,
                oldProperties: { Strategy: 'cluster' },
              },
              { Strategy: 'spread' },
            ),
          ),
          { status: 'SUCCESS' },
        );
        const newId = String(replaced.body?.PhysicalResourceId);
        play.check(newId !== oldId, 'the replacement kept the old id');
        world().standin.setStackStatus(stackId, 'UPDATE_ROLLBACK_IN_PROGRESS');
        const back = await play.send(
          play.request(
            pg(
              {
                stackId,
                requestType: 'Update',
                physicalId: newId,
                oldProperties: { Strategy: 'spread' },
              },
              { Strategy: 'cluster' },
            ),
          ),
          { status: 'SUCCESS' },
        );
        play.check(
          back.body?.PhysicalResourceId !== newId,
          'the rollback answered the replacement id',
        );
        world().standin.setStackStatus(stackId, 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS');
        await play.send(
          play.request(
            pg({ stackId, requestType: 'Delete', physicalId: newId }, { Strategy: 'spread' }),
          ),
          { status: 'SUCCESS' },
        );
        play.check(
          stateOf(world, stackId) === `UPDATE_COMPLETE ${String(back.body?.PhysicalResourceId)}`,
          `after the cleanup CloudFormation shows ${stateOf(world, stackId)}`,
        );
        const groups = await world().standin.calls({ action: 'DeletePlacementGroup' });
        play.check(groups.length > 0, 'the cleanup Delete did not delete the replacement group');
      },
    },
    {
      name:
        'continuation redelivered: once per container, the same status and id elsewhere, ' +
        'without Data',
      play: async (play) => {
        const stackId = newStackId('cont');
        world().standin.setPlacementGroupReadiness({ afterMs: 2500 });
        takeContinuations(world);
        const request = play.request(pg({ stackId }));
        try {
          await play.send(request, { status: 'deferred' }, { remainingMs: 3000 });
        } finally {
          world().standin.setPlacementGroupReadiness({ afterDescribes: 0 });
        }
        const messages = takeContinuations(world);
        play.check(messages.length === 1, `${messages.length} continuation messages, not 1`);
        await delay(2600);
        const event = toSqsEvent(messages);
        play.check(
          event.Records[0]?.eventSourceARN === world().env.CRKIT_CONTINUATION_QUEUE_ARN,
          `the record comes from ${String(event.Records[0]?.eventSourceARN)}, not the ` +
            `queue the handler is told of`,
        );
        play.check(
          stateOf(world, stackId) === 'CREATE_IN_PROGRESS -',
          `while the continuation waits CloudFormation shows ${stateOf(world, stackId)}`,
        );
        const first = await play.send(
          event as never,
          { status: 'SUCCESS' },
          { raw: true, about: request },
        );
        play.check(
          stateOf(world, stackId) === `CREATE_COMPLETE ${String(first.body?.PhysicalResourceId)}`,
          `the continued answer left CloudFormation showing ${stateOf(world, stackId)}`,
        );
        play.check(
          JSON.stringify(first.run.value) === '{"batchItemFailures":[]}',
          `the SQS invocation returned ${JSON.stringify(first.run.value)}`,
        );
        await play.send(event as never, { status: 'none' }, { raw: true, about: request });
        const other = await startE2eLambda(world().bundle, world().env);
        try {
          const calls = world().standin.calls({ service: 'ec2' }).length;
          const elsewhere = await play.send(
            event as never,
            { status: 'SUCCESS', reason: /already shows Thing as CREATE_COMPLETE/ },
            { raw: true, about: request, lambda: other },
          );
          play.check(
            elsewhere.body?.PhysicalResourceId === first.body?.PhysicalResourceId,
            'another container answered the redelivered step with another physical id',
          );
          play.check(
            elsewhere.body?.Data === undefined,
            'another container sent Data for a step CloudFormation already saw answered',
          );
          play.check(
            world().standin.calls({ service: 'ec2' }).length === calls,
            'another container called EC2 for a step CloudFormation already saw answered',
          );
        } finally {
          await other.stop();
        }
      },
    },
  ];
}

export { fixtureLifecycle, productionLifecycle };
