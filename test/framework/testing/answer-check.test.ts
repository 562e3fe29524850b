import { describe, expect, it } from 'vitest';
import { cfnInteger, defineResource, succeeded, z } from '../../../framework/index.js';
import {
  checkAnswer,
  noEchoSecrets,
  replaceOnChanges,
  requestSecrets,
  secretsIn,
} from '../../../framework/testing/index.js';

const definition = defineResource({
  type: 'Custom::Sized',
  properties: z.strictObject({
    Name: z.string(),
    Size: cfnInteger({ min: 1, max: 100 }),
    Password: z.optional(z.string()),
  }),
  replaceOn: ['Size'],
  sensitive: ['Password'],
  attributes: ['Token'],
  iamStatements: [],
  create: async () => succeeded('sized-1'),
  update: async ({ physicalId }) => succeeded(physicalId),
  delete: async ({ physicalId }) => succeeded(physicalId),
});

const stackId =
  'arn:aws:cloudformation:us-east-1:123456789012:stack/web/1b2c3d40-aaaa-11f0-8000-0a1b2c3d4e5f';
const ids = {
  StackId: stackId,
  RequestId: '6f1e2d3c-0000-4000-8000-000000000001',
  LogicalResourceId: 'Thing',
};
const secret = 'correct-horse-battery';
const create = {
  ...ids,
  RequestType: 'Create',
  ResourceType: 'Custom::Sized',
  ResourceProperties: { Name: 'a', Size: '3', Password: secret },
};
const update = (old: Record<string, unknown>, next: Record<string, unknown>) => ({
  ...ids,
  RequestType: 'Update',
  ResourceType: 'Custom::Sized',
  PhysicalResourceId: 'sized-1',
  ResourceProperties: next,
  OldResourceProperties: old,
});
const success = (fields: Record<string, unknown> = {}) => ({
  Status: 'SUCCESS',
  PhysicalResourceId: 'sized-1',
  ...ids,
  ...fields,
});
const rules = (violations: readonly { readonly rule: string }[]) =>
  violations.map((item) => item.rule);

