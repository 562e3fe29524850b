import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import {
  MaxNumericTextLength,
  cfnInteger,
  cfnNumber,
  parseProperties,
} from '../../framework/properties.js';
import { formerIntegerText, formerNumberText } from '../support/former-patterns.js';

const range = { min: -Number.MAX_VALUE, max: Number.MAX_VALUE };

/** cfnInteger and cfnNumber as they were before their text was bounded and made linear. */
function formerCfn(pattern: RegExp, message: string, number: z.ZodMiniNumber<number>) {
  const fromText = z.pipe(
    z.string().check(z.regex(pattern)),
    z.transform((value: string) => Number(value)),
  );
  return z.pipe(
    z.union([z.number(), fromText], { error: message }),
    number.check(z.gte(range.min), z.lte(range.max)),
  );
}

const current = z.strictObject({
  Whole: z.optional(cfnInteger(range)),
  Real: z.optional(cfnNumber(range)),
});
const former = z.strictObject({
  Whole: z.optional(
    formerCfn(
      formerIntegerText,
      'must be a whole number',
      z.int({ error: 'must be a whole number' }),
    ),
  ),
  Real: z.optional(formerCfn(formerNumberText, 'must be a number', z.number())),
});

/**
 * Text made of the characters a numeric pattern cares about and a few it must refuse, or of
 * number-shaped pieces.
 */
const numericLike = fc.oneof(
  fc.string({
    unit: fc.constantFrom('0', '1', '9', '.', 'e', 'E', '+', '-', ' ', 'x', '\n', '٣'),
    maxLength: MaxNumericTextLength,
  }),
  fc
    .array(fc.constantFrom('', '+', '-', '0', '12', '9', '.', '.5', 'e', 'E', 'e+', 'e-', '3'), {
      maxLength: 8,
    })
    .map((parts) => parts.join('')),
);

describe('numeric strings', () => {
  it.each([
    '0',
    '7',
    '+7',
    '-7',
    '007',
    '1.',
    '.5',
    '1.5',
    '-.5',
    '+1.e3',
    '1e5',
    '1E+5',
    '1.5e-3',
    '.5E10',
    '12345678901234567890',
  ])('reads %j as a number', (text) => {
    expect(parseProperties(current, { Real: text })).toEqual({
      ok: true,
      value: { Real: Number(text) },
    });
  });

  it.each([
    '',
    '.',
    '+',
    '-',
    '+-1',
    'e5',
    '.e5',
    '1e',
    '1e+',
    '1e5.5',
    '..5',
    '1..5',
    '1.5.',
    ' 1',
    '1 ',
    '1\n',
    '0x10',
    'Infinity',
    'NaN',
    '1_000',
    '٣',
    '1,5',
  ])('refuses %j as a number, naming the property', (text) => {
    expect(parseProperties(current, { Real: text })).toEqual({
      ok: false,
      reason: 'Real: must be a number',
    });
  });

  it.each(['0', '+7', '-7', '0007'])('reads %j as a whole number', (text) => {
    expect(parseProperties(current, { Whole: text })).toEqual({
      ok: true,
      value: { Whole: Number(text) },
    });
  });

  it.each(['', '+', '1.', '1.0', '1e3', ' 7', '7 ', '7\n', '٣'])(
    'refuses %j as a whole number',
    (text) => {
      expect(parseProperties(current, { Whole: text })).toEqual({
        ok: false,
        reason: 'Whole: must be a whole number',
      });
    },
  );

  it('accepts and refuses exactly what the former patterns did, on text up to the bound', () => {
    const outcomes = new Set<boolean>();
    fc.assert(
      fc.property(numericLike, (text) => {
        const real = parseProperties(current, { Real: text });
        expect(parseProperties(current, { Whole: text })).toEqual(
          parseProperties(former, { Whole: text }),
        );
        expect(real).toEqual(parseProperties(former, { Real: text }));
        outcomes.add(real.ok);
      }),
      { numRuns: 5000, seed: 7 },
    );
    expect([...outcomes].sort()).toEqual([false, true]);
  });

  it(
    `reads text of exactly ${MaxNumericTextLength} characters, and refuses one more, ` +
      `naming the path and not the value`,
    () => {
      const longest = `${'0'.repeat(MaxNumericTextLength - 1)}7`;
      const schema = z.strictObject({
        Outer: z.strictObject({
          Count: cfnInteger({ min: 1, max: 7 }),
          Ratio: z.optional(cfnNumber({ min: 0, max: 1 })),
        }),
      });

      const accepted = parseProperties(schema, { Outer: { Count: longest } });
      const refused = parseProperties(schema, {
        Outer: { Count: `0${longest}`, Ratio: `0.${'5'.repeat(MaxNumericTextLength)}` },
      });

      expect(accepted).toEqual({ ok: true, value: { Outer: { Count: 7 } } });
      expect(refused).toEqual({
        ok: false,
        reason:
          `Outer.Count: must be a whole number of at most ${MaxNumericTextLength} ` +
          `characters; Outer.Ratio: must be a number of at most ${MaxNumericTextLength} ` +
          `characters`,
      });
    },
  );

  it('refuses the former attack (50,000 zeros and a NUL) by its length', () => {
    const attack = `${'0'.repeat(50_000)}\u0000`;

    const parsed = parseProperties(current, { Whole: attack, Real: attack });

    expect(parsed).toEqual({
      ok: false,
      reason:
        `Whole: must be a whole number of at most ${MaxNumericTextLength} characters; ` +
        `Real: must be a number of at most ${MaxNumericTextLength} characters`,
    });
  });
});
