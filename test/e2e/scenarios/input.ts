/**
 * Input scenarios: every malformed shape of event and request we could think of — truncated
 * JSON in an SNS message, wrong types, missing fields, huge and deeply nested properties,
 * unknown request types, empty strings, unicode, over-long identifiers — each answered FAILED
 * with a specific reason when a usable ResponseURL exists, and rejected without a PUT otherwise.
 */
import type { Expect, Play, Scenario } from '../support/harness.js';
import type { RawRequest } from '../support/requests.js';
import { asEvent } from '../support/requests.js';

const echo = (properties: Record<string, unknown> = {}) => ({
  type: 'Custom::E2eEcho',
  properties,
});
const failedWith = (reason: RegExp): Expect => ({ status: 'FAILED', reason });

/** A Create of Custom::E2eEcho, edited by `edit`, expecting `expect`. */
function edited(
  name: string,
  edit: (request: RawRequest) => void,
  expect: Expect,
  properties: Record<string, unknown> = {},
): Scenario {
  return {
    name,
    play: async (play) => {
      const request = play.request(echo(properties));
      edit(request);
      await play.send(request, expect);
    },
  };
}

/** Stands in a request for a value nested too deep to build or serialise as an object here. */
const deepMark = '__nested_6000_deep__';

/**
 * A request whose marked value is nested 6,000 levels deep, sent as JSON text (directly, or as the
 * SNS message): too deep for JSON.stringify, so the text is written by hand.
 */
function deep(
  name: string,
  mark: (request: Record<string, unknown>) => void,
  reason: RegExp,
): Scenario {
  return {
    name,
    play: async (play) => {
      const request = play.request(echo());
      mark(request);
      const text = JSON.stringify(request).replace(
        `"${deepMark}"`,
        `${'{"deeper":'.repeat(6000)}"bottom"${'}'.repeat(6000)}`,
      );
      await play.send(text, failedWith(reason), { about: request });
    },
  };
}

function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let level = 0; level < depth; level += 1) value = { deeper: value };
  return value;
}

/** Whole events that are not requests at all: nothing can be answered. */
function eventScenario(
  name: string,
  event: (play: Play) => unknown,
  vias: Scenario['vias'] = ['direct'],
): Scenario {
  return {
    name,
    vias,
    play: async (play) =>
      void (await play.send(event(play) as RawRequest, { status: 'none' }, { raw: true })),
  };
}

