/**
 * The canary: secrets planted in properties, old properties, AWS error text, thrown errors,
 * Reasons and NoEcho Data, driven through create, update, rollback, delete and every failure
 * path. Every byte written to stdout/stderr/console, every PUT body and every forwarded signal
 * record is searched; then the same run with a redaction removed must leak.
 */
import { createHash } from 'node:crypto';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHandler, failedCreateMarker } from '../../framework/index.js';
import type { SignalRecord, StackPort } from '../../framework/index.js';
import { Redactor } from '../../framework/redaction.js';
import { awsError, canary, ec2, leaksIn, secrets } from '../support/canary.js';
import { cloudFormationModel, sentByCloudFormation } from '../support/cloudformation.js';
import { lambdaContext, snsEvent, startResponseServer } from '../../framework/testing/index.js';
import type { AnswerStep, ReceivedPut } from '../../framework/testing/index.js';
import { requestOf } from '../support/events.js';

type Step_ = {
  name: string;
  event: (origin: string) => Record<string, unknown>;
  status?: string;
  put?: readonly AnswerStep[];
  ms?: number;
  sns?: boolean;
  answered?: boolean;
};

const token = 'arn:aws:sns:us-east-1:123456789012:crkit';
const props = (extra: Record<string, unknown> = {}) => ({
  ServiceToken: token,
  Name: 'alpha',
  Password: secrets.password,
  ApiKey: secrets.apiKey,
  Pin: secrets.pin,
  Nested: { Token: secrets.token },
  Certificate: secrets.certificate,
  ...extra,
});
const old = { ServiceToken: token, Name: 'alpha', Password: secrets.oldPassword, Pin: secrets.pin };
const create =
  (extra: Record<string, unknown> = {}, overrides: Record<string, unknown> = {}) =>
  (origin: string) =>
    requestOf(
      'create',
      { ResourceType: 'Custom::Canary', ResourceProperties: props(extra), ...overrides },
      origin,
    );
const update =
  (extra: Record<string, unknown>, oldProps: Record<string, unknown> = old) =>
  (origin: string) =>
    requestOf(
      'update',
      {
        ResourceType: 'Custom::Canary',
        PhysicalResourceId: 'canary-alpha',
        ResourceProperties: props(extra),
        OldResourceProperties: oldProps,
      },
      origin,
    );
const remove =
  (extra: Record<string, unknown> = {}, overrides: Record<string, unknown> = {}) =>
  (origin: string) =>
    requestOf(
      'delete',
      {
        ResourceType: 'Custom::Canary',
        PhysicalResourceId: 'canary-alpha',
        ResourceProperties: props(extra),
        ...overrides,
      },
      origin,
    );

