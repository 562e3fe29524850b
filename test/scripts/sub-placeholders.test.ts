import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  findPlaceholders,
  replacePlaceholders,
} from '../../framework/template/sub-placeholders.js';
import { formerSubPlaceholder, formerSubVariable } from '../support/former-patterns.js';

const subLike = fc
  .array(
    fc.constantFrom(
      '${',
      '$',
      '{',
      '}',
      '!',
      'Name',
      '.Arn',
      ' ',
      '-',
      'AWS::Region',
      '${!',
      '$${',
    ),
    { maxLength: 20 },
  )
  .map((parts) => parts.join(''));

describe('Fn::Sub placeholders', () => {
  it.each([
    ['${Prefix}-ServiceToken', 'variables', ['Prefix']],
    ['${A}${B.Arn} ${ AWS::Region }', 'variables', ['A', 'B.Arn', ' AWS::Region ']],
    ['${!Literal} ${} ${A}', 'variables', ['A']],
    ['${!Literal} ${} ${A}', 'all', ['!Literal', '', 'A']],
    ['${a${b}c}', 'variables', ['a${b']],
    ['${!${A}', 'variables', ['A']],
    ['${A', 'variables', []],
    ['$${A}}', 'variables', ['A']],
  ] as const)('finds in %j (%s) %j', (text, which, inners) => {
    expect(findPlaceholders(text, which).map((placeholder) => placeholder.inner)).toEqual(inners);
  });

  it('finds and replaces exactly what the former patterns did', () => {
    fc.assert(
      fc.property(subLike, (text) => {
        const upper = (inner: string) => `<${inner.toUpperCase()}>`;
        expect(replacePlaceholders(text, 'variables', upper)).toBe(
          text.replace(formerSubVariable, (_whole, inner: string) => upper(inner)),
        );
        expect(replacePlaceholders(text, 'all', upper)).toBe(
          text.replace(formerSubPlaceholder, (_whole, inner: string) => upper(inner)),
        );
        expect(findPlaceholders(text, 'variables').map((placeholder) => placeholder.inner)).toEqual(
          [...text.matchAll(formerSubVariable)].map((match) => match[1]),
        );
      }),
      { numRuns: 5000, seed: 5 },
    );
  });

  it('finds nothing in 100,000 unclosed ${!, and every placeholder after them', () => {
    const text = `${'${!'.repeat(100_000)}\${A}`;

    expect(findPlaceholders(text, 'variables')).toEqual([
      { start: 300_000, end: 300_004, inner: 'A' },
    ]);
  });
});
