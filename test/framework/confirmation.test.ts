import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandler } from '../../framework/index.js';
import type { StackPort } from '../../framework/index.js';
import { confirmRequest } from '../../framework/confirmation.js';
import type { ConfirmationContext } from '../../framework/confirmation.js';
import { createLogger } from '../../framework/logging.js';
import { cloudFormationModel, sentByCloudFormation } from '../support/cloudformation.js';
import type { CloudFormationModel } from '../support/cloudformation.js';
import { lambdaContext, startResponseServer } from '../../framework/testing/index.js';
import type { ResponseServer } from '../../framework/testing/index.js';
import { requestOf } from '../support/events.js';
import { captureLogs } from '../support/logs.js';
import type { LogCapture } from '../support/logs.js';
import { echo, trace } from '../support/test-resources.js';
import { pattern } from '../support/pattern.js';

let model: CloudFormationModel;
let server: ResponseServer;
let logs: LogCapture;

const props = { ServiceToken: 'arn:aws:sns:us-east-1:123456789012:crkit', Value: 'a' };
const request = (kind: 'create' | 'update' | 'delete', overrides: Record<string, unknown> = {}) =>
  requestOf(
    kind,
    {
      ResourceType: 'Custom::Echo',
      ResourceProperties: props,
      ...(kind === 'update' ? { OldResourceProperties: props } : {}),
      ...overrides,
    },
    server.origin,
  );

const context = (stacks: StackPort | undefined = model.stacks): ConfirmationContext => ({
  stacks,
  describe: () =>
    model.stacks.describe(String(requestOf('create').StackId), AbortSignal.timeout(1000)),
  signal: AbortSignal.timeout(5000),
  log: createLogger({ sink: logs.sink }),
  ownAccount: '123456789012',
  recheckMs: 1,
});

/** Plays a request through CloudFormation's view: sent, then answered. */
function answered(sent: Record<string, unknown>, Status: string, PhysicalResourceId: string): void {
  model.requestSent(sent);
  model.answerReceived(sent, { Status, PhysicalResourceId });
}

beforeEach(async () => {
  model = cloudFormationModel();
  server = await startResponseServer();
  logs = captureLogs();
  trace.length = 0;
});
afterEach(async () => {
  await server.close();
});

