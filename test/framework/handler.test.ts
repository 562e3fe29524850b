import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandler } from '../../framework/index.js';
import type { StackPort } from '../../framework/index.js';
import { cloudFormationModel, sentByCloudFormation } from '../support/cloudformation.js';
import type { CloudFormationModel } from '../support/cloudformation.js';
import { lambdaContext, snsEvent, startResponseServer } from '../../framework/testing/index.js';
import type { ResponseServer } from '../../framework/testing/index.js';
import { requestOf } from '../support/events.js';
import type { Kind } from '../support/events.js';
import { captureLogs } from '../support/logs.js';
import type { LogCapture } from '../support/logs.js';
import { echo, halfReplaced, rollbackAware, trace } from '../support/test-resources.js';
import { pattern } from '../support/pattern.js';

let server: ResponseServer;
let logs: LogCapture;
let stackStatus: string | Error = 'UPDATE_IN_PROGRESS';

let cloudFormation: CloudFormationModel;

/** CloudFormation's view of each resource from the model; the stack's status from `stackStatus`. */
const stacks: StackPort = {
  describe: async () => {
    if (stackStatus instanceof Error) throw stackStatus;
    return { status: stackStatus, tags: [] };
  },
  resource: (...args) => cloudFormation.stacks.resource(...args),
  resourceEvents: (...args) => cloudFormation.stacks.resourceEvents(...args),
};

function makeHandler(extra: Partial<Parameters<typeof createHandler>[0]> = {}) {
  const handler = createHandler({
    resources: [
      echo,
      rollbackAware,
      { type: 'Custom::Broken', load: () => import('../fixtures/broken-resource.js') },
    ],
    stacks,
    logSink: logs.sink,
    responseOrigins: [server.origin],
    ...extra,
  });
  return sentByCloudFormation(cloudFormation, handler);
}

const request = (kind: Kind, overrides: Record<string, unknown> = {}) =>
  requestOf(kind, overrides, server.origin);
const props = (extra: Record<string, unknown> = {}) => ({
  ServiceToken: 'arn:aws:sns:us-east-1:123456789012:crkit',
  Value: 'a',
  ...extra,
});

beforeEach(async () => {
  server = await startResponseServer();
  logs = captureLogs();
  trace.length = 0;
  stackStatus = 'UPDATE_IN_PROGRESS';
  cloudFormation = cloudFormationModel();
});
afterEach(async () => {
  await server.close();
});