const firstCreate = create();
let replay: Record<string, unknown> | undefined;
const steps: Step_[] = [
  { name: 'create', event: (origin) => (replay = firstCreate(origin)) },
  { name: 'duplicate delivery', event: () => replay ?? {}, sns: true },
  { name: 'update', event: update({}), status: 'UPDATE_IN_PROGRESS' },
  {
    name: 'rollback with old properties in an older format',
    event: update({}, { ...old, Retired: 'yes' }),
    status: 'UPDATE_ROLLBACK_IN_PROGRESS',
  },
  {
    name: 'rollback that fails',
    event: update({ Mode: 'failed' }),
    status: 'UPDATE_ROLLBACK_IN_PROGRESS',
  },
  { name: 'delete', event: remove(), sns: true },
  {
    name: 'AWS error quoting secrets tidied, encoded and long',
    event: create({ Mode: 'aws-error', LongKey: secrets.longKey }),
  },
  { name: 'thrown Error', event: create({ Mode: 'throw' }) },
  { name: 'thrown Error quoting a multi-line secret', event: create({ Mode: 'throw-multiline' }) },
  {
    name: 'failed() quoting a secret longer than any Reason',
    event: create({ Mode: 'failed-long', LongKey: secrets.longKey }),
  },
  {
    name: 'a sensitive number, parsed from +00…',
    event: create({ Pin: `+00${secrets.parsedPin}` }),
  },
  { name: 'a misspelled sensitive property', event: create({ Pasword: secrets.typo }) },
  {
    name: 'a secret the resource generates, logs and returns',
    event: create({ Mode: 'generated' }),
  },
  { name: 'thrown string', event: create({ Mode: 'throw-string' }) },
  { name: 'ResourceError', event: create({ Mode: 'resource-error' }) },
  { name: 'failed()', event: create({ Mode: 'failed' }) },
  { name: 'error with a cause', event: update({ Mode: 'cause' }), status: 'UPDATE_IN_PROGRESS' },
  { name: 'deadline', event: remove({ Mode: 'hang' }), ms: 1500 },
  { name: 'invalid properties', event: create({ Pin: secrets.badPin }) },
  { name: 'unknown resource type', event: create({}, { ResourceType: 'Custom::Nope' }) },
  { name: 'malformed request', event: create({}, { LogicalResourceId: undefined }) },
  {
    name: 'delete of the failed-create marker',
    event: remove(
      {},
      { PhysicalResourceId: failedCreateMarker('6f1e2d3c-0000-4000-8000-00000000dead') },
    ),
  },
  {
    name: 'ResponseURL outside the allowed origins',
    event: create({}, { ResponseURL: `https://evil.example/x?X-Amz-Signature=${secrets.apiKey}` }),
    answered: false,
  },
  { name: 'PUT refused', event: create(), put: [403] },
  { name: 'PUT retried', event: create(), put: [500, 200] },
];

type Capture = {
  text: string[];
  forwarded: SignalRecord[];
  bodies: ReceivedPut[];
  signals: SignalRecord[];
};

/** Runs every step through one handler (one warm container), capturing everything written. */
async function runCanary(): Promise<Capture> {
  const server = await startResponseServer();
  const text: string[] = [];
  const forwarded: SignalRecord[] = [];
  const grab = (chunk: unknown) => {
    text.push(
      typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'),
    );
    return true;
  };
  const spies: { mockRestore(): void }[] = [
    vi.spyOn(process.stdout, 'write').mockImplementation(grab),
    vi.spyOn(process.stderr, 'write').mockImplementation(grab),
  ];
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const)
    spies.push(
      vi
        .spyOn(console, method)
        .mockImplementation((...args: unknown[]) => void grab(args.map(String).join(' '))),
    );
  let status = 'UPDATE_IN_PROGRESS';
  const cloudFormation = cloudFormationModel();
  const stacks: StackPort = {
    ...cloudFormation.stacks,
    describe: async () => ({ status, tags: [] }),
  };
  const handler = sentByCloudFormation(
    cloudFormation,
    createHandler({
      resources: [canary],
      stacks,
      logLevel: 'debug',
      responseOrigins: [server.origin],
      onSignal: async (record) => void forwarded.push(record),
    }),
  );
  try {
    for (const step of steps) {
      status = step.status ?? 'UPDATE_IN_PROGRESS';
      server.script(step.put ?? [200]);
      const event = step.event(server.origin);
      await handler(
        step.sns === true ? snsEvent([event]) : event,
        lambdaContext({ remainingMs: step.ms ?? 10_000 }),
      );
    }
  } finally {
    for (const spy of spies) spy.mockRestore();
    await server.close();
  }
  const signals = text
    .flatMap((chunk) => chunk.split('\n'))
    .filter((line) => line.includes('"crkit.signal"'))
    .map((line) => JSON.parse(line) as SignalRecord);
  return { text, forwarded, bodies: server.received.slice(), signals };
}

