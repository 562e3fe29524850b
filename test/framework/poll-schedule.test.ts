import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PollSchedule,
  looksUntilReady,
  nextLookAfterMs,
} from '../../framework/long-operations/poll-schedule.js';

const hour = 3_600_000;

describe('the polling schedule of long operations', () => {
  it('looks first about a second after the operation began', () => {
    expect(nextLookAfterMs(0)).toBeGreaterThan(0);
    expect(nextLookAfterMs(0)).toBeLessThanOrEqual(1000);
  });

  it(
    'keeps every gap between the shortest and the cap, and never shorter than the resource ' +
      'asked',
    () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 10 * hour }),
          fc.integer({ min: 0, max: 900_000 }),
          (waitedMs, askedMs) => {
            const gap = nextLookAfterMs(waitedMs, askedMs);
            expect(gap).toBeGreaterThanOrEqual(PollSchedule.minGapMs);
            expect(gap).toBeGreaterThanOrEqual(askedMs);
            expect(gap).toBeLessThanOrEqual(Math.max(PollSchedule.maxGapMs, askedMs));
            expect(nextLookAfterMs(waitedMs)).toBeLessThanOrEqual(PollSchedule.maxGapMs);
          },
        ),
      );
    },
  );

  it(
    'answers within 1 s + 10 % of the wait after the resource is ready, for a wait of any ' +
      'length',
    () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: hour }), (readyAtMs) => {
          const looks = looksUntilReady(readyAtMs);
          const lagMs = (looks.at(-1) ?? 0) - readyAtMs;
          expect(lagMs).toBeGreaterThanOrEqual(0);
          expect(lagMs).toBeLessThanOrEqual(1000 + readyAtMs / 10);
          expect(lagMs).toBeLessThanOrEqual(PollSchedule.maxGapMs);
        }),
      );
    },
  );

  it('bounds the number of looks: logarithmic in the wait, then one a minute', () => {
    expect(looksUntilReady(60_000).length).toBeLessThanOrEqual(30);
    expect(looksUntilReady(600_000).length).toBeLessThanOrEqual(55);
    expect(looksUntilReady(hour).length).toBeLessThanOrEqual(105);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: hour }), fc.integer({ min: 0, max: hour }), (a, b) => {
        expect(looksUntilReady(Math.min(a, b)).length).toBeLessThanOrEqual(
          looksUntilReady(Math.max(a, b)).length,
        );
      }),
    );
  });

  it('ignores an asked gap that is not a number', () => {
    expect(nextLookAfterMs(0, Number.NaN)).toBe(nextLookAfterMs(0));
  });
});