describe.each(['direct', 'sns'] as const)('the handler, invoked %s', (via) => {
  const invoke = (
    handler: ReturnType<typeof makeHandler>,
    event: Record<string, unknown>,
    remainingMs = 10_000,
  ) => handler(via === 'sns' ? snsEvent([event]) : event, lambdaContext({ remainingMs }));

  it('answers a Create with SUCCESS, copying the identifiers verbatim', async () => {
    const event = request('create', { ResourceProperties: props({ Value: 'héllo', Size: '3' }) });

    await invoke(makeHandler(), event);

    expect(server.bodies()).toEqual([
      {
        Status: 'SUCCESS',
        PhysicalResourceId: 'echo-héllo-3',
        StackId: event.StackId,
        RequestId: event.RequestId,
        LogicalResourceId: event.LogicalResourceId,
        Data: { Value: 'héllo' },
      },
    ]);
    expect(trace).toEqual([
      { fn: 'create', replacing: undefined, properties: { Value: 'héllo', Size: 3 } },
    ]);
  });

  it('writes one signal record that matches the PUT it made', async () => {
    await invoke(makeHandler(), request('create', { ResourceProperties: props() }));

    const [signal] = logs.records('crkit.signal');
    const [put] = server.received;
    expect(logs.records('crkit.signal')).toHaveLength(1);
    expect(signal).toMatchObject({
      status: 'SUCCESS',
      physicalResourceId: 'echo-a-1',
      action: 'create',
      via,
      attempts: 1,
      httpStatus: 200,
      bodyBytes: put?.body.length,
      bodySha256: createHash('sha256')
        .update(put?.body ?? '')
        .digest('hex'),
      dataKeys: ['Value'],
    });
    expect(JSON.stringify(logs.lines)).not.toContain('X-Amz-Signature');
  });

  it('answers an unknown ResourceType with FAILED naming the types it serves', async () => {
    await invoke(
      makeHandler(),
      request('create', { ResourceType: 'Custom::Nope', ResourceProperties: props() }),
    );

    expect(server.bodies()[0]).toMatchObject({
      Status: 'FAILED',
      Reason:
        'Unknown ResourceType Custom::Nope; this handler serves Custom::Echo, ' +
        'Custom::RollbackAware, Custom::Broken',
    });
  });

  it('answers invalid properties with FAILED naming the property, never its value', async () => {
    await invoke(
      makeHandler(),
      request('create', {
        ResourceProperties: props({ Size: '11', Secret: 'hunter2-secret', Extra: 'x' }),
      }),
    );

    const [body] = server.bodies();
    expect(body).toMatchObject({
      Status: 'FAILED',
      Reason:
        'Invalid properties for Custom::Echo: Size: must be at most 10; unknown property Extra',
    });
    expect(String(body?.PhysicalResourceId)).toMatch(/^crkit:failed-create:/);
    expect(trace).toEqual([]);
    expect(JSON.stringify([server.bodies(), logs.lines])).not.toContain('hunter2-secret');
  });

  it.each([
    [
      'throw-error',
      'create of Custom::Echo failed with an internal error (TypeError); the log has the details',
    ],
    [
      'throw-string',
      'create of Custom::Echo failed: the resource code threw a string instead of an Error',
    ],
    [
      'throw-undefined',
      'create of Custom::Echo failed: the resource code threw undefined instead of an Error',
    ],
    [
      'throw-null',
      'create of Custom::Echo failed: the resource code threw null instead of an Error',
    ],
    [
      'throw-object',
      'create of Custom::Echo failed: the resource code threw a value of type object ' +
        'instead of an Error',
    ],
    [
      'reject-late',
      'create of Custom::Echo failed with an internal error (RangeError); the log has the details',
    ],
    [
      'return-nothing',
      'create of Custom::Echo returned no outcome; resource functions must return ' +
        'succeeded(), failed() or inProgress()',
    ],
    ['crkit-error', 'the group name is taken by another stack'],
    [
      'empty-id',
      'create of Custom::Echo returned an empty or over-long physical id (CloudFormation ' +
        'needs 1 to 1024 bytes)',
    ],
  ])(
    'answers FAILED with a specific Reason when the resource does %s',
    async (behaviour, reason) => {
      await invoke(
        makeHandler(),
        request('create', { ResourceProperties: props({ Behaviour: behaviour }) }),
      );

      expect(server.bodies()).toEqual([
        expect.objectContaining({
          Status: 'FAILED',
          Reason: reason,
          PhysicalResourceId: expect.stringMatching(/^crkit:failed-create:/),
        }),
      ]);
    },
  );

  it('answers FAILED with the partial resource id when Create fails after creating', async () => {
    await invoke(
      makeHandler(),
      request('create', { ResourceProperties: props({ Behaviour: 'fail-partial' }) }),
    );

    expect(server.bodies()[0]).toMatchObject({
      Status: 'FAILED',
      PhysicalResourceId: 'echo-a-1',
      Reason: 'tagging failed after creating the thing',
    });
  });

  it('answers FAILED when a resource module throws while loading', async () => {
    await invoke(
      makeHandler(),
      request('create', { ResourceType: 'Custom::Broken', ResourceProperties: props() }),
    );

    expect(server.bodies()[0]).toMatchObject({
      Status: 'FAILED',
      Reason: 'the module of Custom::Broken failed to load (Error); see the log for details',
    });
  });

  it('answers FAILED before the invocation ends when the resource never finishes', async () => {
    const context = lambdaContext({ remainingMs: 1500 });
    const handler = makeHandler();
    const event = request('create', { ResourceProperties: props({ Behaviour: 'never' }) });

    await handler(via === 'sns' ? snsEvent([event]) : event, context);

    const [put] = server.received;
    expect(server.bodies()[0]).toMatchObject({
      Status: 'FAILED',
      Reason: expect.stringMatching(
        pattern(
          /^the working time \(\d+ ms\) ran out before the resource finished; it is bounded by the/,
          / Lambda function's timeout$/,
        ),
      ),
    });
    expect(put?.at).toBeLessThan(context.endsAt);
  });

  it('answers the Delete of a failed Create SUCCESS without calling the resource', async () => {
    await invoke(makeHandler(), request('create', { ResourceProperties: props({ Size: 'x' }) }));
    const marker = String(server.bodies()[0]?.PhysicalResourceId);

    await invoke(
      makeHandler(),
      request('delete', {
        ResourceType: 'Custom::Broken',
        PhysicalResourceId: marker,
        ResourceProperties: props(),
      }),
    );

    expect(server.bodies()[1]).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: marker });
    expect(trace).toEqual([]);
  });

  it('deletes with the incoming id, succeeding when old properties no longer parse', async () => {
    await invoke(
      makeHandler(),
      request('delete', {
        PhysicalResourceId: 'echo-a-1',
        ResourceProperties: props({ Retired: 'x' }),
      }),
    );

    expect(server.bodies()[0]).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'echo-a-1' });
    expect(trace).toEqual([{ fn: 'delete', physicalId: 'echo-a-1', properties: undefined }]);
  });

  it('updates in place when no replace-on property changed', async () => {
    const event = request('update', {
      PhysicalResourceId: 'echo-a-1',
      ResourceProperties: props({ Value: 'b' }),
      OldResourceProperties: props(),
    });

    await invoke(makeHandler(), event);

    expect(server.bodies()[0]).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: 'echo-a-1',
      Data: { Value: 'b' },
    });
    expect(trace.map((entry) => entry.fn)).toEqual(['update']);
  });

  it(
    'replaces when a replace-on property changed, even if only its string form differs in ' +
      'value',
    async () => {
      const event = request('update', {
        PhysicalResourceId: 'echo-a-1',
        ResourceProperties: props({ Size: '2' }),
        OldResourceProperties: props({ Size: '1' }),
      });

      await invoke(makeHandler(), event);

      expect(server.bodies()[0]).toMatchObject({
        Status: 'SUCCESS',
        PhysicalResourceId: 'echo-a-2',
      });
      expect(trace).toEqual([
        { fn: 'create', replacing: 'echo-a-1', properties: { Value: 'a', Size: 2 } },
      ]);
    },
  );

  it('does not replace when "3" becomes 3: parsed values are compared', async () => {
    const event = request('update', {
      PhysicalResourceId: 'echo-a-3',
      ResourceProperties: props({ Size: 3 }),
      OldResourceProperties: props({ Size: '3' }),
    });

    await invoke(makeHandler(), event);

    expect(trace.map((entry) => entry.fn)).toEqual(['update']);
  });

  it(
    'treats an Update during UPDATE_ROLLBACK_IN_PROGRESS as a rollback, calling rollback ' +
      'when defined',
    async () => {
      stackStatus = 'UPDATE_ROLLBACK_IN_PROGRESS';
      const event = request('update', {
        ResourceType: 'Custom::RollbackAware',
        PhysicalResourceId: 'echo-a-1',
        ResourceProperties: props(),
        OldResourceProperties: props({ Value: 'b' }),
      });

      await invoke(makeHandler(), event);

      expect(trace.map((entry) => entry.fn)).toEqual(['rollback']);
      expect(logs.records('crkit.signal')[0]).toMatchObject({
        action: 'rollback',
        status: 'SUCCESS',
      });
    },
  );

  it('rolls back with update by default, even if failed properties no longer parse', async () => {
    stackStatus = 'UPDATE_ROLLBACK_IN_PROGRESS';
    const event = request('update', {
      PhysicalResourceId: 'echo-a-1',
      ResourceProperties: props(),
      OldResourceProperties: props({ Value: 'b', Size: 'huge' }),
    });

    await invoke(makeHandler(), event);

    expect(server.bodies()[0]).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'echo-a-1' });
    expect(trace).toEqual([{ fn: 'create', replacing: 'echo-a-1', properties: { Value: 'a' } }]);
  });

  it('treats the Update as an update and warns when the stack status cannot be read', async () => {
    stackStatus = new Error('AccessDenied');
    const event = request('update', {
      ResourceType: 'Custom::RollbackAware',
      PhysicalResourceId: 'echo-a-1',
      ResourceProperties: props(),
      OldResourceProperties: props({ Value: 'b' }),
    });

    await invoke(makeHandler(), event);

    expect(trace.map((entry) => entry.fn)).toEqual(['update']);
    expect(
      logs
        .all()
        .some((line) => line.level === 'warn' && String(line.message).includes('stack status')),
    ).toBe(true);
  });

  it('answers a duplicate delivery with the same answer without doing the work twice', async () => {
    const handler = makeHandler();
    const event = request('create', { ResourceProperties: props() });

    await invoke(handler, event);
    await invoke(handler, event);

    expect(trace).toHaveLength(1);
    expect(server.received).toHaveLength(2);
    expect(server.received[1]?.body.equals(server.received[0]?.body ?? Buffer.alloc(0))).toBe(true);
    expect(logs.records('crkit.signal').map((record) => record.duplicate)).toEqual([false, true]);
  });

  it('never contacts a ResponseURL outside the allowed origins, and logs a rejection', async () => {
    const handler = makeHandler({ responseOrigins: [] });

    await invoke(handler, request('create', { ResourceProperties: props() }));

    expect(server.connections()).toBe(0);
    expect(trace).toEqual([]);
    expect(logs.records('crkit.rejected')).toEqual([
      expect.objectContaining({ why: expect.stringContaining('is not an allowed origin') }),
    ]);
    expect(JSON.stringify(logs.lines)).not.toContain('X-Amz-Signature');
  });

  it('answers a malformed request FAILED when it has a usable ResponseURL', async () => {
    await invoke(
      makeHandler(),
      request('update', { PhysicalResourceId: 'echo-a-1', OldResourceProperties: 'nope' }),
    );

    expect(server.bodies()[0]).toMatchObject({
      Status: 'FAILED',
      PhysicalResourceId: 'echo-a-1',
      Reason: 'Malformed request: OldResourceProperties must be an object',
    });
  });

  it('answers a non-ASCII Reason with a byte-accurate Content-Length', async () => {
    const handler = createHandler({
      resources: [
        {
          ...echo,
          create: async () => {
            throw new (await import('../../framework/index.js')).ResourceError('échec: 组 🚫');
          },
        },
      ],
      logSink: logs.sink,
      responseOrigins: [server.origin],
    });

    await invoke(handler, request('create', { ResourceProperties: props() }));

    const [put] = server.received;
    expect(server.bodies()[0]).toMatchObject({ Reason: 'échec: 组 🚫' });
    expect(put?.headers['content-length']).toBe(String(put?.body.length));
  });

  it('keeps a 10 KB error message within a 4096-byte body', async () => {
    const handler = createHandler({
      resources: [
        {
          ...echo,
          create: async () => {
            throw new (await import('../../framework/index.js')).ResourceError('e'.repeat(10_240));
          },
        },
      ],
      logSink: logs.sink,
      responseOrigins: [server.origin],
    });

    await invoke(handler, request('create', { ResourceProperties: props() }));

    expect(server.received[0]?.body.length).toBeLessThanOrEqual(4096);
  });
});

