import {
  DescribeStackEventsCommand,
  DescribeStackResourceCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asCustomResourceRequest, connectStandin } from '../../scripts/standin/index.js';
import type { CustomResourceRequest } from '../../scripts/standin/index.js';
import { harness } from '../fixtures/standin/clients.js';
import type { Harness } from '../fixtures/standin/clients.js';

const STACK_ID =
  'arn:aws:cloudformation:us-east-1:123456789012:stack/fleet/0a1b2c3d-0000-4000-8000-000000000002';

let h: Harness;
beforeEach(async () => {
  h = await harness({}, { maxAttempts: 1 });
});
afterEach(async () => {
  await h.close();
});

let counter = 0;
const request = (
  type: CustomResourceRequest['RequestType'],
  physicalId?: string,
): CustomResourceRequest => {
  counter += 1;
  return {
    RequestType: type,
    StackId: STACK_ID,
    LogicalResourceId: 'Group',
    ResourceType: 'Custom::PlacementGroup',
    RequestId: `request-${counter}`,
    ...(physicalId === undefined ? {} : { PhysicalResourceId: physicalId }),
  };
};

/** What a handler reads: DescribeStackResource's status and physical id (or the error code). */
async function view(): Promise<string> {
  try {
    const out = await h.cfn.send(
      new DescribeStackResourceCommand({ StackName: STACK_ID, LogicalResourceId: 'Group' }),
    );
    const detail = out.StackResourceDetail;
    return [detail?.ResourceStatus, detail?.PhysicalResourceId ?? '-', detail?.ResourceStatusReason]
      .filter((part) => part !== undefined)
      .join(' ');
  } catch (error) {
    return (error as Error).name;
  }
}

/** The stack's events about the Group resource, oldest first. */
async function groupEvents(): Promise<string[]> {
  const out = await h.cfn.send(new DescribeStackEventsCommand({ StackName: STACK_ID }));
  return (out.StackEvents ?? [])
    .filter((event) => event.LogicalResourceId === 'Group')
    .map((event) => `${event.ResourceStatus} ${event.PhysicalResourceId ?? '-'}`)
    .reverse();
}