describe('checkAnswer', () => {
  it('finds nothing wrong with a well-formed answer, given as bytes, text or a document', () => {
    const document = success({ Data: { Token: 'tok' } });

    expect(checkAnswer({ request: create, answer: document, definition })).toEqual([]);
    expect(checkAnswer({ request: create, answer: JSON.stringify(document), definition })).toEqual(
      [],
    );
    expect(
      checkAnswer({ request: create, answer: Buffer.from(JSON.stringify(document)), definition }),
    ).toEqual([]);
  });

  it(
    'reports a body that is not a JSON object, a status other than SUCCESS or FAILED, and ' +
      'ids that do not echo the request',
    () => {
      expect(rules(checkAnswer({ request: create, answer: 'not json' }))).toEqual(['body']);
      expect(
        rules(
          checkAnswer({
            request: create,
            answer: success({ Status: 'OK', RequestId: 'other', LogicalResourceId: 'Other' }),
          }),
        ),
      ).toEqual(['status', 'ids', 'ids']);
    },
  );

  it('reports a body over 4096 bytes', () => {
    const violations = checkAnswer({
      request: create,
      answer: success({ Data: { Token: 'x'.repeat(5000) } }),
      definition,
    });

    expect(violations).toEqual([
      {
        rule: 'size',
        message: expect.stringMatching(
          /^the body is 5\d{3} bytes; CloudFormation accepts at most 4096$/,
        ),
      },
    ]);
  });

  it(
    'reports a PhysicalResourceId that is missing, empty or over 1024 bytes, and accepts ' +
      'one of exactly 1024',
    () => {
      expect(
        rules(checkAnswer({ request: create, answer: success({ PhysicalResourceId: '' }) })),
      ).toEqual(['physical-id']);
      expect(
        rules(checkAnswer({ request: create, answer: success({ PhysicalResourceId: undefined }) })),
      ).toEqual(['physical-id']);
      expect(
        rules(
          checkAnswer({
            request: create,
            answer: success({ PhysicalResourceId: 'i'.repeat(1025) }),
          }),
        ),
      ).toEqual(['physical-id']);
      expect(
        checkAnswer({ request: create, answer: success({ PhysicalResourceId: 'i'.repeat(1024) }) }),
      ).toEqual([]);
    },
  );

  it('reports a Delete answered with another id than the one it was sent', () => {
    const request = {
      ...ids,
      RequestType: 'Delete',
      PhysicalResourceId: 'sized-1',
      ResourceProperties: { Name: 'a', Size: '3' },
    };

    expect(checkAnswer({ request, answer: success() })).toEqual([]);
    expect(checkAnswer({ request, answer: success({ PhysicalResourceId: 'sized-2' }) })).toEqual([
      { rule: 'id-on-delete', message: 'a Delete of sized-1 was answered with sized-2' },
    ]);
  });

  it('judges replacement on parsed replace-on values: 3 then "3" (or "03") is no change', () => {
    expect(
      replaceOnChanges(definition, update({ Name: 'a', Size: 3 }, { Name: 'a', Size: '3' })),
    ).toEqual([]);
    expect(
      replaceOnChanges(definition, update({ Name: 'a', Size: '03' }, { Name: 'b', Size: 3 })),
    ).toEqual([]);
    expect(
      checkAnswer({
        request: update({ Name: 'a', Size: 3 }, { Name: 'a', Size: '3' }),
        answer: success(),
        definition,
      }),
    ).toEqual([]);
    expect(
      checkAnswer({
        request: update({ Name: 'a', Size: 3 }, { Name: 'a', Size: '3' }),
        answer: success({ PhysicalResourceId: 'sized-2' }),
        definition,
      }),
    ).toEqual([
      {
        rule: 'replacement',
        message:
          'the update answered sized-2 for sized-1 (a replacement) though no replace-on ' +
          'property changed',
      },
    ]);
  });

  it('requires a new id when a replace-on property changed', () => {
    const request = update({ Name: 'a', Size: '3' }, { Name: 'a', Size: '4' });

    expect(replaceOnChanges(definition, request)).toEqual(['Size']);
    expect(
      checkAnswer({ request, answer: success({ PhysicalResourceId: 'sized-2' }), definition }),
    ).toEqual([]);
    expect(checkAnswer({ request, answer: success(), definition })).toEqual([
      {
        rule: 'replacement',
        message:
          'replace-on Size changed but the update kept sized-1: the cleanup Delete would ' +
          'remove the live resource',
      },
    ]);
  });

  it(
    'accepts a sensitive value in Data under NoEcho, as the framework answers it, and ' +
      'reports it without NoEcho (never quoting it)',
    () => {
      expect(
        checkAnswer({
          request: create,
          answer: success({ NoEcho: true, Data: { Token: secret } }),
          definition,
        }),
      ).toEqual([]);

      const violations = checkAnswer({
        request: create,
        answer: success({ Data: { Token: secret } }),
        definition,
      });

      expect(violations).toEqual([
        { rule: 'no-echo', message: 'Data.Token carries the value of Password without NoEcho' },
      ]);
    },
  );

  it('reports a URL query in Data without NoEcho as such, not as the value of a property', () => {
    const violations = checkAnswer({
      request: create,
      answer: success({ Data: { Link: 'https://b.s3.amazonaws.com/k?X-Amz-Signature=abc' } }),
      definition,
    });

    expect(violations).toEqual([
      { rule: 'no-echo', message: 'Data.Link carries a URL query without NoEcho' },
    ]);
  });

  it(
    'requires a FAILED answer to give a Reason, and the Reason to carry no secret (named ' +
      'by property, never quoted)',
    () => {
      const failed = { Status: 'FAILED', PhysicalResourceId: 'crkit:failed-create:x', ...ids };

      expect(rules(checkAnswer({ request: create, answer: failed, definition }))).toEqual([
        'reason',
      ]);
      expect(
        rules(
          checkAnswer({
            request: create,
            answer: { ...failed, Reason: 'failed (no reason given)' },
            definition,
          }),
        ),
      ).toEqual(['reason']);
      const leaked = checkAnswer({
        request: create,
        answer: { ...failed, Reason: `refused: ${secret}` },
        definition,
      });
      expect(leaked).toEqual([
        { rule: 'secret-in-reason', message: 'the Reason carries the value of Password' },
      ]);
      expect(JSON.stringify(leaked)).not.toContain(secret);
    },
  );

  it(
    'counts secrets the caller names (an earlier NoEcho answer), and a secret whose ' +
      'whitespace was tidied',
    () => {
      const parsedOnly = {
        ...create,
        ResourceProperties: { Name: 'a', Size: '3', Password: '  spaced  secret value ' },
      };

      expect(
        rules(
          checkAnswer({
            request: create,
            answer: { ...success(), Status: 'FAILED', Reason: 'token tok-0123456789 refused' },
            secrets: [{ property: 'NoEcho attribute Token', value: 'tok-0123456789' }],
          }),
        ),
      ).toEqual(['secret-in-reason']);
      expect(
        rules(
          checkAnswer({
            request: parsedOnly,
            answer: { ...success(), Status: 'FAILED', Reason: 'spaced secret value' },
            definition,
          }),
        ),
      ).toEqual(['secret-in-reason']);
    },
  );
});

describe('secretsIn', () => {
  it(
    'names the properties whose values a log line carries, and redacts the line as the ' +
      'framework would',
    () => {
      const secrets = requestSecrets(definition, create);
      const line = JSON.stringify({ level: 'info', msg: `saw ${secret}`, Name: 'a' });

      expect(secretsIn(line, secrets)).toEqual({
        properties: ['Password'],
        redacted: JSON.stringify({ level: 'info', msg: 'saw ***', Name: 'a' }),
      });
      expect(secretsIn(JSON.stringify({ msg: 'nothing here' }), secrets)).toEqual({
        properties: [],
        redacted: JSON.stringify({ msg: 'nothing here' }),
      });
    },
  );

  it('finds a short secret only where it is a whole field, as the framework masks it', () => {
    const secrets = [{ property: 'Pin', value: '4242' }];

    expect(secretsIn(JSON.stringify({ pin: '4242' }), secrets).properties).toEqual(['Pin']);
    expect(secretsIn(JSON.stringify({ msg: 'took 4242 ms' }), secrets).properties).toEqual([]);
  });
});

describe('noEchoSecrets', () => {
  it(
    'names the Data values of a NoEcho answer the framework keeps masked, less the public ' +
      'ones',
    () => {
      const answer = success({
        NoEcho: true,
        Data: { Token: 'tok-0123456789', Name: 'public-name-value', Short: 'abc', Id: 'sized-1' },
      });
      const request = {
        ...create,
        ResourceProperties: { ...create.ResourceProperties, Name: 'public-name-value' },
      };

      expect(noEchoSecrets(definition, request, answer)).toEqual([
        { property: 'NoEcho attribute Token', value: 'tok-0123456789' },
      ]);
      expect(
        noEchoSecrets(definition, request, success({ Data: { Token: 'tok-0123456789' } })),
      ).toEqual([]);
    },
  );
});