describe('the handler bounded by ServiceTimeout', () => {
  it('answers FAILED naming the ServiceTimeout when it, not Lambda, ends the work', async () => {
    const started = Date.now();

    await makeHandler()(
      request('create', { ResourceProperties: props({ ServiceTimeout: '5', Behaviour: 'never' }) }),
      lambdaContext({ remainingMs: 60_000 }),
    );

    expect(server.bodies()[0]).toMatchObject({
      Status: 'FAILED',
      Reason: expect.stringMatching(
        pattern(
          /ran out before the resource finished; it is bounded by the resource's ServiceTimeout/,
          / \(5 s, counted from the request\)$/,
        ),
      ),
    });
    expect((server.received[0]?.at ?? Infinity) - started).toBeLessThan(5000);
  });
});

describe('a resource that says it created something, then runs out of time', () => {
  it('answers FAILED with the id it marked, so the rollback Delete removes it', async () => {
    await makeHandler()(
      request('create', { ResourceProperties: props({ Behaviour: 'mark-then-hang' }) }),
      lambdaContext({ remainingMs: 1500 }),
    );

    expect(server.bodies()[0]).toMatchObject({
      Status: 'FAILED',
      PhysicalResourceId: 'echo-a-1',
      Reason: expect.stringMatching(/^the working time/),
    });
  });

  it('deletes what a replacement marked before answering FAILED with the old id', async () => {
    const event = request('update', {
      PhysicalResourceId: 'echo-a-1',
      ResourceProperties: props({ Size: '2', Behaviour: 'mark-then-hang' }),
      OldResourceProperties: props({ Size: '1' }),
    });

    await makeHandler()(event, lambdaContext({ remainingMs: 1500 }));

    expect(server.bodies()[0]).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'echo-a-1' });
    expect(String(server.bodies()[0]?.Reason)).toMatch(
      /crkit deleted the partly made replacement echo-a-2\.$/,
    );
    expect(trace.map((entry) => [entry.fn, entry.physicalId ?? entry.replacing])).toEqual([
      ['create', 'echo-a-1'],
      ['delete', 'echo-a-2'],
    ]);
  });
});

