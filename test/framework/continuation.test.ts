import { describe, expect, it } from 'vitest';
import { invocationMs, operationBudget, serviceTimeoutOf } from '../../framework/budget.js';
import { ContinuationFormat, SeenSteps, encodeContinuation, parseContinuation, stepKey } from '../../framework/continuation.js';
import type { ContinuationMessage } from '../../framework/continuation.js';
import { requestOf } from '../support/events.js';

const request = () => requestOf('create', { ResourceType: 'Custom::Slow' }) as unknown as ContinuationMessage['request'];

const message = (overrides: Partial<ContinuationMessage> = {}): ContinuationMessage => ({
  format: ContinuationFormat,
  request: request(),
  action: 'create',
  replacing: false,
  startedAt: Date.now() - 1000,
  step: 1,
  chain: '6c1f0a9e-1d2b-4c3d-8e4f-5a6b7c8d9e0f',
  waitingFor: 'image ami-0123456789abcdef0 to become available',
  state: { imageId: 'ami-0123456789abcdef0', polls: 1 },
  physicalId: 'ami-0123456789abcdef0',
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
  it('round-trips a step through its queue body', () => {
    const sent = message();

    const parsed = parseContinuation(encodeContinuation(sent));

    expect(parsed).toEqual({ ok: true, message: sent });
  });

  it.each([
    ['not JSON', 'not json', /not JSON/],
    ['another format', JSON.stringify({ ...message(), format: 'other' }), /not a crkit.continuation.v1 message/],
    ['an unknown action', JSON.stringify({ ...message(), action: 'upsert' }), /action is unknown/],
    ['a step of 0', JSON.stringify({ ...message(), step: 0 }), /step/],
    ['a future start', JSON.stringify({ ...message(), startedAt: Date.now() + 3_600_000 }), /startedAt/],
    ['nested state', JSON.stringify({ ...message(), state: { deep: { x: 1 } } }), /state must map names/],
    ['oversized state', JSON.stringify({ ...message(), state: { blob: 'x'.repeat(3000) } }), /state is \d+ bytes/],
    ['a request without ResponseURL', JSON.stringify({ ...message(), request: { ...request(), ResponseURL: undefined } }), /not a well-formed CloudFormation request/],
    ['an action that does not fit the request', JSON.stringify({ ...message(), action: 'delete' }), /does not fit a Create request/],
  ])('rejects a message with %s, without quoting it', (_case, body, why) => {
    const parsed = parseContinuation(body);

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
