import { describe, expect, it } from 'vitest';
import { formatReport, runConformance } from '../../scripts/conform/index.js';
import type { ConformanceReport } from '../../scripts/conform/index.js';
import {
  changesIdOnDelete,
  createsTwice,
  echoesOnRead,
  echoesSecret,
  logsItsToken,
  neverGone,
  oversizeData,
  sizedThing,
  wellBehaved,
} from '../fixtures/conformance/broken-types.js';
import { pattern } from '../support/pattern.js';

const failing = (report: ConformanceReport) =>
  report.invariants.filter((item) => item.status === 'fail').map((item) => item.name);
const properties = { Name: 'alpha', Password: 'hunter2-correct-horse' };

describe('the conformance kit on deliberately broken types', () => {
  it('passes a type that keeps every invariant', async () => {
    const report = await runConformance(wellBehaved, {
      properties,
      update: { ...properties, Password: 'another-secret-value' },
    });

    expect(failing(report)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.invariants.filter((item) => item.status === 'pass')).toHaveLength(15);
  });

  it(
    'judges read: IN_SYNC after create and update, MODIFIED naming the altered property (a ' +
      'sensitive one without its value), gone after delete',
    async () => {
      const report = await runConformance(wellBehaved, {
        properties,
        update: { ...properties, Password: 'another-secret-value' },
      });

      const evidence = (name: string) =>
        report.invariants.find((item) => item.name === name)?.evidence;
      expect(evidence('read reports IN_SYNC after create and update')).toEqual([
        'IN_SYNC after create and after an in-place update',
      ]);
      expect(evidence('read reports MODIFIED when an observed property differs')).toEqual([
        'MODIFIED naming /Password when its expected value was altered',
      ]);
      expect(evidence('read reports the resource gone after delete')).toEqual([
        'DELETED after delete of thing-alpha',
      ]);
      expect(
        report.invariants.find((item) => item.name === 'no sensitive value in any output')?.status,
      ).toBe('pass');
    },
  );

  it('fails "read reports MODIFIED…" for a read echoing the properties it is given', async () => {
    const report = await runConformance(echoesOnRead, { properties });

    expect(failing(report)).toEqual([
      'read reports MODIFIED when an observed property differs',
      'read reports the resource gone after delete',
    ]);
    expect(
      report.invariants.find(
        (item) => item.name === 'read reports MODIFIED when an observed property differs',
      )?.evidence[0],
    ).toBe(
      'with Password expected otherwise: IN_SYNC; does read observe Password, or echo ' +
        'the properties it is given?',
    );
  });

  it('fails "read reports the resource gone after delete" for a read never noticing', async () => {
    const report = await runConformance(neverGone, { properties });

    expect(failing(report)).toEqual(['read reports the resource gone after delete']);
    expect(
      report.invariants.find((item) => item.name === 'read reports the resource gone after delete')
        ?.evidence[0],
    ).toMatch(/^after delete of thing-alpha: IN_SYNC/);
  });

  it('fails "physical id unchanged on Delete" for a type changing its id on Delete', async () => {
    const report = await runConformance(changesIdOnDelete, { properties });

    expect(report.ok).toBe(false);
    expect(failing(report)).toEqual(['physical id unchanged on Delete']);
    const evidence = report.invariants
      .find((item) => item.name === 'physical id unchanged on Delete')
      ?.evidence.join('\n');
    expect(evidence).toContain('delete returned thing-alpha-deleted');
  });

  it(
    'fails "duplicate delivery creates nothing new" for a type that creates again on ' +
      'redelivery',
    async () => {
      const report = await runConformance(createsTwice, { properties });

      expect(failing(report)).toEqual(['duplicate delivery creates nothing new']);
      expect(
        report.invariants
          .find((item) => item.name === 'duplicate delivery creates nothing new')
          ?.evidence.join('\n'),
      ).toMatch(/a new container answered thing-.*a second resource/);
    },
  );

  it(
    'fails "body ≤ 4096 bytes" for a type whose Data does not fit, and names the refused ' +
      'attributes',
    async () => {
      const report = await runConformance(oversizeData, { properties });

      expect(failing(report)).toEqual([
        'body ≤ 4096 bytes',
        'declared attributes present on create and update',
      ]);
      expect(
        report.invariants.find((item) => item.name === 'body ≤ 4096 bytes')?.evidence[0],
      ).toMatch(/create returned Data that makes a 5\d{3}-byte body; crkit answered FAILED/);
    },
  );

  it(
    'passes a type that answers its secret as an attribute: the framework answers it with ' +
      'NoEcho, as documented',
    async () => {
      const report = await runConformance(echoesSecret, { properties });

      expect(failing(report)).toEqual([]);
      expect(
        report.invariants.find((item) => item.name === 'no sensitive value in any output')
          ?.evidence[0],
      ).toMatch(
        pattern(
          /^1 sensitive value and 1 NoEcho value absent from \d+ log lines; every answer carrying/,
          / one is NoEcho$/,
        ),
      );
      expect(formatReport(report).at(-1)).toBe(
        'summary: Custom::EchoesSecret CONFORMS (10 passed, 0 failed, 6 not run)',
      );
    },
  );

  it(
    'judges replacement on parsed values: a replace-on Size given as 3 in create and "3" ' +
      'in update is no replacement',
    async () => {
      const report = await runConformance(sizedThing, {
        properties: { Name: 'alpha', Size: 3 },
        update: { Name: 'alpha', Size: '3' },
      });

      expect(failing(report)).toEqual([]);
      expect(
        report.invariants.find(
          (item) => item.name === 'replacement only when a replace-on property changed',
        )?.evidence,
      ).toEqual(['no replace-on property changed and the id was kept']);
      expect(
        report.invariants.find((item) => item.name === 'physical id unchanged on in-place update')
          ?.status,
      ).toBe('pass');
    },
  );

  it('still requires a replacement when the parsed replace-on value changes', async () => {
    const report = await runConformance(sizedThing, {
      properties: { Name: 'alpha', Size: 3 },
      update: { Name: 'alpha', Size: '4' },
    });

    expect(failing(report)).toEqual([]);
    expect(
      report.invariants.find(
        (item) => item.name === 'replacement only when a replace-on property changed',
      )?.evidence,
    ).toEqual(['replaced thing-alpha-3 by thing-alpha-4 (Size changed)']);
  });

  it(
    'says which log line carries which secret, redacted, once per line, and during which ' +
      'request',
    async () => {
      const report = await runConformance(logsItsToken, { properties });

      expect(failing(report)).toEqual(['no sensitive value in any output']);
      const evidence =
        report.invariants.find((item) => item.name === 'no sensitive value in any output')
          ?.evidence ?? [];
      expect(evidence.length).toBeGreaterThan(0);
      expect(new Set(evidence).size).toBe(evidence.length);
      for (const line of evidence) {
        expect(line).toMatch(
          pattern(
            /^log line \d+ "generated the token", written during/,
            / (create|redelivery to a new container), carries the value of NoEcho attribute Token/,
            / in token: .*"token":"\*\*\*"/,
          ),
        );
        expect(line).not.toContain('token-of-alpha-0123456789');
      }
      expect(evidence[0]).toMatch(/during create/);
    },
  );
});