describe('markCreated outside create', () => {
  it(
    'is ignored by an update: the failed answer keeps the incoming id and nothing is ' + 'deleted',
    async () => {
      const marking = {
        ...echo,
        update: async ({ markCreated }: { markCreated: (id: string) => void }) => {
          markCreated('something-else');
          throw new Error('update failed');
        },
      };
      const handler = createHandler({
        resources: [marking],
        logSink: logs.sink,
        responseOrigins: [server.origin],
      });

      await handler(
        request('update', {
          PhysicalResourceId: 'echo-a-1',
          ResourceProperties: props({ Value: 'b' }),
          OldResourceProperties: props(),
        }),
        lambdaContext(),
      );

      expect(server.bodies()[0]).toMatchObject({
        Status: 'FAILED',
        PhysicalResourceId: 'echo-a-1',
      });
      expect(String(server.bodies()[0]?.Reason)).not.toContain('something-else');
      expect(trace.filter((entry) => entry.fn === 'delete')).toEqual([]);
    },
  );
});

describe('a SUCCESS with a note', () => {
  it('sends the note as the Reason of the SUCCESS answer, redacted like any Reason', async () => {
    const noting = {
      ...echo,
      delete: async ({ physicalId }: { physicalId: string }) =>
        (await import('../../framework/index.js')).succeeded(
          physicalId,
          {},
          { note: `left ${physicalId} in place; owner hunter2-secret` },
        ),
    };
    const handler = createHandler({
      resources: [noting],
      logSink: logs.sink,
      responseOrigins: [server.origin],
    });

    await handler(
      request('delete', {
        PhysicalResourceId: 'echo-a-1',
        ResourceProperties: props({ Secret: 'hunter2-secret' }),
      }),
      lambdaContext(),
    );

    expect(server.bodies()[0]).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: 'echo-a-1',
      Reason: 'left echo-a-1 in place; owner ***',
    });
  });
});