describe('confirming a request with CloudFormation', () => {
  it('confirms each request type in the state CloudFormation is in when it sends it', async () => {
    const create = request('create');
    model.requestSent(create);
    const confirmedCreate = await confirmRequest(create as never, context());
    model.answerReceived(create, { Status: 'SUCCESS', PhysicalResourceId: 'echo-a-1' });
    const update = request('update', { PhysicalResourceId: 'echo-a-1' });
    model.requestSent(update);
    const confirmedUpdate = await confirmRequest(update as never, context());
    model.answerReceived(update, { Status: 'SUCCESS', PhysicalResourceId: 'echo-a-1' });
    const remove = request('delete', { PhysicalResourceId: 'echo-a-1' });
    model.requestSent(remove);

    expect([
      confirmedCreate,
      confirmedUpdate,
      await confirmRequest(remove as never, context()),
    ]).toEqual([
      { provenance: 'confirmed' },
      { provenance: 'confirmed' },
      { provenance: 'confirmed' },
    ]);
  });

  it.each([
    [
      'a stack CloudFormation does not know',
      () => request('delete', { PhysicalResourceId: 'echo-a-1' }),
      () => undefined,
      /knows no resource Thing/,
    ],
    [
      'a logical id the stack does not have',
      () => request('delete', { PhysicalResourceId: 'echo-a-1', LogicalResourceId: 'Other' }),
      (sent: Record<string, unknown>) =>
        answered(
          { ...sent, LogicalResourceId: 'Thing', RequestType: 'Create', RequestId: 'c-1' },
          'SUCCESS',
          'echo-a-1',
        ),
      /knows no resource Other/,
    ],
    [
      'another resource type',
      () =>
        request('delete', {
          PhysicalResourceId: 'echo-a-1',
          ResourceType: 'Custom::PlacementGroup',
        }),
      (sent: Record<string, unknown>) =>
        answered(
          { ...sent, ResourceType: 'Custom::Echo', RequestType: 'Create', RequestId: 'c-1' },
          'SUCCESS',
          'echo-a-1',
        ),
      /as Custom::Echo, not Custom::PlacementGroup/,
    ],
    [
      'another physical id, outside a cleanup',
      () => request('delete', { PhysicalResourceId: 'someone-elses-group' }),
      (sent: Record<string, unknown>) =>
        answered({ ...sent, RequestType: 'Create', RequestId: 'c-1' }, 'SUCCESS', 'echo-a-1'),
      /another physical id, and no cleanup deleting someone-elses-group/,
    ],
    [
      'an Update while the resource rests after its create',
      () => request('update', { PhysicalResourceId: 'echo-a-1' }),
      (sent: Record<string, unknown>) =>
        answered({ ...sent, RequestType: 'Create', RequestId: 'c-1' }, 'SUCCESS', 'echo-a-1'),
      /as CREATE_COMPLETE, which a Update request cannot have/,
    ],
    [
      'a Create arriving after CloudFormation moved on to deleting it',
      () => request('create'),
      (sent: Record<string, unknown>) =>
        model.requestSent({
          ...sent,
          RequestType: 'Delete',
          RequestId: 'd-1',
          PhysicalResourceId: 'echo-a-1',
        }),
      /as DELETE_IN_PROGRESS, which a Create request cannot have/,
    ],
  ])('refuses %s', async (_case, forged, world, why) => {
    const sent = forged();
    world(sent);

    expect(await confirmRequest(sent as never, context())).toEqual({
      provenance: 'contradicted',
      why: expect.stringMatching(why),
    });
  });

  it('confirms the cleanup Delete of a replaced resource from the stack events', async () => {
    const create = request('create');
    answered(create, 'SUCCESS', 'echo-a-1');
    const replace = request('update', {
      PhysicalResourceId: 'echo-a-1',
      ResourceProperties: { ...props, Value: 'b' },
    });
    answered(replace, 'SUCCESS', 'echo-b-1');
    model.setStack(String(create.StackId), 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS');
    const cleanup = request('delete', { PhysicalResourceId: 'echo-a-1' });
    model.requestSent(cleanup);

    expect(await confirmRequest(cleanup as never, context())).toEqual({ provenance: 'confirmed' });
  });

  it(
    'calls a request CloudFormation already shows answered settled, with the state and id ' +
      'it shows',
    async () => {
      const create = request('create');
      answered(create, 'SUCCESS', 'echo-a-1');

      expect(await confirmRequest(create as never, context())).toEqual({
        provenance: 'settled',
        status: 'CREATE_COMPLETE',
        physicalId: 'echo-a-1',
      });
    },
  );

  it('goes on unconfirmed when CloudFormation cannot be asked', async () => {
    const failing: StackPort = {
      ...model.stacks,
      resource: async () =>
        Promise.reject(
          Object.assign(new Error('Rate exceeded'), {
            name: 'Throttling',
            $metadata: { httpStatusCode: 400 },
          }),
        ),
    };

    expect(await confirmRequest(request('create') as never, context(failing))).toEqual({
      provenance: 'unconfirmed',
      why: 'CloudFormation could not be asked',
    });
  });

  it('goes on unconfirmed, without asking, for a stack in another account', async () => {
    const elsewhere = request('create', {
      StackId: 'arn:aws:cloudformation:us-east-1:210987654321:stack/web/1',
    });

    expect(
      await confirmRequest(
        elsewhere as never,
        context({
          ...model.stacks,
          resource: async () => Promise.reject(new Error('must not be asked')),
        }),
      ),
    ).toEqual({ provenance: 'unconfirmed', why: expect.stringMatching(/account 210987654321/) });
  });

  it.each([
    ['text that is no ARN', 'ꁫ𝆹𝅥ʖ'],
    ['the ARN of another service', 'arn:aws:sns:us-east-1:123456789012:stack/web/1'],
    ['colons that only look like an ARN', 'x:y:cloudformation:z:123456789012:stack/web/1'],
    ['a stack ARN with its account left out', 'arn:aws:cloudformation:us-east-1::stack/web/1'],
  ])(
    'contradicts, without asking, a request whose StackId is %s: CloudFormation sends ' +
      'only stack ARNs',
    async (_case, StackId) => {
      const silent: StackPort = {
        ...model.stacks,
        resource: async () => Promise.reject(new Error('must not be asked')),
      };

      expect(
        await confirmRequest(
          request('delete', { StackId, PhysicalResourceId: 'echo-a-1' }) as never,
          context(silent),
        ),
      ).toEqual({
        provenance: 'contradicted',
        why: 'its StackId is not a CloudFormation stack ARN',
      });
    },
  );

  it(
    'reads a stopping state twice, so a view that lags behind CloudFormation does not ' +
      'refuse a real request',
    async () => {
      answered(request('create'), 'SUCCESS', 'echo-a-1');
      const update = request('update', { PhysicalResourceId: 'echo-a-1' });
      const lagging: StackPort = {
        ...model.stacks,
        resource: async (...args) => {
          const view = await model.stacks.resource(...args);
          model.requestSent(update);
          return view;
        },
      };

      expect(await confirmRequest(update as never, context(lagging))).toEqual({
        provenance: 'confirmed',
      });
    },
  );

  it('reads an unknown stack or logical id once: a forged request costs one look', async () => {
    let looks = 0;
    const counting: StackPort = {
      ...model.stacks,
      resource: async (...args) => {
        looks += 1;
        return model.stacks.resource(...args);
      },
    };

    await confirmRequest(request('create') as never, context(counting));

    expect(looks).toBe(1);
  });
});

describe('a handler that confirms its requests', () => {
  const handler = () =>
    createHandler({
      resources: [echo],
      stacks: model.stacks,
      logSink: logs.sink,
      responseOrigins: [server.origin],
    });

  it(
    "refuses a forged Delete of another stack's resource: FAILED, the resource never " +
      'called, a crkit.refused record',
    async () => {
      await handler()(
        request('delete', { PhysicalResourceId: 'echo-a-1' }),
        lambdaContext({ remainingMs: 5000 }),
      );

      expect(trace).toEqual([]);
      expect(server.bodies()).toMatchObject([
        {
          Status: 'FAILED',
          PhysicalResourceId: 'echo-a-1',
          Reason: expect.stringMatching(
            pattern(
              /^CloudFormation does not confirm this request \(CloudFormation knows no resource/,
              / Thing in this stack\); crkit changed nothing$/,
            ),
          ),
        },
      ]);
      expect(logs.records('crkit.refused')).toMatchObject([{ check: 'cloudformation' }]);
      expect(logs.records('crkit.signal')).toMatchObject([
        { provenance: 'contradicted', status: 'FAILED' },
      ]);
    },
  );

  it(
    'refuses a forged Delete whose StackId is no stack ARN, even from a handler that knows ' +
      'its own account',
    async () => {
      const context = {
        ...lambdaContext({ remainingMs: 5000 }),
        invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:crkit',
      };

      await handler()(
        request('delete', { StackId: 'ꁫ𝆹𝅥ʖ', PhysicalResourceId: 'echo-a-1' }),
        context,
      );

      expect(trace).toEqual([]);
      expect(server.bodies()).toMatchObject([
        {
          Status: 'FAILED',
          Reason: expect.stringMatching(/not a CloudFormation stack ARN\); crkit changed nothing$/),
        },
      ]);
      expect(logs.records('crkit.signal')).toMatchObject([
        { provenance: 'contradicted', status: 'FAILED' },
      ]);
    },
  );

  it('answers a Create CloudFormation sent, recording it as confirmed', async () => {
    await sentByCloudFormation(model, handler())(
      request('create'),
      lambdaContext({ remainingMs: 5000 }),
    );

    expect(trace.map((entry) => entry.fn)).toEqual(['create']);
    expect(logs.records('crkit.signal')).toMatchObject([
      { provenance: 'confirmed', status: 'SUCCESS' },
    ]);
  });

  it(
    'answers a request already answered the same way without calling the resource and ' +
      'without Data, in a container that never saw it',
    async () => {
      const create = request('create');
      answered(create, 'SUCCESS', 'echo-a-1');

      await handler()(create, lambdaContext({ remainingMs: 5000 }));

      expect(trace).toEqual([]);
      expect(server.bodies()).toEqual([
        expect.objectContaining({
          Status: 'SUCCESS',
          PhysicalResourceId: 'echo-a-1',
          Reason: expect.stringMatching(/already shows Thing as CREATE_COMPLETE/),
        }),
      ]);
      expect(server.bodies()[0]).not.toHaveProperty('Data');
      expect(logs.records('crkit.signal')).toMatchObject([{ provenance: 'settled' }]);
    },
  );
});
