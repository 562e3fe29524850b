import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import {
  cfnBoolean,
  cfnInteger,
  cfnNumber,
  parseProperties,
  sensitiveValues,
} from '../../framework/properties.js';

const schema = z.strictObject({
  Name: z.string(),
  Enabled: z.optional(cfnBoolean()),
  Count: z.optional(cfnInteger({ min: 1, max: 7 })),
  Ratio: z.optional(cfnNumber({ min: 0, max: 1 })),
  Mode: z.optional(z.enum(['fast', 'safe'])),
  Tags: z.optional(z.array(z.strictObject({ Key: z.string(), Value: z.string() }))),
});

describe('parseProperties', () => {
  it.each([
    ['true', true],
    ['TRUE', true],
    ['False', false],
    [true, true],
  ])('reads the boolean %j as %j', (raw, expected) => {
    expect(parseProperties(schema, { Name: 'a', Enabled: raw })).toEqual({
      ok: true,
      value: { Name: 'a', Enabled: expected },
    });
  });

  it.each(['yes', '1', '', 'true ', 1])('refuses %j as a boolean, naming the property', (raw) => {
    const parsed = parseProperties(schema, { Name: 'a', Enabled: raw });

    expect(parsed).toEqual({ ok: false, reason: 'Enabled: must be true or false' });
  });

  it('reads numeric strings back only where the schema asks', () => {
    const parsed = parseProperties(schema, { Name: '5', Count: '3', Ratio: '0.25' });

    expect(parsed).toEqual({ ok: true, value: { Name: '5', Count: 3, Ratio: 0.25 } });
  });

  it.each([
    ['8', 'Count: must be at most 7'],
    ['0', 'Count: must be at least 1'],
    ['2.5', 'Count: must be a whole number'],
    ['three', 'Count: must be a whole number'],
    [' 3', 'Count: must be a whole number'],
  ])('refuses the integer %j with a reason naming the path', (raw, reason) => {
    expect(parseProperties(schema, { Name: 'a', Count: raw })).toEqual({ ok: false, reason });
  });

  it('ignores ServiceToken and ServiceTimeout but refuses other unknown properties', () => {
    const accepted = parseProperties(schema, {
      Name: 'a',
      ServiceToken: 'arn:x',
      ServiceTimeout: '60',
    });
    const refused = parseProperties(schema, { Name: 'a', Colour: 'red' });

    expect(accepted).toEqual({ ok: true, value: { Name: 'a' } });
    expect(refused).toEqual({ ok: false, reason: 'unknown property Colour' });
  });

  it('names nested paths and missing properties', () => {
    const parsed = parseProperties(schema, { Tags: [{ Key: 'a', Value: 'b' }, { Key: 'c' }] });

    expect(parsed).toEqual({ ok: false, reason: 'Name: is required; Tags[1].Value: is required' });
  });

  it('says a present property of the wrong type has the wrong type, not that it is missing', () => {
    const parsed = parseProperties(schema, {
      Name: { Ref: 'Other' },
      Tags: [{ Key: 'a', Value: 7 }],
    });

    expect(parsed).toEqual({
      ok: false,
      reason: 'Name: must be of type string; Tags[0].Value: must be of type string',
    });
  });

  it('never quotes the offending value', () => {
    const secret = 's3cr3t-value-9981';

    const parsed = parseProperties(schema, {
      Name: 'a',
      Mode: secret,
      Count: secret,
      Enabled: secret,
    });

    expect(parsed.ok).toBe(false);
    expect(JSON.stringify(parsed)).not.toContain(secret);
    expect(parsed).toMatchObject({
      reason: expect.stringContaining('Mode: must be one of "fast", "safe"'),
    });
  });
});

describe('sensitiveValues', () => {
  it('collects every string under the sensitive properties, nested included', () => {
    const found = sensitiveValues(['Password', 'Keys'], {
      Password: 'p1',
      Keys: { a: 'k1', b: ['k2', 7] },
      Name: 'n',
    });

    expect(found.sort()).toEqual(['7', 'k1', 'k2', 'p1']);
  });
});