describe('the handler guarding attributes', () => {
  it('answers with NoEcho when an attribute carries a sensitive property, and warns', async () => {
    const leaky = {
      ...echo,
      create: async ({ properties }: { properties: { Secret?: string } }) =>
        (await import('../../framework/index.js')).succeeded('leaky-1', {
          Token: `token-${properties.Secret ?? ''}`,
        }),
    };
    const handler = createHandler({
      resources: [leaky],
      logSink: logs.sink,
      responseOrigins: [server.origin],
    });

    await handler(
      request('create', { ResourceProperties: props({ Secret: 'hunter2-secret' }) }),
      lambdaContext(),
    );

    expect(server.bodies()[0]).toMatchObject({
      Status: 'SUCCESS',
      NoEcho: true,
      Data: { Token: 'token-hunter2-secret' },
    });
    expect(
      logs.all().some((line) => line.level === 'warn' && String(line.message).includes('NoEcho')),
    ).toBe(true);
    expect(logs.lines.join('\n')).not.toContain('hunter2-secret');
  });

  it('leaves NoEcho off when no attribute carries a sensitive value', async () => {
    await makeHandler()(
      request('create', { ResourceProperties: props({ Secret: 'hunter2-secret' }) }),
      lambdaContext(),
    );

    expect(server.bodies()[0]).not.toHaveProperty('NoEcho');
  });
});