describe("requestSent and answerReceived: CloudFormation's view of each request", () => {
  it(
    'Create: CREATE_IN_PROGRESS without an id (the stack registered), then CREATE_COMPLETE ' +
      'with the answered id',
    async () => {
      const before = await view();
      const create = request('Create');

      const sent = h.standin.requestSent(create);
      const during = await view();
      const stack = await h.cfn.send(new DescribeStacksCommand({ StackName: STACK_ID }));
      const answered = h.standin.answerReceived(create, {
        Status: 'SUCCESS',
        PhysicalResourceId: 'pg-1',
      });

      expect(before).toBe('ValidationError');
      expect([sent, during, answered]).toEqual([true, 'CREATE_IN_PROGRESS -', true]);
      expect(stack.Stacks?.[0]?.StackStatus).toBe('CREATE_IN_PROGRESS');
      expect(await view()).toBe('CREATE_COMPLETE pg-1');
    },
  );

  it('Create answered FAILED: CREATE_FAILED with the answered id and the Reason', async () => {
    const create = request('Create');
    h.standin.requestSent(create);

    h.standin.answerReceived(create, {
      Status: 'FAILED',
      PhysicalResourceId: 'crkit:failed-create:1',
      Reason: 'no capacity',
    });

    expect(await view()).toBe('CREATE_FAILED crkit:failed-create:1 no capacity');
  });

  it(
    'Update: UPDATE_IN_PROGRESS with the request id; UPDATE_COMPLETE with a new answered ' +
      'id (a replacement)',
    async () => {
      h.standin.setStackResource({
        stack: STACK_ID,
        logicalResourceId: 'Group',
        resourceType: 'Custom::PlacementGroup',
        physicalResourceId: 'pg-1',
        status: 'CREATE_COMPLETE',
      });
      const update = request('Update', 'pg-1');

      h.standin.requestSent(update);
      const during = await view();
      h.standin.answerReceived(update, { Status: 'SUCCESS', PhysicalResourceId: 'pg-2' });

      expect(during).toBe('UPDATE_IN_PROGRESS pg-1');
      expect(await view()).toBe('UPDATE_COMPLETE pg-2');
    },
  );

  it('Update answered FAILED: UPDATE_FAILED, keeping the old id whatever is named', async () => {
    const update = request('Update', 'pg-1');
    h.standin.requestSent(update);

    h.standin.answerReceived(update, {
      Status: 'FAILED',
      PhysicalResourceId: 'pg-other',
      Reason: 'refused',
    });

    expect(await view()).toBe('UPDATE_FAILED pg-1 refused');
  });

  const deleteTitle =
    'Delete: DELETE_IN_PROGRESS with the request id, then DELETE_COMPLETE; or DELETE_FAILED';
  it(deleteTitle, async () => {
    const deleted = request('Delete', 'pg-1');
    h.standin.requestSent(deleted);
    const during = await view();
    h.standin.answerReceived(deleted, { Status: 'SUCCESS', PhysicalResourceId: 'pg-1' });
    const after = await view();
    const again = request('Delete', 'pg-1');
    h.standin.requestSent(again);
    h.standin.answerReceived(again, {
      Status: 'FAILED',
      PhysicalResourceId: 'pg-1',
      Reason: 'in use',
    });

    expect([during, after]).toEqual(['DELETE_IN_PROGRESS pg-1', 'DELETE_COMPLETE pg-1']);
    expect(await view()).toBe('DELETE_FAILED pg-1 in use');
  });

  it('a SUCCESS without a physical id fails the request, as CloudFormation does', async () => {
    const create = request('Create');
    h.standin.requestSent(create);

    h.standin.answerReceived(create, { Status: 'SUCCESS' });

    expect(await view()).toBe('CREATE_FAILED - Invalid PhysicalResourceId');
  });

  it.each(['UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS'])(
    'cleanup Delete of a replaced id in %s: only events for the old id',
    async (status) => {
      const create = request('Create');
      h.standin.requestSent(create);
      h.standin.answerReceived(create, { Status: 'SUCCESS', PhysicalResourceId: 'pg-old' });
      const update = request('Update', 'pg-old');
      h.standin.requestSent(update);
      h.standin.answerReceived(update, { Status: 'SUCCESS', PhysicalResourceId: 'pg-new' });
      h.standin.setStackStatus(STACK_ID, status);
      const cleanup = request('Delete', 'pg-old');

      h.standin.requestSent(cleanup);
      const during = await view();
      const eventsDuring = await groupEvents();
      h.standin.answerReceived(cleanup, { Status: 'SUCCESS', PhysicalResourceId: 'pg-old' });

      expect(during).toBe('UPDATE_COMPLETE pg-new');
      expect(eventsDuring.at(-1)).toBe('DELETE_IN_PROGRESS pg-old');
      expect(await view()).toBe('UPDATE_COMPLETE pg-new');
      expect(await groupEvents()).toEqual([
        'CREATE_IN_PROGRESS -',
        'CREATE_COMPLETE pg-old',
        'UPDATE_IN_PROGRESS pg-old',
        'UPDATE_COMPLETE pg-new',
        'DELETE_IN_PROGRESS pg-old',
        'DELETE_COMPLETE pg-old',
      ]);
    },
  );

  it('a cleanup Delete answered FAILED appends DELETE_FAILED for the old id', async () => {
    h.standin.setStackResource({
      stack: STACK_ID,
      logicalResourceId: 'Group',
      resourceType: 'Custom::PlacementGroup',
      physicalResourceId: 'pg-new',
      status: 'UPDATE_COMPLETE',
    });
    h.standin.setStackStatus(STACK_ID, 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS');
    const cleanup = request('Delete', 'pg-old');
    h.standin.requestSent(cleanup);

    h.standin.answerReceived(cleanup, {
      Status: 'FAILED',
      PhysicalResourceId: 'pg-old',
      Reason: 'in use',
    });

    expect((await groupEvents()).slice(-2)).toEqual([
      'DELETE_IN_PROGRESS pg-old',
      'DELETE_FAILED pg-old',
    ]);
    expect(await view()).toBe('UPDATE_COMPLETE pg-new');
  });

  it('a Delete of the current id during cleanup is an ordinary Delete', async () => {
    h.standin.setStackResource({
      stack: STACK_ID,
      logicalResourceId: 'Group',
      resourceType: 'Custom::PlacementGroup',
      physicalResourceId: 'pg-1',
      status: 'UPDATE_COMPLETE',
    });
    h.standin.setStackStatus(STACK_ID, 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS');

    h.standin.requestSent(request('Delete', 'pg-1'));

    expect(await view()).toBe('DELETE_IN_PROGRESS pg-1');
  });

  it(
    'ignores a redelivered RequestId, a second answer and an answer CloudFormation stopped ' +
      'waiting for',
    async () => {
      const create = request('Create');
      h.standin.requestSent(create);
      const redelivered = h.standin.requestSent(create);
      h.standin.answerReceived(create, { Status: 'SUCCESS', PhysicalResourceId: 'pg-1' });
      const second = h.standin.answerReceived(create, {
        Status: 'FAILED',
        PhysicalResourceId: 'pg-1',
        Reason: 'late',
      });
      const deleted = request('Delete', 'pg-1');
      h.standin.requestSent(deleted);
      const stale = h.standin.answerReceived(request('Update', 'pg-1'), {
        Status: 'SUCCESS',
        PhysicalResourceId: 'pg-9',
      });

      expect([redelivered, second, stale]).toEqual([false, false, false]);
      expect(await view()).toBe('DELETE_IN_PROGRESS pg-1');
      expect(await groupEvents()).toEqual([
        'CREATE_IN_PROGRESS -',
        'CREATE_COMPLETE pg-1',
        'DELETE_IN_PROGRESS pg-1',
      ]);
    },
  );

  it('refuses what is not a request, naming what a request needs', () => {
    expect(() => h.standin.requestSent({ RequestType: 'Replace' } as never)).toThrow(
      /Not a custom-resource request/,
    );
    expect(() =>
      h.standin.requestSent({ ...request('Delete', 'x'), PhysicalResourceId: undefined }),
    ).toThrow(/PhysicalResourceId unless it is a Create/);
    expect(() => h.standin.answerReceived(request('Create'), {} as never)).toThrow(
      /needs a Status/,
    );
  });
});

describe('asCustomResourceRequest', () => {
  it('reads a request from an object or from SNS text, and nothing else', () => {
    const create = request('Create');

    expect(
      asCustomResourceRequest({ ...create, ResponseURL: 'https://x', ResourceProperties: {} }),
    ).toEqual(create);
    expect(asCustomResourceRequest(JSON.stringify(create))).toEqual(create);
    expect(asCustomResourceRequest(JSON.stringify(create).slice(0, 20))).toBeUndefined();
    expect(asCustomResourceRequest({ ...create, StackId: 'not-an-arn' })).toBeUndefined();
    expect(asCustomResourceRequest({ ...create, LogicalResourceId: '' })).toBeUndefined();
    expect(asCustomResourceRequest({ ...create, RequestType: 'Update' })).toBeUndefined();
    expect(asCustomResourceRequest([create])).toBeUndefined();
  });
});

describe('the same controls over HTTP', () => {
  it('plays a request and its answer from another process, and reads the view back', async () => {
    const remote = connectStandin(h.standin.url);
    const create = request('Create');

    expect(await remote.requestSent(create)).toBe(true);
    expect(
      await remote.answerReceived(create, { Status: 'SUCCESS', PhysicalResourceId: 'pg-1' }),
    ).toBe(true);
    await remote.addStackEvent({
      stack: STACK_ID,
      logicalResourceId: 'Group',
      resourceType: 'Custom::PlacementGroup',
      physicalResourceId: 'pg-0',
      status: 'DELETE_COMPLETE',
    });
    await remote.setStackResource({
      stack: 'fleet',
      logicalResourceId: 'Other',
      resourceType: 'Custom::X',
      status: 'CREATE_FAILED',
      statusReason: 'odd',
    });
    const resources = await remote.stackResources(STACK_ID);
    const events = await remote.stackEvents('fleet');

    expect(await view()).toBe('CREATE_COMPLETE pg-1');
    expect(
      resources.map((resource) => [
        resource.logicalResourceId,
        resource.status,
        resource.physicalResourceId,
      ]),
    ).toEqual([
      ['Group', 'CREATE_COMPLETE', 'pg-1'],
      ['Other', 'CREATE_FAILED', undefined],
    ]);
    expect(events.map((event) => `${event.logicalResourceId} ${event.status}`).slice(0, 4)).toEqual(
      [
        'Other CREATE_FAILED',
        'Group DELETE_COMPLETE',
        'Group CREATE_COMPLETE',
        'Group CREATE_IN_PROGRESS',
      ],
    );
    expect(events[0]?.timestamp).toMatch(/^\d{4}-\d\d-\d\dT/);
    await expect(remote.requestSent({ RequestType: 'Create' } as never)).rejects.toThrow(
      /request-sent failed: Not a custom-resource request/,
    );
  });
});
