import { describe, expect, it } from 'vitest';
import {
  invocationMs,
  operationBudget,
  serviceTimeoutOf,
} from '../../framework/long-operations/budget.js';
import { randomBytes } from 'node:crypto';
import {
  SeenSteps,
  encodeContinuation,
  openContinuation,
  stepKey,
} from '../../framework/long-operations/continuation.js';
import { continuationMessage } from '../support/continuations.js';
import { sealEnvelope } from '../../framework/long-operations/continuation-envelope.js';
import type { ContinuationMessage } from '../../framework/long-operations/continuation.js';
import { requestOf } from '../support/events.js';

const request = () =>
  requestOf('create', {
    ResourceType: 'Custom::Slow',
  }) as unknown as ContinuationMessage['request'];

const key = randomBytes(32);

const message = (overrides: Partial<ContinuationMessage> = {}): ContinuationMessage =>
  continuationMessage(request() as unknown as Record<string, unknown>, 'ami-0123456789abcdef0', {
    state: { imageId: 'ami-0123456789abcdef0', polls: 1 },
    ...overrides,
  });

describe('the operation budget', () => {
  it('reads ServiceTimeout as CloudFormation sends it, a string', () => {
    expect(serviceTimeoutOf({ ServiceTimeout: '600' })).toBe(600);
    expect(serviceTimeoutOf({ ServiceTimeout: 90 })).toBe(90);
  });

  it('falls back to 3600 s when ServiceTimeout is absent or out of range', () => {
    expect(serviceTimeoutOf({})).toBe(3600);
    expect(serviceTimeoutOf({ ServiceTimeout: '0' })).toBe(3600);
    expect(serviceTimeoutOf({ ServiceTimeout: '3601' })).toBe(3600);
    expect(serviceTimeoutOf({ ServiceTimeout: 'soon' })).toBe(3600);
    expect(serviceTimeoutOf(undefined)).toBe(3600);
  });

  it('ends a tenth before the ServiceTimeout, keeping between 2 s and 60 s of margin', () => {
    expect(operationBudget({ ServiceTimeout: '3600' }, 0).endsAt).toBe(3_540_000);
    expect(operationBudget({ ServiceTimeout: '300' }, 0).endsAt).toBe(270_000);
    expect(operationBudget({ ServiceTimeout: '10' }, 0).endsAt).toBe(8_000);
  });

  it('gives an invocation no more than the budget, but always a few seconds to answer', () => {
    const budget = operationBudget({ ServiceTimeout: '60' }, 0);
    expect(invocationMs(120_000, budget, 0)).toBe(54_000);
    expect(invocationMs(10_000, budget, 0)).toBe(10_000);
    expect(invocationMs(120_000, budget, 100_000)).toBe(3000);
  });
});

describe('continuation messages', () => {
  it('round-trips a step through its signed queue body', () => {
    const sent = message();

    const parsed = openContinuation(encodeContinuation(sent, key), key);

    expect(parsed).toEqual({ ok: true, message: sent });
  });

  it.each([
    ['not JSON', 'not json', /not JSON/],
    [
      'no envelope (the unsigned v1 format)',
      JSON.stringify({ ...message(), format: 'crkit.continuation.v1' }),
      /not a signed crkit.continuation.v2 envelope/,
    ],
    [
      'a MAC made with another key',
      encodeContinuation(message(), randomBytes(32)),
      /signature does not match/,
    ],
    [
      'no MAC',
      JSON.stringify({
        envelope: 'crkit.continuation.v2',
        payload: JSON.stringify(message()),
        mac: '',
      }),
      /signature does not match/,
    ],
    [
      'an oversized MAC',
      JSON.stringify({
        envelope: 'crkit.continuation.v2',
        payload: JSON.stringify(message()),
        mac: 'A'.repeat(5000),
      }),
      /not a signed/,
    ],
  ])(
    'refuses a body with %s before reading anything in it, without quoting it',
    (_case, body, why) => {
      const parsed = openContinuation(body, key);

      expect(parsed.ok).toBe(false);
      if (parsed.ok) return;
      expect(parsed.why).toMatch(why);
      expect(parsed.why).not.toContain('X-Amz-Signature');
    },
  );

  it('refuses a signed body whose payload was altered by a single character', () => {
    const body = JSON.parse(encodeContinuation(message({ physicalId: 'my-group' }), key)) as {
      payload: string;
    };
    const altered = JSON.stringify({
      ...body,
      payload: body.payload.replace('my-group', 'my-groUp'),
    });

    expect(openContinuation(altered, key)).toMatchObject({
      ok: false,
      why: expect.stringMatching(/signature does not match/),
    });
  });

  it('refuses a signed message once it has expired', () => {
    const expired = encodeContinuation(message({ expiresAt: Date.now() - 1 }), key);

    expect(openContinuation(expired, key)).toMatchObject({
      ok: false,
      why: expect.stringMatching(/expired at \d{4}-/),
    });
  });

  it.each([
    ['another format', { ...message(), format: 'other' }, /not a crkit.continuation.v2 message/],
    ['an unknown action', { ...message(), action: 'upsert' }, /action is unknown/],
    ['a step of 0', { ...message(), step: 0 }, /step/],
    ['a future start', { ...message(), startedAt: Date.now() + 3_600_000 }, /startedAt/],
    ['no expiry', { ...message(), expiresAt: undefined }, /expiresAt/],
    ['nested state', { ...message(), state: { deep: { x: 1 } } }, /state must map names/],
    ['oversized state', { ...message(), state: { blob: 'x'.repeat(3000) } }, /state is \d+ bytes/],
    [
      'a request without ResponseURL',
      { ...message(), request: { ...request(), ResponseURL: undefined } },
      /not a well-formed CloudFormation request/,
    ],
    [
      'an action that does not fit the request',
      { ...message(), action: 'delete' },
      /does not fit a Create request/,
    ],
  ])('rejects a signed message with %s, without quoting it', (_case, payload, why) => {
    const parsed = openContinuation(sealEnvelope(JSON.stringify(payload), key), key);

    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.why).toMatch(why);
    expect(parsed.why).not.toContain('X-Amz-Signature');
  });

  it('names a step by the request and its number', () => {
    const sent = message();

    expect(stepKey(sent.request, 1)).toBe(stepKey(structuredClone(sent.request), 1));
    expect(stepKey(sent.request, 1)).not.toBe(stepKey(sent.request, 2));
  });

  it('claims a step once, and again after it is released for a retry', () => {
    const steps = new SeenSteps();

    expect(steps.claim('a#1')).toBe(true);
    expect(steps.claim('a#1')).toBe(false);
    steps.release('a#1');
    expect(steps.claim('a#1')).toBe(true);
  });
});