describe('a replacement that fails after creating its new resource', () => {
  const replace = (size: string, behaviour?: string) =>
    request('update', {
      ResourceType: 'Custom::HalfReplaced',
      PhysicalResourceId: 'half-1',
      ResourceProperties: props({ Size: size, Behaviour: behaviour }),
      OldResourceProperties: props({ Size: '1' }),
    });
  const handler = () =>
    createHandler({
      resources: [halfReplaced],
      logSink: logs.sink,
      responseOrigins: [server.origin],
    });

  it.each([
    ['returned', undefined],
    ['thrown', 'throw-error'],
  ])(
    'deletes the partly made resource (failure %s) and keeps the old id',
    async (_how, behaviour) => {
      await handler()(replace('2', behaviour), lambdaContext());

      expect(server.bodies()[0]).toMatchObject({
        Status: 'FAILED',
        PhysicalResourceId: 'half-1',
        Reason: 'tagging the new thing failed. crkit deleted the partly made replacement half-2.',
      });
      expect(trace.map((entry) => [entry.fn, entry.physicalId ?? entry.replacing])).toEqual([
        ['create', 'half-1'],
        ['delete:delete', 'half-2'],
      ]);
    },
  );

  it('says in the Reason when the partly made resource could not be deleted', async () => {
    await handler()(replace('9'), lambdaContext());

    expect(server.bodies()[0]).toMatchObject({
      Status: 'FAILED',
      PhysicalResourceId: 'half-1',
      Reason:
        'tagging the new thing failed. The partly made replacement half-9 could not be ' +
        'deleted (the thing is still in use); delete it by hand.',
    });
  });
});

describe('the handler with a failing ResponseURL', () => {
  it('retries 500, 500 and answers once with 200: one SUCCESS after 3 attempts', async () => {
    server.script([500, 500, 200]);

    await makeHandler()(
      request('create', { ResourceProperties: props() }),
      lambdaContext({ remainingMs: 10_000 }),
    );

    expect(server.bodies().map((body) => body.Status)).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS']);
    expect(logs.records('crkit.signal')).toEqual([
      expect.objectContaining({ attempts: 3, httpStatus: 200, delivered: true }),
    ]);
  });

  it('makes exactly one attempt on 403', async () => {
    server.script([403]);

    await makeHandler()(
      request('create', { ResourceProperties: props() }),
      lambdaContext({ remainingMs: 10_000 }),
    );

    expect(server.received).toHaveLength(1);
    expect(logs.records('crkit.signal')).toEqual([
      expect.objectContaining({ attempts: 1, httpStatus: 403, delivered: false }),
    ]);
  });

  it.each([
    ['no context', undefined],
    ['a context without getRemainingTimeInMillis', {}],
    [
      'a context whose clock throws',
      {
        getRemainingTimeInMillis: () => {
          throw new Error('broken');
        },
      },
    ],
    ['a context whose clock says NaN', { getRemainingTimeInMillis: () => Number.NaN }],
  ])('still answers once with %s', async (_case, context) => {
    await makeHandler()(request('create', { ResourceProperties: props() }), context as never);

    expect(server.bodies()).toEqual([
      expect.objectContaining({ Status: 'SUCCESS', PhysicalResourceId: 'echo-a-1' }),
    ]);
  });

  it('returns normally, with a rejected record, for an event that is not a request', async () => {
    const result = await makeHandler()({ hello: 'world' }, lambdaContext());

    expect(result).toBeUndefined();
    expect(logs.records('crkit.rejected')).toHaveLength(1);
    expect(server.connections()).toBe(0);
  });
});
