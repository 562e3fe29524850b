import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../framework/logging.js';
import { Redactor } from '../../framework/redaction.js';
import { repeatedKeys } from '../support/trail-lines.js';

const time = '2026-11-27T12:00:00.000Z';

/** What the logger must write: the record redacted value by value, then serialised. */
function expected(
  redactor: Redactor,
  fixed: Record<string, unknown>,
  fields: Record<string, unknown>,
): string {
  return JSON.stringify({
    ...(redactor.value({ type: 't', time, ...fixed, ...fields }) as object),
    type: 't',
  });
}

beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(time));
});
afterAll(() => {
  vi.useRealTimers();
});

describe('the logger', () => {
  it(
    'writes the record value-by-value redaction gives, each key once, whether or not a ' +
      'line needs it',
    () => {
      const text = fc.oneof(
        fc.string(),
        fc.constantFrom('https://b.s3.amazonaws.com/k?X-Amz-Signature=abc', 'a=b', '%3D', 'plain'),
      );
      fc.assert(
        fc.property(
          fc.array(fc.string({ minLength: 1, maxLength: 12 }), { maxLength: 3 }),
          fc.dictionary(fc.string(), fc.oneof(fc.jsonValue(), text)),
          (secrets, fields) => {
            const redactor = new Redactor();
            redactor.add(secrets);
            let planted =
              secrets.length > 0
                ? { ...fields, planted: `x${secrets[0]}y`, nested: { list: [secrets[0]] } }
                : fields;
            const lines: string[] = [];
            // The context shares keys with some records (requestId), so a repeat would show.
            const fixed = { fixed: secrets[0] ?? 'none', list: [1], requestId: 'r-1' };
            if (fields.list !== undefined || secrets.length % 2 === 1)
              planted = { ...planted, requestId: 'own' };
            createLogger({ sink: (line) => lines.push(line), redactor })
              .child(fixed)
              .record('t', planted);

            expect(lines).toHaveLength(1);
            expect(repeatedKeys(lines[0] ?? '')).toEqual([]);
            expect(JSON.parse(lines[0] ?? '')).toEqual(
              JSON.parse(expected(redactor, fixed, planted)),
            );
          },
        ),
        { numRuns: 1000, seed: 42 },
      );
    },
  );

  it("masks a child's and its parent's secrets, also after the parent learns one more", () => {
    const parent = new Redactor();
    const child = new Redactor(parent);
    const lines: string[] = [];
    const log = createLogger({ sink: (line) => lines.push(line), redactor: child });
    parent.add(['first-secret']);
    log.info('one', { value: 'first-secret' });
    parent.add(['second-secret']);
    child.add(['third-secret']);

    log.info('two', { values: ['first-secret', 'second-secret', 'third-secret'] });

    expect(lines.join('\n')).not.toMatch(/first-secret|second-secret|third-secret/);
    expect(JSON.parse(lines[1] ?? '{}').values).toEqual(['***', '***', '***']);
  });
});

describe('the logger with a huge value', () => {
  it('keeps a line under 32 KB by cutting long strings, after masking secrets', () => {
    const redactor = new Redactor();
    const secret = 's3cr3t-'.repeat(200);
    redactor.add([secret]);
    const lines: string[] = [];

    createLogger({ sink: (line) => lines.push(line), redactor }).record('crkit.received', {
      properties: { Big: 'x'.repeat(300_000), Key: secret, Small: 'kept' },
    });

    const record = JSON.parse(lines[0] ?? '{}') as { properties: Record<string, string> };
    expect(lines[0]?.length).toBeLessThan(32_768);
    expect(record.properties.Big).toMatch(/^x{1024}… \(300000 characters\)$/);
    expect(record.properties.Key).toBe('***');
    expect(record.properties.Small).toBe('kept');
  });
});