function inputScenarios(): Scenario[] {
  return [
    {
      name: 'SNS message is truncated JSON',
      vias: ['sns'],
      play: async (play) => {
        const text = JSON.stringify(play.request(echo()));
        await play.send(text.slice(0, Math.floor(text.length / 2)), { status: 'none' });
      },
    },
    eventScenario(
      'SNS message is not a string',
      (play) => ({ Records: [{ EventSource: 'aws:sns', Sns: { Message: play.request(echo()) } }] }),
      ['sns'],
    ),
    eventScenario('event has no records', () => ({ Records: [] })),
    eventScenario('event is null', () => null),
    eventScenario('event is a bare string', () => 'Create'),
    eventScenario('event is an array', (play) => [play.request(echo())]),
    {
      name: 'SNS event carries two requests',
      vias: ['sns'],
      play: async (play) => {
        const [first, second] = [
          play.request(echo({ Value: 'one' })),
          play.request(echo({ Value: 'two' })),
        ];
        const records = [first, second].map(
          (request) => (asEvent(request, 'sns') as { Records: unknown[] }).Records[0],
        );
        await play.send({ Records: records }, { status: 'SUCCESS' }, { raw: true, about: first });
        for (const request of [second]) {
          const puts = play.endpoint.receivedFor(String(request.RequestId));
          play.check(puts.length === 1, `${puts.length} PUTs for one of two requests in one event`);
          play.check(
            JSON.parse(puts[0]?.body.toString() ?? '{}').Status === 'SUCCESS',
            'one of two requests in one event did not succeed',
          );
        }
      },
    },
    edited(
      'RequestType is unknown',
      (r) => {
        r.RequestType = 'Replace';
      },
      failedWith(/^Malformed request: RequestType must be Create, Update or Delete$/),
    ),
    edited(
      'RequestType is a number',
      (r) => {
        r.RequestType = 1;
      },
      failedWith(/RequestType must be/),
    ),
    edited(
      'RequestType is empty',
      (r) => {
        r.RequestType = '';
      },
      failedWith(/RequestType must be/),
    ),
    edited(
      'RequestId is missing',
      (r) => void delete r.RequestId,
      failedWith(/RequestId must be a non-empty string/),
    ),
    edited(
      'StackId is a number',
      (r) => {
        r.StackId = 42;
      },
      failedWith(/StackId must be a non-empty string/),
    ),
    edited(
      'LogicalResourceId is empty',
      (r) => {
        r.LogicalResourceId = '';
      },
      failedWith(/LogicalResourceId must be a non-empty string/),
    ),
    edited(
      'ResourceProperties is a string',
      (r) => {
        r.ResourceProperties = '{"Value":"v"}';
      },
      failedWith(/ResourceProperties must be an object/),
    ),
    edited(
      'ResourceProperties is missing',
      (r) => void delete r.ResourceProperties,
      failedWith(/ResourceProperties must be an object/),
    ),
    edited(
      'Delete has no PhysicalResourceId',
      (r) => {
        r.RequestType = 'Delete';
      },
      failedWith(/PhysicalResourceId must be a non-empty string/),
    ),
    edited(
      'Update has no OldResourceProperties',
      (r) => void Object.assign(r, { RequestType: 'Update', PhysicalResourceId: 'p-1' }),
      failedWith(/OldResourceProperties must be an object/),
    ),
    edited(
      'ResourceType is not registered',
      (r) => {
        r.ResourceType = 'Custom::Nope';
      },
      failedWith(/^Unknown ResourceType Custom::Nope; this handler serves /),
    ),
    edited(
      'StackId is 5 kB long',
      (r) => {
        r.StackId = `arn:aws:cloudformation:us-east-1:123456789012:stack/x/${'a'.repeat(5000)}`;
      },
      { status: 'none' },
    ),
    edited(
      'integer property is not a number',
      () => undefined,
      failedWith(/Count: must be a whole number/),
      { Count: 'twelve' },
    ),
    edited(
      'integer property is out of range',
      () => undefined,
      failedWith(/Count: must be at most 100/),
      { Count: '101' },
    ),
    edited(
      'boolean property is neither true nor false',
      () => undefined,
      failedWith(/Flag: must be true or false/),
      { Flag: 'yes' },
    ),
    edited(
      'string property is an object',
      () => undefined,
      failedWith(/Value: must be of type string$/),
      { Value: { Ref: 'x' } },
    ),
    edited('unknown property', () => undefined, failedWith(/unknown property Bogus/), {
      Bogus: '1',
    }),
    edited(
      '5,000 unknown properties',
      () => undefined,
      failedWith(/unknown properties/),
      Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`Extra${i}`, 'x'])),
    ),
    edited(
      'property value of 300 kB',
      () => undefined,
      failedWith(/too large for CloudFormation's 4096-byte response/),
      { Value: 'v'.repeat(300_000) },
    ),
    edited(
      'properties nested 31 deep, the most accepted',
      () => undefined,
      { status: 'SUCCESS' },
      { Nested: nested(31) as Record<string, unknown> },
    ),
    edited(
      'properties nested 32 deep',
      () => undefined,
      failedWith(/^Malformed request: ResourceProperties nests deeper than 32 levels$/),
      { Nested: nested(32) as Record<string, unknown> },
    ),
    deep(
      'properties nested 6,000 deep',
      (r) => {
        (r.ResourceProperties as Record<string, unknown>).Nested = deepMark;
      },
      /^Malformed request: ResourceProperties nests deeper than 32 levels$/,
    ),
    deep(
      'another field nested 6,000 deep',
      (r) => {
        r.Extra = deepMark;
      },
      /^Malformed request: the request nests deeper than 32 levels$/,
    ),
    edited(
      'scalars arrive as strings',
      () => undefined,
      { status: 'SUCCESS' },
      { Count: '7', Flag: 'TRUE', ServiceTimeout: '600' },
    ),
    edited('empty string property', () => undefined, { status: 'SUCCESS' }, { Value: '' }),
    edited(
      'unicode everywhere',
      (r) => {
        r.LogicalResourceId = 'Thing';
      },
      { status: 'SUCCESS' },
      { Value: 'ü 🦊 \u2028 \u0000 é\u0301 𝒳 \ud800', Name: 'név' },
    ),
  ];
}

export { inputScenarios };
