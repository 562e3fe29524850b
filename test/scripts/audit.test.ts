import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseArgs, runAudit } from '../../scripts/audit.js';
import type { AuditArgs } from '../../scripts/audit.js';
import { audit } from '../../scripts/audit/analyse.js';
import { readTrail } from '../../scripts/audit/read.js';
import { pattern } from '../support/pattern.js';

/** The answers table's title and column heads. */
const AnswersTableHead =
  /Answers per stack, resource and status \(4\)\n\s+stack\s+logical id\s+type\s+status\s+answers/;

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/audit/${name}`, import.meta.url), 'utf8');
const args = (extra: Partial<AuditArgs> = {}): AuditArgs => ({
  source: 'fixture',
  json: false,
  slowMs: undefined,
  secrets: [],
  ...extra,
});
const ids = (items: readonly { requestId: string }[]) => items.map((item) => item.requestId);

describe('the audit of a complete trail', () => {
  it.each([
    ['clean.jsonl', 'json-lines'],
    ['log-events.json', 'log-events'],
    ['exported.log', 'exported-lines'],
  ] as const)('reads %s as %s and finds it complete', (name, format) => {
    const report = audit(readTrail(fixture(name)));

    expect(report.format).toBe(format);
    expect(report.broken).toBe(false);
    expect(report.answers).toEqual([
      {
        stack: 'batch',
        logicalResourceId: 'Worker',
        resourceType: 'Custom::Echo',
        status: 'SUCCESS',
        count: 1,
      },
      {
        stack: 'web',
        logicalResourceId: 'Other',
        resourceType: 'Custom::Echo',
        status: 'FAILED',
        count: 1,
      },
      {
        stack: 'web',
        logicalResourceId: 'Other',
        resourceType: 'Custom::Echo',
        status: 'SUCCESS',
        count: 1,
      },
      {
        stack: 'web',
        logicalResourceId: 'Thing',
        resourceType: 'Custom::Echo',
        status: 'SUCCESS',
        count: 3,
      },
    ]);
    expect(report.failed.map((item) => item.reason)).toEqual([
      'the group name is taken by another stack',
    ]);
    expect(report.rejected.map((item) => item.why)).toEqual(['the request has no ResponseURL']);
  });

  it('exits 0 and prints a table with the verdict', () => {
    const { output, status } = runAudit(fixture('clean.jsonl'), args());

    expect(status).toBe(0);
    expect(output).toMatch(AnswersTableHead);
    expect(output).toContain('VERDICT: the trail is complete');
  });
});

describe('the audit of a broken trail', () => {
  const report = audit(readTrail(fixture('broken.jsonl')), { slowMs: 30_000 });

  it('lists slow answers, retried PUTs and FAILED reasons', () => {
    expect(report.slow.map((item) => [item.requestId, item.durationMs])).toEqual([
      ['a0000000-0000-4000-8000-000000000001', 45_000],
    ]);
    expect(
      report.retriedPuts.map((item) => [item.requestId, item.attempts, item.delivered]),
    ).toEqual([['b0000000-0000-4000-8000-000000000001', 3, true]]);
    expect(ids(report.failed)).toEqual(['a0000000-0000-4000-8000-000000000003']);
  });

  it('finds the answer that never reached CloudFormation', () => {
    expect(report.undelivered.map((item) => [item.requestId, item.httpStatus])).toEqual([
      ['a0000000-0000-4000-8000-000000000005', 403],
    ]);
  });

  it(
    'finds the request received but never answered, and tells it from one handed to a ' +
      'continuation',
    () => {
      expect(ids(report.unanswered)).toEqual(['a0000000-0000-4000-8000-000000000002']);
      expect(ids(report.pending)).toEqual(['c0000000-0000-4000-8000-000000000001']);
    },
  );

  it('finds the answer without a received record', () => {
    expect(ids(report.unopened)).toEqual(['a0000000-0000-4000-8000-000000000004']);
  });

  it(
    'finds the pre-signed URL, the unmasked declared secret where it appears, and the ' +
      'access key id',
    () => {
      expect(report.leaks.map((leak) => [leak.line, leak.kind])).toEqual([
        [1, 'declared-secret'],
        [6, 'url-query'],
        [6, 'signing-parameter'],
        [7, 'declared-secret'],
        [8, 'credential'],
      ]);
      expect(JSON.stringify(report.leaks)).not.toContain('S3cr3t-Value-1');
    },
  );

  it('takes an undelivered answer retried later for the same request as settled', () => {
    const ids = {
      requestId: 'r-9',
      stackId: 'arn:aws:cloudformation:us-east-1:1:stack/s/1',
      logicalResourceId: 'Image',
    };
    const lines = [
      { type: 'crkit.received', ...ids },
      { type: 'crkit.deferred', ...ids },
      {
        type: 'crkit.signal',
        ...ids,
        status: 'SUCCESS',
        delivered: false,
        attempts: 3,
        httpStatus: 503,
      },
      {
        type: 'crkit.signal',
        ...ids,
        status: 'SUCCESS',
        delivered: true,
        attempts: 1,
        httpStatus: 200,
      },
    ];

    const retried = audit(readTrail(lines.map((line) => JSON.stringify(line)).join('\n')));

    expect(retried).toMatchObject({ broken: false, undelivered: [], unopened: [], unanswered: [] });
    expect(
      audit(
        readTrail(
          lines
            .slice(0, 3)
            .map((line) => JSON.stringify(line))
            .join('\n'),
        ),
      ).undelivered,
    ).toHaveLength(1);
  });

  it('finds a secret the auditor gives, in its JSON-escaped form too', () => {
    const trail = readTrail('{"type":"crkit.signal","reason":"bad \\"quoted\\" pw"}\n');

    expect(audit(trail, { secrets: ['bad "quoted" pw'] }).leaks.map((leak) => leak.kind)).toEqual([
      'given-secret',
    ]);
  });

  it('exits 1 and reports as JSON with --json', () => {
    const { output, status } = runAudit(fixture('broken.jsonl'), args({ json: true }));

    expect(status).toBe(1);
    expect(JSON.parse(output)).toMatchObject({
      broken: true,
      unanswered: [{ requestId: 'a0000000-0000-4000-8000-000000000002' }],
    });
  });
});

describe('the audit command line', () => {
  it('parses its options and refuses unknown ones', () => {
    expect(parseArgs(['-', '--json', '--slow-ms', '500', '--secret', 'x'])).toEqual({
      source: '-',
      json: true,
      slowMs: 500,
      secrets: ['x'],
    });
    expect(() => parseArgs(['trail.jsonl', '--verbose'])).toThrow(/unexpected argument --verbose/);
    expect(() => parseArgs([])).toThrow(/usage/);
  });

  it('reads standard input and exits 1 on a broken trail', async () => {
    const run = promisify(execFile);
    const child = run('npx', ['tsx', 'scripts/crkit.ts', 'audit', '-'], {
      cwd: new URL('../..', import.meta.url),
    });
    child.child.stdin?.end(fixture('broken.jsonl'));

    const failure = await child.then(
      () => undefined,
      (error: unknown) => error as { code: number; stdout: string },
    );

    expect(failure?.code).toBe(1);
    expect(failure?.stdout).toContain('VERDICT: the trail is BROKEN');
  });
});

describe('the audit of a trail with scheduled drift checks', () => {
  it('lists the latest verdict per resource, drifted first, and the trail stays complete', () => {
    const report = audit(readTrail(fixture('drift.jsonl')));

    expect(report.broken).toBe(false);
    expect(
      report.drift.map((row) => [row.logicalResourceId, row.status, row.checkedAt, row.detail]),
    ).toEqual([
      ['FleetImage', 'DELETED', '2026-12-03T05:00:01.200Z', ''],
      [
        'PlacementGroup',
        'MODIFIED',
        '2026-12-03T05:00:01.000Z',
        '/Tags/environment REMOVE, /Tags/owner ADD',
      ],
      ['Queue', 'NOT_CHECKED', '2026-12-03T05:00:01.400Z', 'Custom::Echo has no read'],
    ]);
  });

  it('prints the drift table and still exits 0', () => {
    const { output, status } = runAudit(fixture('drift.jsonl'), args());

    expect(status).toBe(0);
    expect(output).toMatch(
      pattern(
        /Drift: latest verdict per resource \(3\)\n\s+line\s+checked at\s+stack\s+logical/,
        / id\s+type\s+status\s+what/,
      ),
    );
    expect(output).toMatch(
      /fleet\s+PlacementGroup\s+Custom::PlacementGroup\s+MODIFIED\s+\/Tags\/environment REMOVE/,
    );
  });

  it('searches drift records for a known secret too', () => {
    const { output, status } = runAudit(
      fixture('drift.jsonl'),
      args({ secrets: ['someone-else'] }),
    );

    expect(status).toBe(1);
    expect(output).toContain('BROKEN: possible leaks (1)');
    expect(output).not.toContain('someone-else');
  });
});
