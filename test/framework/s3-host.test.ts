import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isS3Host } from '../../framework/answer/s3-host.js';
import { isAllowedResponseUrl } from '../../framework/answer/put.js';
import { formerS3Host } from '../support/former-patterns.js';

/** Median time of one call, in ms, over `runs` calls (robust to a busy machine). */
function medianMs(runs: number, call: () => unknown): number {
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    call();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)] ?? Number.POSITIVE_INFINITY;
}

const pieces = [
  's3',
  's',
  '3',
  '.',
  '-',
  'a',
  '0',
  'dualstack',
  'us-east-1',
  'amazonaws',
  'com',
  'cn',
  '.amazonaws.com',
  '.amazonaws.com.cn',
  '_',
  'A',
  'x.',
];

/**
 * Hosts built from the pieces S3's hosts are made of, in any order (short: the former pattern is
 * exponential).
 */
const hostLike = fc
  .array(fc.constantFrom(...pieces), { maxLength: 9 })
  .map((parts) => parts.join(''));

/** Hosts shaped like S3's, with every part optionally wrong. */
const s3Shaped = fc
  .tuple(
    fc.constantFrom('', 'bucket.', 'a..', '-a.', '.', 'b_b.', 'x.y.'),
    fc.constantFrom('s3', 's3-', 's3--', 's3-eu-west-1', 's3x', 'xs3'),
    fc.array(fc.constantFrom('.dualstack', '.us-east-1', '-a', '.-', '.', '.A'), { maxLength: 4 }),
    fc.constantFrom(
      '.amazonaws.com',
      '.amazonaws.com.cn',
      '.amazonaws.com.',
      '.amazonaws.co',
      '.example.com',
      '.amazonaws.com.evil',
    ),
  )
  .map(([prefix, s3, labels, suffix]) => `${prefix}${s3}${labels.join('')}${suffix}`);

describe('isS3Host', () => {
  it.each([
    's3.amazonaws.com',
    'bucket.s3.amazonaws.com',
    'cloudformation-custom-resource-response-useast1.s3.amazonaws.com',
    's3-eu-west-1.amazonaws.com',
    'b.s3-eu-west-1.amazonaws.com',
    's3.dualstack.us-east-1.amazonaws.com',
    'bucket.s3.dualstack.us-east-1.amazonaws.com',
    's3.cn-north-1.amazonaws.com.cn',
    's3.amazonaws.com.cn',
    's3--.amazonaws.com',
    's3-a-.amazonaws.com',
    's3.-.amazonaws.com',
    'a..s3.amazonaws.com',
    'a-.s3.amazonaws.com',
    's3.s3.amazonaws.com',
    'my.bucket.s3.x.y.amazonaws.com',
  ])('accepts %s', (host) => {
    expect(isS3Host(host)).toBe(true);
    expect(formerS3Host.test(host)).toBe(true);
  });

  it.each([
    's3-.amazonaws.com',
    's3-.x.amazonaws.com',
    's3x.amazonaws.com',
    'xs3.amazonaws.com',
    '-a.s3.amazonaws.com',
    '.s3.amazonaws.com',
    's3..x.amazonaws.com',
    's3.x..amazonaws.com',
    's3.amazonaws.com.evil.example',
    's3.amazonaws.com.',
    'S3.amazonaws.com',
    's3_x.amazonaws.com',
    'b_b.s3.amazonaws.com',
    'amazonaws.com',
    '.amazonaws.com',
    's3.amazonaws.co',
    's3.amazonaws.com.cn.cn',
    'bucket.s3.amazonaws.comm',
    'evil.example',
    '',
    `s3${'-a'.repeat(12)}.example.com`,
  ])('refuses %j', (host) => {
    expect(isS3Host(host)).toBe(false);
    expect(formerS3Host.test(host)).toBe(false);
  });

  it('accepts and refuses exactly what the former pattern did', () => {
    const outcomes = new Set<boolean>();
    fc.assert(
      fc.property(fc.oneof(hostLike, s3Shaped, fc.string({ maxLength: 12 })), (host) => {
        const judged = isS3Host(host);
        expect(judged).toBe(formerS3Host.test(host));
        outcomes.add(judged);
      }),
      { numRuns: 10_000, seed: 3 },
    );
    expect([...outcomes].sort()).toEqual([false, true]);
  });

  it.each([
    [
      'the former attack: s3 and 1,000 -a labels under another domain',
      `s3${'-a'.repeat(1000)}.example.com`,
    ],
    [
      '1,000 -a labels under S3’s own suffix, one of them empty',
      `s3${'-a'.repeat(1000)}..amazonaws.com`,
    ],
    ['700 s3 labels and an empty one', `${'s3.'.repeat(700)}.amazonaws.com`],
    ['a 2 KB prefix with a bad character at its end', `${'a.'.repeat(1000)}_.s3.amazonaws.com`],
  ])('judges a 2 KB hostile host in under 1 ms: %s', (_name, host) => {
    expect(host.length).toBeGreaterThanOrEqual(2000);

    expect(isS3Host(host)).toBe(false);
    expect(medianMs(101, () => isS3Host(host))).toBeLessThan(1);
  });

  it('refuses a ResponseURL with the hostile host without contacting anything', () => {
    expect(
      isAllowedResponseUrl(`https://s3${'-a'.repeat(1000)}.example.com/k?X-Amz-Signature=x`, []),
    ).toBe(false);
  });
});
