import { describe, expect, it } from 'vitest';
import { lagSummary, waitLine, waitsOf } from '../../scripts/simulate/readiness-lag.js';
import type { Step } from '../../scripts/simulate/session.js';
import { createTimeline } from '../../scripts/simulate/timeline.js';
import type { CallRecord, ReadinessRecord } from '../../scripts/standin/index.js';

let seq = 0;
const call = (
  service: string,
  action: string,
  params: Record<string, unknown>,
  status = 200,
): CallRecord => {
  seq += 1;
  return {
    seq,
    service,
    action,
    params,
    status,
    unimplemented: false,
    requestId: `r-${seq}`,
    timestamp: new Date(0).toISOString(),
  };
};

const image = (id: string, createdAt: number, readyAt: number | undefined): ReadinessRecord => ({
  kind: 'image',
  id,
  describeAction: 'DescribeImages',
  readiness: { afterMs: 1 },
  becomes: 'available',
  createdAt,
  readyAt,
  pendingDescribes: 0,
});

describe('the readiness lag of one request', () => {
  seq = 0;
  const before = call('ec2', 'DescribeImages', { 'ImageId.1': 'ami-1' });
  const calls = [
    before,
    call('ec2', 'RegisterImage', { Name: 'x' }),
    call('ec2', 'DescribeImages', { 'ImageId.1': 'ami-1' }),
    call('sqs', 'SendMessage', { QueueUrl: 'q' }),
    call('sqs', 'SendMessage', { QueueUrl: 'q' }, 500),
    call('ec2', 'DescribeImages', { 'ImageId.1': 'ami-1' }),
    call('ec2', 'DescribeImages', { 'ImageId.1': 'ami-other' }),
    call('ec2', 'DescribeImages', { 'ImageId.1': 'ami-never' }),
  ];
  const late = call('ec2', 'DescribeImages', { 'ImageId.1': 'ami-1' });
  const readiness = [
    image('ami-old', 100, 500),
    image('ami-1', 1_100, 6_100),
    image('ami-other', 1_050, 1_200),
    image('ami-never', 1_100, undefined),
    image('ami-unseen', 1_100, 3_000),
  ];
  const window = {
    readiness,
    calls: [...calls, late],
    fromSeq: before.seq,
    toSeq: calls.at(-1)?.seq ?? 0,
    sentAt: 1_000,
    answeredAt: 6_900,
  };

  it(
    'takes every resource not ready when the request was sent and described while it ' +
      'waited, with lag = answer − ready',
    () => {
      const waits = waitsOf(window);
      expect(waits.map((wait) => wait.id)).toEqual(['ami-1', 'ami-other', 'ami-never']);
      for (const wait of waits) {
        expect(wait.sentAt).toBe(window.sentAt);
        expect(wait.answeredAt).toBe(window.answeredAt);
        expect(wait.lagMs).toBe(
          wait.readyAt === undefined ? undefined : window.answeredAt - wait.readyAt,
        );
      }
      expect(waits[0]).toEqual({
        kind: 'image',
        id: 'ami-1',
        sentAt: 1_000,
        readyAt: 6_100,
        answeredAt: 6_900,
        lagMs: 800,
        describes: 2,
        handOvers: 1,
      });
      expect(waits[2]?.lagMs).toBeUndefined();
    },
  );

  it('has no lag without an answer', () => {
    expect(
      waitsOf({ ...window, answeredAt: undefined }).map((wait) => [wait.id, wait.lagMs]),
    ).toEqual([
      ['ami-1', undefined],
      ['ami-other', undefined],
      ['ami-never', undefined],
    ]);
  });

  it('reads nothing outside its window of calls', () => {
    expect(waitsOf({ ...window, fromSeq: window.toSeq })).toEqual([]);
  });

  it('says it in one summary line, and in a line per wait', () => {
    const waits = waitsOf(window);
    expect(lagSummary([])).toBeUndefined();
    expect(lagSummary(waits)).toBe(
      'readiness lag: 3 waits; answer − ready 800–5700 ms; 1–2 Describe calls; 1 hand-overs',
    );
    expect(waitLine(waits[0]!)).toBe(
      'image ami-1: ready +5.1 s, answered +5.9 s, lag 800 ms; 2 Describe calls, 1 hand-over',
    );
    expect(waitLine(waits[2]!)).toBe(
      'image ami-never: never ready, answered +5.9 s; 1 Describe call, 1 hand-over',
    );
  });

  it('the timeline shows a line per wait only when asked', () => {
    const waits = waitsOf(window);
    const step = {
      index: 2,
      requestType: 'Create',
      logicalId: 'FleetImage',
      action: 'create',
      result: 'SUCCESS',
      physicalId: 'ami-1',
      ms: 5900,
      deliveries: 1,
      answers: 1,
      consistentAnswers: true,
      reason: undefined,
      note: undefined,
      waits,
    } as unknown as Step;
    const quiet: string[] = [];
    createTimeline((line) => void quiet.push(line), 10).event({ kind: 'step', step });
    const shown: string[] = [];
    createTimeline((line) => void shown.push(line), 10, { showWaits: true }).event({
      kind: 'step',
      step,
    });
    expect(quiet.filter((line) => line.includes('wait:'))).toEqual([]);
    expect(shown.filter((line) => line.includes('wait:'))).toEqual(
      waits.map((wait) => `   wait: ${waitLine(wait)}`),
    );
  });
});
