import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../framework/logging.js';
import { Redactor } from '../../framework/redaction.js';
import { lineProblems, repeatedKeys } from '../support/trail-lines.js';

const context = {
  requestId: 'r-1',
  stackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/web/1',
  via: 'direct',
};

function written(redactor = new Redactor()): {
  lines: string[];
  log: ReturnType<typeof createLogger>;
} {
  const lines: string[] = [];
  return {
    lines,
    log: createLogger({ sink: (line) => lines.push(line), redactor }).child(context),
  };
}

describe('the repeated-key check', () => {
  it('finds a key written twice in one object, at any depth', () => {
    expect(repeatedKeys('{"a":1,"b":2,"a":3}')).toEqual(['a']);
    expect(repeatedKeys('{"x":[{"k":1,"k":2}],"y":{"k":1}}')).toEqual(['k']);
  });

  it('does not count the same key in different objects, or a key-like string value', () => {
    expect(repeatedKeys('{"a":{"a":1},"b":[{"a":1},{"a":2}],"c":"a","d":"\\"a\\":"}')).toEqual([]);
  });

  it('flags a signal or metrics record without action', () => {
    expect(lineProblems('{"type":"crkit.signal","status":"SUCCESS"}')).toEqual([
      'a crkit.signal record without action',
    ]);
    expect(lineProblems('{"type":"crkit.metrics","Action":"none"}')).toEqual([
      'a crkit.metrics record without action',
    ]);
    expect(lineProblems('{"type":"crkit.signal","action":"none"}')).toEqual([]);
  });
});

describe("a logger's context in a record's line", () => {
  it('is written once: the fields the record names itself are left out of the context', () => {
    const { lines, log } = written();
    log.record('crkit.signal', { requestId: 'r-1', stackId: 'own stack', action: 'create' });

    expect(repeatedKeys(lines[0] ?? '')).toEqual([]);
    expect(JSON.parse(lines[0] ?? '{}')).toEqual({
      type: 'crkit.signal',
      time: expect.any(String),
      requestId: 'r-1',
      stackId: 'own stack',
      via: 'direct',
      action: 'create',
    });
  });

  it('is written once on the redacting path too', () => {
    const redactor = new Redactor();
    redactor.add(['a-secret-value']);
    const { lines, log } = written(redactor);
    log.record('crkit.signal', {
      requestId: 'r-1',
      reason: 'leaked a-secret-value',
      action: 'create',
    });

    expect(repeatedKeys(lines[0] ?? '')).toEqual([]);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      requestId: 'r-1',
      stackId: context.stackId,
      reason: 'leaked ***',
    });
  });

  it('leaves out a context field the record sets to undefined, as the merged record would', () => {
    const { lines, log } = written();
    log.info('x', { via: undefined });

    expect(JSON.parse(lines[0] ?? '{}')).not.toHaveProperty('via');
  });

  it("keeps the record's type when a field is named type", () => {
    const { lines, log } = written();
    log.record('crkit.signal', { type: 'forged', action: 'none' });

    expect(repeatedKeys(lines[0] ?? '')).toEqual([]);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ type: 'crkit.signal', requestId: 'r-1' });
  });
});

describe('several records at once', () => {
  it('go to stdout in one write, one line each, in order', () => {
    const writes: string[] = [];
    const spy = vi
      .spyOn(process.stdout, 'write')
      .mockImplementation((chunk: string | Uint8Array) => {
        writes.push(String(chunk));
        return true;
      });
    try {
      createLogger()
        .child(context)
        .records([
          ['crkit.signal', { action: 'none', status: 'FAILED' }],
          ['crkit.metrics', { action: 'none', Answers: 1 }],
        ]);
    } finally {
      spy.mockRestore();
    }

    expect(writes).toHaveLength(1);
    const lines = (writes[0] ?? '').split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1).map((line) => (JSON.parse(line) as { type: string }).type)).toEqual([
      'crkit.signal',
      'crkit.metrics',
    ]);
    expect(lines.slice(0, -1).flatMap(lineProblems)).toEqual([]);
  });

  it('go to any other sink one line per call', () => {
    const lines: string[] = [];
    createLogger({ sink: (line) => lines.push(line) }).records([
      ['crkit.signal', { action: 'create' }],
      ['crkit.metrics', { action: 'create' }],
    ]);

    expect(lines.map((line) => (JSON.parse(line) as { type: string }).type)).toEqual([
      'crkit.signal',
      'crkit.metrics',
    ]);
  });
});