/** Every leak in a capture; NoEcho Data is expected in the PUT body's Data, and only there. */
function leaks(capture: Capture): string[] {
  const found = capture.text.flatMap((chunk) => leaksIn(chunk));
  for (const received of capture.bodies) {
    const { Data, ...rest } = JSON.parse(received.body.toString('utf8')) as Record<string, unknown>;
    found.push(
      ...leaksIn(JSON.stringify(rest)),
      ...leaksIn(
        JSON.stringify(Data ?? {}),
        rest.NoEcho === true ? ['noEchoKey', 'generated'] : [],
      ),
    );
  }
  found.push(...capture.forwarded.flatMap((record) => leaksIn(JSON.stringify(record))));
  return [...new Set(found)].sort();
}

const ec2Mock = mockClient(ec2);
afterEach(() => {
  ec2Mock.reset();
  vi.restoreAllMocks();
});

describe('the canary', () => {
  it(
    'finds no secret and no URL query in any output, while each planted secret reached the ' +
      'framework',
    async () => {
      ec2Mock.rejects(awsError());

      const capture = await runCanary();

      expect(leaks(capture)).toEqual([]);
      const bodies = capture.bodies.map(
        (received) => JSON.parse(received.body.toString('utf8')) as Record<string, unknown>,
      );
      expect(
        bodies.some(
          (body) =>
            (body.Data as Record<string, string> | undefined)?.Key === secrets.noEchoKey &&
            body.NoEcho === true,
        ),
      ).toBe(true);
      expect(
        bodies
          .map((body) => body.Reason)
          .filter((reason) => typeof reason === 'string' && reason.includes('***')).length,
      ).toBeGreaterThanOrEqual(4);
    },
  );

  it('leaks every planted secret when the redactor learns no secrets', async () => {
    ec2Mock.rejects(awsError());
    vi.spyOn(Redactor.prototype, 'add').mockImplementation(() => undefined);

    const found = leaks(await runCanary());

    expect(found).toEqual(
      expect.arrayContaining([
        'apiKey',
        'badPin',
        'certificate',
        'generated',
        'longKey',
        'noEchoKey',
        'oldPassword',
        'parsedPin',
        'password',
        'pin',
        'token',
      ]),
    );
    expect(found).not.toContain('url-query');
  });

  it('leaks the pre-signed URL query when URLs are not scrubbed', async () => {
    ec2Mock.rejects(awsError());
    vi.spyOn(Redactor.prototype, 'text').mockImplementation(function (
      this: Redactor,
      value: string,
    ) {
      return this.secrets().reduce((out, secret) => out.split(secret).join('***'), value);
    });

    expect(leaks(await runCanary())).toEqual(['url-query']);
  });

  it(
    'writes one signal record per PUT answer, matching the bytes, status and physical id ' +
      'received',
    async () => {
      ec2Mock.rejects(awsError());

      const { signals, bodies, forwarded } = await runCanary();

      const answered = steps.filter((step) => step.answered !== false).length;
      expect(signals).toHaveLength(answered);
      expect(forwarded.map((record) => record.bodySha256)).toEqual(
        signals.map((record) => record.bodySha256),
      );
      let cursor = 0;
      for (const record of signals) {
        const attempts = bodies.slice(cursor, cursor + record.attempts);
        cursor += record.attempts;
        const body = JSON.parse(attempts[0]?.body.toString('utf8') ?? '{}') as Record<
          string,
          unknown
        >;
        expect(attempts.every((put) => put.key === record.requestId)).toBe(true);
        expect(
          attempts.every(
            (put) => createHash('sha256').update(put.body).digest('hex') === record.bodySha256,
          ),
        ).toBe(true);
        expect({
          status: record.status,
          physicalResourceId: record.physicalResourceId,
          bodyBytes: record.bodyBytes,
        }).toEqual({
          status: body.Status,
          physicalResourceId: body.PhysicalResourceId,
          bodyBytes: attempts[0]?.body.length,
        });
      }
      expect(cursor).toBe(bodies.length);
      expect(signals.at(-2)).toMatchObject({ delivered: false, attempts: 1, httpStatus: 403 });
      expect(signals.at(-1)).toMatchObject({ delivered: true, attempts: 2, httpStatus: 200 });
    },
  );
});
