import {
  DescribeStackEventsCommand,
  DescribeStackResourceCommand,
  paginateDescribeStackEvents,
} from '@aws-sdk/client-cloudformation';
import type { StackEvent } from '@aws-sdk/client-cloudformation';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { harness } from '../fixtures/standin/clients.js';
import type { Harness } from '../fixtures/standin/clients.js';

const STACK_ID =
  'arn:aws:cloudformation:us-east-1:123456789012:stack/app/0a1b2c3d-0000-4000-8000-000000000001';

let h: Harness;
beforeEach(async () => {
  h = await harness(
    { stacks: [{ stackId: STACK_ID, status: 'UPDATE_IN_PROGRESS' }], stackEventsPageSize: 3 },
    { maxAttempts: 1 },
  );
});
afterEach(async () => {
  await h.close();
});

const group = {
  stack: STACK_ID,
  logicalResourceId: 'Group',
  resourceType: 'Custom::PlacementGroup',
};

describe('CloudFormation DescribeStackResource', () => {
  const showsTitle =
    'shows a resource by stack ARN and by stack name, with every field CloudFormation gives';
  it(showsTitle, async () => {
    h.standin.setStackResource({
      ...group,
      physicalResourceId: 'pg-1',
      status: 'UPDATE_FAILED',
      statusReason: 'it broke',
    });

    const byId = await h.cfn.send(
      new DescribeStackResourceCommand({ StackName: STACK_ID, LogicalResourceId: 'Group' }),
    );
    const byName = await h.cfn.send(
      new DescribeStackResourceCommand({ StackName: 'app', LogicalResourceId: 'Group' }),
    );

    expect(byId.StackResourceDetail).toEqual({
      StackName: 'app',
      StackId: STACK_ID,
      LogicalResourceId: 'Group',
      PhysicalResourceId: 'pg-1',
      ResourceType: 'Custom::PlacementGroup',
      LastUpdatedTimestamp: expect.any(Date),
      ResourceStatus: 'UPDATE_FAILED',
      ResourceStatusReason: 'it broke',
    });
    expect(byName.StackResourceDetail).toEqual(byId.StackResourceDetail);
  });

  it('omits the physical id and the reason when the resource has none', async () => {
    h.standin.setStackResource({ ...group, status: 'CREATE_IN_PROGRESS' });

    const out = await h.cfn.send(
      new DescribeStackResourceCommand({ StackName: STACK_ID, LogicalResourceId: 'Group' }),
    );

    expect(out.StackResourceDetail).toMatchObject({ ResourceStatus: 'CREATE_IN_PROGRESS' });
    expect(out.StackResourceDetail).not.toHaveProperty('PhysicalResourceId');
    expect(out.StackResourceDetail).not.toHaveProperty('ResourceStatusReason');
  });

  it('answers ValidationError for an unknown stack and for an unknown logical id', async () => {
    await expect(
      h.cfn.send(
        new DescribeStackResourceCommand({ StackName: 'ghost', LogicalResourceId: 'Group' }),
      ),
    ).rejects.toMatchObject({
      name: 'ValidationError',
      message: "Stack 'ghost' does not exist",
      $metadata: { httpStatusCode: 400 },
    });
    await expect(
      h.cfn.send(
        new DescribeStackResourceCommand({ StackName: STACK_ID, LogicalResourceId: 'Nope' }),
      ),
    ).rejects.toMatchObject({
      name: 'ValidationError',
      message: 'Resource Nope does not exist for stack app',
      $metadata: { httpStatusCode: 400 },
    });
  });

  const autoCreateTitle =
    'registers an unknown stack ARN with autoCreateStacks, but knows none of its resources';
  it(autoCreateTitle, async () => {
    const auto = await harness({ autoCreateStacks: true }, { maxAttempts: 1 });
    const arn =
      'arn:aws:cloudformation:us-east-1:123456789012:stack/auto/' +
      '0a1b2c3d-0000-4000-8000-0000000000ff';

    const error = await auto.cfn
      .send(new DescribeStackResourceCommand({ StackName: arn, LogicalResourceId: 'Group' }))
      .catch((caught: unknown) => caught);
    const events = await auto.cfn
      .send(new DescribeStackEventsCommand({ StackName: arn }))
      .finally(() => auto.close());

    expect(error).toMatchObject({
      name: 'ValidationError',
      message: 'Resource Group does not exist for stack auto',
    });
    expect(
      events.StackEvents?.map((event) => [event.LogicalResourceId, event.ResourceStatus]),
    ).toEqual([['auto', 'CREATE_COMPLETE']]);
  });

  it('answers ValidationError when LogicalResourceId is missing', async () => {
    await expect(
      h.cfn.send(
        new DescribeStackResourceCommand({
          StackName: STACK_ID,
          LogicalResourceId: undefined as unknown as string,
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ValidationError',
      message:
        "1 validation error detected: Value null at 'logicalResourceId' failed to " +
        'satisfy constraint: Member must not be null',
    });
  });
});

const summary = (events: readonly StackEvent[]) =>
  events.map(
    (event) =>
      `${event.LogicalResourceId} ${event.ResourceStatus} ${event.PhysicalResourceId ?? '-'}`,
  );

describe('CloudFormation DescribeStackEvents', () => {
  it('lists every change of state, newest first, with every CloudFormation field', async () => {
    h.standin.setStackResource({ ...group, status: 'CREATE_IN_PROGRESS' });
    h.standin.setStackResource({
      ...group,
      physicalResourceId: 'pg-1',
      status: 'CREATE_FAILED',
      statusReason: 'no capacity',
    });

    const out = await h.cfn.send(new DescribeStackEventsCommand({ StackName: 'app' }));

    expect(summary(out.StackEvents ?? [])).toEqual([
      'Group CREATE_FAILED pg-1',
      'Group CREATE_IN_PROGRESS -',
      `app UPDATE_IN_PROGRESS ${STACK_ID}`,
    ]);
    expect(out.StackEvents?.[0]).toEqual({
      StackId: STACK_ID,
      EventId: expect.stringMatching(/^Group-[0-9a-f-]{36}$/),
      StackName: 'app',
      LogicalResourceId: 'Group',
      PhysicalResourceId: 'pg-1',
      ResourceType: 'Custom::PlacementGroup',
      Timestamp: expect.any(Date),
      ResourceStatus: 'CREATE_FAILED',
      ResourceStatusReason: 'no capacity',
    });
    expect(out.StackEvents?.[2]?.ResourceType).toBe('AWS::CloudFormation::Stack');
    expect(out.NextToken).toBeUndefined();
  });

  it(
    'appends a stack event when the stack status changes, and an event alone without ' +
      'changing the resource',
    async () => {
      h.standin.setStackResource({
        ...group,
        physicalResourceId: 'pg-new',
        status: 'UPDATE_COMPLETE',
      });
      h.standin.setStackStatus(STACK_ID, 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS');
      h.standin.addStackEvent({
        ...group,
        physicalResourceId: 'pg-old',
        status: 'DELETE_IN_PROGRESS',
      });

      const events = await h.cfn.send(new DescribeStackEventsCommand({ StackName: STACK_ID }));
      const resource = await h.cfn.send(
        new DescribeStackResourceCommand({ StackName: STACK_ID, LogicalResourceId: 'Group' }),
      );

      expect(summary(events.StackEvents ?? []).slice(0, 3)).toEqual([
        'Group DELETE_IN_PROGRESS pg-old',
        `app UPDATE_COMPLETE_CLEANUP_IN_PROGRESS ${STACK_ID}`,
        'Group UPDATE_COMPLETE pg-new',
      ]);
      expect(resource.StackResourceDetail).toMatchObject({
        PhysicalResourceId: 'pg-new',
        ResourceStatus: 'UPDATE_COMPLETE',
      });
    },
  );

  it('pages with NextToken, newest first, and the SDK paginator walks every page', async () => {
    for (let index = 1; index <= 7; index += 1)
      h.standin.addStackEvent({
        ...group,
        physicalResourceId: `pg-${index}`,
        status: 'UPDATE_IN_PROGRESS',
      });

    const first = await h.cfn.send(new DescribeStackEventsCommand({ StackName: STACK_ID }));
    const second = await h.cfn.send(
      new DescribeStackEventsCommand({ StackName: STACK_ID, NextToken: first.NextToken }),
    );
    const pages: StackEvent[][] = [];
    for await (const page of paginateDescribeStackEvents(
      { client: h.cfn },
      { StackName: STACK_ID },
    ))
      pages.push(page.StackEvents ?? []);

    expect(first.StackEvents?.map((event) => event.PhysicalResourceId)).toEqual([
      'pg-7',
      'pg-6',
      'pg-5',
    ]);
    expect(first.NextToken).toEqual(expect.any(String));
    expect(second.StackEvents?.map((event) => event.PhysicalResourceId)).toEqual([
      'pg-4',
      'pg-3',
      'pg-2',
    ]);
    expect(pages.map((page) => page.length)).toEqual([3, 3, 2]);
    expect(pages.flat().map((event) => event.PhysicalResourceId)).toEqual([
      'pg-7',
      'pg-6',
      'pg-5',
      'pg-4',
      'pg-3',
      'pg-2',
      'pg-1',
      STACK_ID,
    ]);
  });

  it('answers ValidationError for an unknown stack and a NextToken it did not give', async () => {
    await expect(
      h.cfn.send(new DescribeStackEventsCommand({ StackName: 'ghost' })),
    ).rejects.toMatchObject({
      name: 'ValidationError',
      message: 'Stack [ghost] does not exist',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(
      h.cfn.send(new DescribeStackEventsCommand({ StackName: STACK_ID, NextToken: 'not-a-token' })),
    ).rejects.toMatchObject({ name: 'ValidationError', message: 'Invalid NextToken' });
  });

  it('takes injected faults like any other action', async () => {
    h.standin.inject({
      service: 'cloudformation',
      action: 'DescribeStackEvents',
      kind: 'error',
      status: 400,
      code: 'Throttling',
      message: 'Rate exceeded',
    });
    h.standin.inject({
      service: 'cloudformation',
      action: 'DescribeStackResource',
      kind: 'malformed',
    });

    await expect(
      h.cfn.send(new DescribeStackEventsCommand({ StackName: STACK_ID })),
    ).rejects.toMatchObject({ name: 'Throttling', message: 'Rate exceeded' });
    await expect(
      h.cfn.send(
        new DescribeStackResourceCommand({ StackName: STACK_ID, LogicalResourceId: 'Group' }),
      ),
    ).rejects.toThrow();
    expect(h.standin.calls().map((call) => [call.action, call.fault])).toEqual([
      ['DescribeStackEvents', 'error'],
      ['DescribeStackResource', 'malformed'],
    ]);
  });

  it('refuses a page size that is not a positive integer', async () => {
    await expect(harness({ stackEventsPageSize: 0 })).rejects.toThrow(
      /stackEventsPageSize must be a positive integer/,
    );
  });
});
