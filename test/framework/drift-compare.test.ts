import { describe, expect, it } from 'vitest';
import { compareDrift, parsedExpected } from '../../framework/drift.js';
import { cfnInteger } from '../../framework/index.js';
import * as z from 'zod/mini';

const identity = {
  stackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/web/1',
  logicalResourceId: 'Thing',
  physicalResourceId: 'thing-1',
  resourceType: 'Custom::Thing',
};
const schema = z.strictObject({
  Count: cfnInteger({ min: 1, max: 9 }),
  Name: z.optional(z.string()),
  Token: z.optional(z.string()),
});

describe('compareDrift', () => {
  it('compares parsed values: the template\'s "3" (or 3) equals the live 3', () => {
    const expected = parsedExpected(schema, {
      ServiceToken: { kind: 'value', value: 'arn:x' },
      Count: { kind: 'value', value: 3 },
    });

    const drift = compareDrift({
      identity,
      expected,
      live: { kind: 'found', properties: { Count: 3 } },
      checkedAt: '2026-12-03T00:00:00.000Z',
    });

    expect(expected).toEqual({ Count: { kind: 'value', value: 3 } });
    expect(drift).toEqual({
      ...identity,
      status: 'IN_SYNC',
      differences: [],
      notComparable: [],
      checkedAt: '2026-12-03T00:00:00.000Z',
    });
  });

  it('lists a value the schema refuses, or one not resolved, as not comparable', () => {
    const expected = parsedExpected(schema, {
      Count: { kind: 'value', value: 'many' },
      Name: { kind: 'not-comparable', why: 'it comes from Fn::GetAtt A.B' },
    });

    const drift = compareDrift({
      identity,
      expected,
      live: { kind: 'found', properties: { Count: 4, Name: 'x' } },
    });

    expect(drift.status).toBe('IN_SYNC');
    expect(drift.notComparable).toEqual([
      { property: 'Count', why: 'the template value does not parse with the type schema' },
      { property: 'Name', why: 'it comes from Fn::GetAtt A.B' },
    ]);
  });

  it(
    'masks both values of a sensitive property, and escapes tag keys as JSON pointer ' + 'segments',
    () => {
      const drift = compareDrift({
        identity,
        expected: { Token: { kind: 'value', value: 's3cret-one' } },
        live: { kind: 'found', properties: { Token: 's3cret-two' }, tags: { 'a/b~c': '1' } },
        sensitive: ['Token'],
        expectedTags: { kind: 'value', value: {} },
      });

      expect(drift.differences).toEqual([
        {
          propertyPath: '/Token',
          expectedValue: '(sensitive)',
          actualValue: '(sensitive)',
          differenceType: 'NOT_EQUAL',
        },
        {
          propertyPath: '/Tags/a~1b~0c',
          expectedValue: undefined,
          actualValue: '1',
          differenceType: 'ADD',
        },
      ]);
      expect(JSON.stringify(drift)).not.toContain('s3cret');
    },
  );

  it('says DELETED for a gone resource, keeping what was not comparable', () => {
    const drift = compareDrift({
      identity,
      expected: { Name: { kind: 'not-comparable', why: 'it comes from Fn::ImportValue X' } },
      live: { kind: 'gone' },
    });

    expect(drift).toMatchObject({
      status: 'DELETED',
      differences: [],
      notComparable: [{ property: 'Name', why: 'it comes from Fn::ImportValue X' }],
    });
  });
});
