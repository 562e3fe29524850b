import { describe, expect, it } from 'vitest';
import { createLogger } from '../../framework/logging.js';
import { Redactor } from '../../framework/redaction.js';
import { captureLogs } from '../support/logs.js';

describe('the logger', () => {
  it('writes records whatever the level, and lines only at or above it', () => {
    const logs = captureLogs();
    const log = createLogger({ level: 'warn', sink: logs.sink });

    log.info('dropped');
    log.warn('kept');
    log.record('crkit.signal', { status: 'SUCCESS', action: 'create' });

    expect(logs.all().map((line) => line.message ?? line.type)).toEqual(['kept', 'crkit.signal']);
  });

  it(
    "never masks a record's own type, whatever secret equals it, so an auditor still finds " +
      'every record',
    () => {
      const logs = captureLogs();
      const log = createLogger({ sink: logs.sink });
      log.redactor.add(['crkit.signal', 'signal']);

      log.record('crkit.signal', {
        status: 'SUCCESS',
        action: 'create',
        note: 'crkit.signal',
        other: 'signal',
      });

      expect(logs.all()).toEqual([
        expect.objectContaining({ type: 'crkit.signal', note: '***', other: '***' }),
      ]);
    },
  );

  it(
    "masks a multi-line secret in an error's message and stack before the stack is split " +
      'into lines and cut',
    () => {
      const logs = captureLogs();
      const log = createLogger({ sink: logs.sink });
      const secret = 'first line of the key\nsecond line of the key';
      log.redactor.add([secret]);

      log.error('failed', { error: new Error(`refused ${secret} at login`) });

      const output = logs.lines.join('\n');
      expect(output).not.toContain('first line of the key');
      expect(output).not.toContain('second line of the key');
      expect(logs.all()[0]).toMatchObject({ error: { message: 'refused *** at login' } });
    },
  );

  it('survives an error whose cause chain is a cycle', () => {
    const logs = captureLogs();
    const first = new Error('first');
    const second = new Error('second', { cause: first });
    Object.assign(first, { cause: second });

    expect(() => createLogger({ sink: logs.sink }).error('failed', { error: first })).not.toThrow();
    expect(JSON.stringify(logs.all()[0])).toContain('(deeper causes omitted)');
  });

  it('drops a line whose fields throw while being read, instead of throwing', () => {
    const logs = captureLogs();
    const hostile = {
      get value(): string {
        throw new Error('getter');
      },
    };

    expect(() => createLogger({ sink: logs.sink }).info('hostile', hostile)).not.toThrow();
    expect(logs.lines).toEqual([]);
  });
});

describe('the redactor', () => {
  it('masks a secret raw, JSON-escaped and URL-encoded in values, and never touches keys', () => {
    const redactor = new Redactor();
    redactor.add(['p@ss "word"/1']);

    expect(
      redactor.value({
        a: 'x p@ss "word"/1 y',
        b: 'q=p%40ss%20%22word%22%2F1',
        'p@ss "word"/1': 1,
      }),
    ).toEqual({ a: 'x *** y', b: 'q=***', 'p@ss "word"/1': 1 });
    expect(redactor.text(JSON.stringify({ v: 'p@ss "word"/1' }))).toBe('{"v":"***"}');
  });

  it('masks a number whose digits are a secret, however short', () => {
    const redactor = new Redactor();
    redactor.add(['48213977', '7']);

    expect(redactor.value({ pin: 48213977, attempts: 7, other: 48213978, count: 17 })).toEqual({
      pin: '***',
      attempts: '***',
      other: 48213978,
      count: 17,
    });
  });

  it(
    'masks a secret shorter than eight characters only where it is a whole value, and one ' +
      'of eight anywhere',
    () => {
      const redactor = new Redactor();
      redactor.add(['ab', 'sig', 'create', 'signals!']);

      expect(
        redactor.value({
          whole: 'ab',
          inside: 'tab and cab',
          list: ['sig', 'signal'],
          action: 'create',
          message: 'create of X',
          note: 'two signals! here',
          sig: 'x',
        }),
      ).toEqual({
        whole: '***',
        inside: 'tab and cab',
        list: ['***', 'signal'],
        action: '***',
        message: 'create of X',
        note: 'two *** here',
        sig: 'x',
      });
      expect(redactor.text('ab sig create')).toBe('ab sig create');
    },
  );

  it(
    'masks a secret whose whitespace was changed: collapsed, re-wrapped, or spread over ' + 'lines',
    () => {
      const secret = 'line one\n  line two\tend';
      const redactor = new Redactor();
      redactor.add([secret]);

      expect(redactor.text(`AWS said: ${secret.replace(/\s+/g, ' ')} (refused)`)).toBe(
        'AWS said: *** (refused)',
      );
      expect(redactor.text(`got line\none line\ntwo end; retry`)).toBe('got ***; retry');
      expect(redactor.text(JSON.stringify({ v: secret }))).toBe('{"v":"***"}');
    },
  );

  it('registers a value with a lone surrogate without throwing, and masks it', () => {
    const redactor = new Redactor();
    const secret = 'half \ud800 of a pair';

    expect(() => redactor.add([secret])).not.toThrow();
    expect(redactor.value({ data: `x ${secret} y` })).toEqual({ data: 'x *** y' });
  });

  it('scrubs URL queries and loose signing parameters but keeps origin and path', () => {
    const redactor = new Redactor();

    expect(
      redactor.text(
        'PUT https://b.s3.amazonaws.com/k%7Cid?X-Amz-Signature=abc&X-Amz-Date=1 failed',
      ),
    ).toBe('PUT https://b.s3.amazonaws.com/k%7Cid failed');
    expect(redactor.text('X-Amz-Credential%3DAKIA%2F2026 and X-Amz-Security-Token=tok')).toBe(
      'X-Amz-Credential%3D*** and X-Amz-Security-Token=***',
    );
  });

  it('shares its parent secrets with a child, not the other way round', () => {
    const parent = new Redactor();
    const child = new Redactor(parent);
    parent.add(['from-parent']);
    child.add(['from-child']);

    expect(child.text('from-parent from-child')).toBe('*** ***');
    expect(parent.text('from-parent from-child')).toBe('*** from-child');
  });
});
