import { describe, expect, it } from 'vitest';
import { formatReport, runConformance } from '../../scripts/conform/index.js';
import type { ConformanceReport } from '../../scripts/conform/index.js';
import { changesIdOnDelete, createsTwice, echoesOnRead, echoesSecret, neverGone, oversizeData, wellBehaved } from '../fixtures/conformance/broken-types.js';

const failing = (report: ConformanceReport) => report.invariants.filter((item) => item.status === 'fail').map((item) => item.name);
const properties = { Name: 'alpha', Password: 'hunter2-correct-horse' };

describe('the conformance kit on deliberately broken types', () => {
  it('passes a type that keeps every invariant', async () => {
    const report = await runConformance(wellBehaved, { properties, update: { ...properties, Password: 'another-secret-value' } });

    expect(failing(report)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.invariants.filter((item) => item.status === 'pass')).toHaveLength(13);
  });

  it('judges read: IN_SYNC after create and update, MODIFIED naming the altered property (a sensitive one without its value), gone after delete', async () => {
    const report = await runConformance(wellBehaved, { properties, update: { ...properties, Password: 'another-secret-value' } });

    const evidence = (name: string) => report.invariants.find((item) => item.name === name)?.evidence;
    expect(evidence('read reports IN_SYNC after create and update')).toEqual(['IN_SYNC after create and after an in-place update']);
    expect(evidence('read reports MODIFIED when an observed property differs')).toEqual(['MODIFIED naming /Password when its expected value was altered']);
    expect(evidence('read reports the resource gone after delete')).toEqual(['DELETED after delete of thing-alpha']);
    expect(report.invariants.find((item) => item.name === 'no sensitive value in any output')?.status).toBe('pass');
  });

  it('fails "read reports MODIFIED…" for a read that echoes the properties it is given', async () => {
    const report = await runConformance(echoesOnRead, { properties });

    expect(failing(report)).toEqual(['read reports MODIFIED when an observed property differs', 'read reports the resource gone after delete']);
    expect(report.invariants.find((item) => item.name === 'read reports MODIFIED when an observed property differs')?.evidence[0]).toBe('with Password expected otherwise: IN_SYNC; does read observe Password, or echo the properties it is given?');
  });

  it('fails "read reports the resource gone after delete" for a read that never notices', async () => {
    const report = await runConformance(neverGone, { properties });

    expect(failing(report)).toEqual(['read reports the resource gone after delete']);
    expect(report.invariants.find((item) => item.name === 'read reports the resource gone after delete')?.evidence[0]).toMatch(/^after delete of thing-alpha: IN_SYNC/);
  });

  it('fails "physical id unchanged on Delete" for a type that changes its id on Delete', async () => {
    const report = await runConformance(changesIdOnDelete, { properties });

    expect(report.ok).toBe(false);
    expect(failing(report)).toEqual(['physical id unchanged on Delete']);
    const evidence = report.invariants.find((item) => item.name === 'physical id unchanged on Delete')?.evidence.join('\n');
    expect(evidence).toContain('delete returned thing-alpha-deleted');
  });

  it('fails "duplicate delivery creates nothing new" for a type that creates again on redelivery', async () => {
    const report = await runConformance(createsTwice, { properties });

    expect(failing(report)).toEqual(['duplicate delivery creates nothing new']);
    expect(report.invariants.find((item) => item.name === 'duplicate delivery creates nothing new')?.evidence.join('\n')).toMatch(/a new container answered thing-.*a second resource/);
  });

  it('fails "body ≤ 4096 bytes" for a type whose Data does not fit, and names the refused attributes', async () => {
    const report = await runConformance(oversizeData, { properties });

    expect(failing(report)).toEqual(['body ≤ 4096 bytes', 'declared attributes present on create and update']);
    expect(report.invariants.find((item) => item.name === 'body ≤ 4096 bytes')?.evidence[0]).toMatch(/create returned Data that makes a 5\d{3}-byte body; crkit answered FAILED/);
  });

  it('fails "no sensitive value in any output" for a type that answers its secret as an attribute', async () => {
    const report = await runConformance(echoesSecret, { properties });

    expect(failing(report)).toEqual(['no sensitive value in any output']);
    expect(formatReport(report).at(-1)).toBe('summary: Custom::EchoesSecret FAILS no sensitive value in any output (7 passed, 1 failed, 5 not run)');
  });
});
