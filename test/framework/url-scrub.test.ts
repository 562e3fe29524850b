import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Mask, Redactor, scrubUrls as scrubUrlsFromRedaction } from '../../framework/redaction.js';
import { mayHoldQuery, scrubUrls } from '../../framework/url-scrub.js';
import { formerMayHoldQuery, formerScrubUrls } from '../support/former-patterns.js';

/**
 * Pieces of the text the scrubber reacts to: schemes, every character that ends a path or a query,
 * signing parameters.
 */
const pieces = [
  'http://',
  'https://',
  'HTTPS://',
  'hTtP://',
  'http:/',
  'https:',
  'ftp://',
  'b.s3.amazonaws.com',
  '/k',
  'x',
  '_',
  '9',
  '?',
  '#',
  '=',
  '&',
  '%3D',
  '%3d',
  '%3A',
  ' ',
  '\n',
  '\t',
  '\u00a0',
  '\u2028',
  '"',
  "'",
  '<',
  '>',
  '\\',
  '(',
  ')',
  'X-Amz-Signature',
  'X-Amz-Security-Token',
  'x-amz-date',
  'Signature',
  'AWSAccessKeyId',
  'mySignature',
];

/** Text made of those pieces, in any order. */
const urlLike = fc
  .array(fc.constantFrom(...pieces), { maxLength: 40 })
  .map((parts) => parts.join(''));

describe('scrubUrls', () => {
  it.each([
    ['https://b/k?x=1', 'https://b/k'],
    ['PUT HTTPS://B/K?X=1 failed', 'PUT HTTPS://B/K failed'],
    [
      'https://b.s3.amazonaws.com/k%7Cid?X-Amz-Signature=abc&X-Amz-Date=1 failed',
      'https://b.s3.amazonaws.com/k%7Cid failed',
    ],
    ['http://?q', 'http://'],
    ['(http://b?q) and more', '(http://b and more'],
    ['"http://b?q"', '"http://b"'],
    ["'http://b?q'", "'http://b'"],
    ['<http://b?q>', '<http://b>'],
    ['http://b?q\\n', 'http://b\\n'],
    ['http://b/k?q#frag rest', 'http://b/k rest'],
    ['http://b?q1 http://c?q2', 'http://b http://c'],
    ['http://a http://b?q', 'http://a http://b'],
    ['http://http://b?q', 'http://http://b'],
    ['http://b??q', 'http://b'],
    [
      'X-Amz-Credential%3DAKIA%2F2026 and X-Amz-Security-Token=tok',
      `X-Amz-Credential%3D${Mask} and X-Amz-Security-Token=${Mask}`,
    ],
    ['Signature=abc&x=1', `Signature=${Mask}&x=1`],
    ['see https://b/k?Signature=abc then Signature=def', `see https://b/k then Signature=${Mask}`],
  ])('scrubs %j to %j', (text, scrubbed) => {
    expect(scrubUrls(text)).toBe(scrubbed);
    expect(formerScrubUrls(text)).toBe(scrubbed);
  });

  it.each([
    'xhttp://b?q=1',
    '_http://b?q',
    '9http://b?q',
    'http://b#frag?q',
    'http://b /k?q',
    'http://b\u00a0?q',
    'http:/b?q',
    'ftp://b?q',
    'mySignature=abc',
    'a=b',
    'https://b.s3.amazonaws.com/k%7Cid',
  ])('leaves %j as it is', (text) => {
    expect(scrubUrls(text)).toBe(text);
    expect(formerScrubUrls(text)).toBe(text);
  });

  it('scrubs exactly as the former patterns did', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          urlLike,
          fc.string({ unit: 'grapheme-composite', maxLength: 40 }),
          fc.string({ unit: 'binary', maxLength: 40 }),
        ),
        (text) => {
          expect(scrubUrls(text)).toBe(formerScrubUrls(text));
          expect(mayHoldQuery(text)).toBe(formerMayHoldQuery.test(text));
        },
      ),
      { numRuns: 10_000, seed: 11 },
    );
  });

  it.each([
    ['?', true],
    ['a=b', true],
    ['%3D', true],
    ['%3d', true],
    ['k%7Cid%3A', false],
    ['plain', false],
    ['', false],
  ])('says whether %j may hold a query: %j', (text, may) => {
    expect(mayHoldQuery(text)).toBe(may);
  });

  it('is what redaction.ts exports and what a Redactor applies, with the same mask', () => {
    const text = 'GET https://b/k?X-Amz-Signature=abc then Signature=def';

    expect(scrubUrlsFromRedaction).toBe(scrubUrls);
    expect(new Redactor().text(text)).toBe(`GET https://b/k then Signature=${Mask}`);
  });

  it(
    'gives the former result on the former attack, text repeating HTTP:// (140 KB), with ' +
      'and without a query at its end',
    () => {
      const attack = 'HTTP://'.repeat(20_000);

      expect(scrubUrls(attack)).toBe(attack);
      expect(scrubUrls(`${attack}?X-Amz-Signature=abc`)).toBe(attack);
      expect(scrubUrls(`${attack}=`)).toBe(`${attack}=`);
    },
  );
});
