import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findLeaks } from '../../scripts/audit/leaks.js';
import { formerPresignedUrl } from '../support/former-patterns.js';

const pieces = [
  'http://',
  'HTTPS://',
  'https:/',
  'b',
  '/k',
  '?',
  '&',
  '=',
  ' ',
  '"',
  "'",
  '\\',
  '<',
  '>',
  '\u00a0',
  'X-Amz-',
  'x-amz-',
  'Signature=',
  'AWSAccessKeyId=',
  'signature',
];
const urlLike = fc
  .array(fc.constantFrom(...pieces), { maxLength: 30 })
  .map((parts) => parts.join(''));

const flagsUrlQuery = (text: string) =>
  findLeaks([{ line: 1, text, record: undefined, prefix: '' }]).some(
    (leak) => leak.kind === 'url-query',
  );

describe('the audit’s pre-signed URL check', () => {
  it.each([
    ['PUT https://b.s3.amazonaws.com/k?X-Amz-Signature=abc', true],
    ['http://b?x=1&AWSAccessKeyId=AKIA', true],
    ['HTTP://B/K?A=1&signature=abc', true],
    ['https://?X-Amz-Date=1', false],
    ['https://b/k?x=1 X-Amz-Signature=abc', false],
    ['https://b/k X-Amz-Signature=abc', false],
    ['https://b/k?Signature', false],
  ])('judges %j: %j', (text, leaks) => {
    expect(flagsUrlQuery(text)).toBe(leaks);
    expect(formerPresignedUrl.test(text)).toBe(leaks);
  });

  it('flags exactly what the former pattern did', () => {
    fc.assert(
      fc.property(fc.oneof(urlLike, fc.string({ maxLength: 30 })), (text) => {
        expect(flagsUrlQuery(text)).toBe(formerPresignedUrl.test(text));
      }),
      { numRuns: 5000, seed: 13 },
    );
  });
});
