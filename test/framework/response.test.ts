import { describe, expect, it } from 'vitest';
import { buildResponseBody } from '../../framework/answer/body.js';
import type { AnswerTarget } from '../../framework/events.js';

const target: AnswerTarget = {
  responseUrl: 'https://b.s3.amazonaws.com/k',
  stackId:
    'arn:aws:cloudformation:us-east-1:123456789012:stack/web/1b2c3d40-aaaa-11f0-8000-0a1b2c3d4e5f',
  requestId: '6f1e2d3c-0000-4000-8000-000000000001',
  logicalResourceId: 'Thing',
  physicalResourceId: undefined,
  resourceType: 'Custom::Echo',
  requestType: 'Create',
};

const failedDraft = (reason: string) => ({
  status: 'FAILED' as const,
  reason,
  physicalId: 'id-1',
  noEcho: false,
  data: {},
});

describe('buildResponseBody', () => {
  it('copies the request identifiers verbatim and writes no nulls', () => {
    const { document, bytes } = buildResponseBody(target, {
      status: 'SUCCESS',
      reason: undefined,
      physicalId: 'pg-1',
      noEcho: false,
      data: {},
    });

    expect(JSON.parse(bytes.toString())).toEqual({
      Status: 'SUCCESS',
      PhysicalResourceId: 'pg-1',
      StackId: target.stackId,
      RequestId: target.requestId,
      LogicalResourceId: 'Thing',
    });
    expect(document).toEqual(JSON.parse(bytes.toString()));
  });

  it('sends Data values as strings and drops null ones', () => {
    const data = { Count: 3, Enabled: true, Name: 'x', Gone: null } as unknown as Record<
      string,
      string
    >;

    const { document } = buildResponseBody(target, {
      status: 'SUCCESS',
      reason: undefined,
      physicalId: 'pg-1',
      noEcho: true,
      data,
    });

    expect(document.Data).toEqual({ Count: '3', Enabled: 'true', Name: 'x' });
    expect(document.NoEcho).toBe(true);
  });

  it('cuts a 10 KB Reason so the body stays within 4096 bytes', () => {
    const { bytes, document } = buildResponseBody(target, failedDraft('x'.repeat(10_240)));

    expect(bytes.length).toBeLessThanOrEqual(4096);
    expect(bytes.length).toBeGreaterThan(4000);
    expect(document.Reason).toMatch(/… \(truncated\)$/);
  });

  it('measures a non-ASCII Reason in bytes and never splits a character', () => {
    const reason = 'échec 🚫 — '.repeat(600);

    const { bytes, document } = buildResponseBody(target, failedDraft(reason));

    expect(bytes.length).toBeLessThanOrEqual(4096);
    expect(document.Reason).not.toMatch(/\uFFFD/);
    expect(bytes.toString('utf8')).toBe(JSON.stringify(document));
    expect(reason.startsWith(document.Reason?.replace(' … (truncated)', '') ?? '')).toBe(true);
  });

  it('keeps a short Reason whole', () => {
    expect(buildResponseBody(target, failedDraft('GroupName is taken')).document.Reason).toBe(
      'GroupName is taken',
    );
  });

  it('turns Data too large for the body into a FAILED answer saying how large it was', () => {
    const data = Object.fromEntries(
      Array.from({ length: 60 }, (_, i) => [`Attribute${i}`, 'v'.repeat(80)]),
    );

    const { bytes, document } = buildResponseBody(target, {
      status: 'SUCCESS',
      reason: undefined,
      physicalId: 'pg-1',
      noEcho: false,
      data,
    });

    expect(bytes.length).toBeLessThanOrEqual(4096);
    expect(document.Status).toBe('FAILED');
    expect(document.Data).toBeUndefined();
    expect(document.Reason).toMatch(/attributes \(Data\) are \d{4} bytes, too large/);
  });

  it('gives a FAILED answer a Reason even when none was given', () => {
    expect(buildResponseBody(target, failedDraft('')).document.Reason).toBe(
      'failed (no reason given)',
    );
  });
});
