import { afterEach, describe, expect, it } from 'vitest';
import { runConformance } from '../../scripts/conform/index.js';
import type { ConformanceReport, InvariantResult } from '../../scripts/conform/index.js';
import { wellBehaved } from '../fixtures/conformance/broken-types.js';
import {
  hidesAwsError,
  letsAwsErrorThrough,
  portFaults,
  swallowsAwsError,
} from '../fixtures/conformance/aws-port-types.js';
import { pattern } from '../support/pattern.js';

const properties = { Name: 'alpha', Password: 'hunter2-correct-horse' };
const throwing = 'a create that throws is answered FAILED once';
const awsError = 'an AWS error is answered FAILED once';
const verdict = (report: ConformanceReport, name: string): InvariantResult | undefined =>
  report.invariants.find((item) => item.name === name);

afterEach(() => portFaults.restore());

describe("the conformance kit drives a type's own failure paths", () => {
  it(
    'makes create throw (with a secret in the message): one FAILED answer whose Reason ' +
      'says why and carries no secret',
    async () => {
      const report = await runConformance(wellBehaved, { properties });

      expect(verdict(report, throwing)?.status).toBe('pass');
      const evidence = verdict(report, throwing)?.evidence.join('\n') ?? '';
      expect(evidence).toMatch(
        pattern(
          /^FAILED once: "create of Custom::WellBehaved failed .*ConformanceFailure.*"; its/,
          / rollback Delete succeeded$/,
        ),
      );
      expect(evidence).not.toContain(properties.Password);
    },
  );

  it(
    'makes AWS refuse every call through an injected port: one FAILED answer naming the ' +
      'AWS error',
    async () => {
      const report = await runConformance(letsAwsErrorThrough, {
        properties,
        awsFaults: portFaults,
      });

      expect(report.invariants.filter((item) => item.status === 'fail')).toEqual([]);
      expect(verdict(report, awsError)?.evidence[0]).toMatch(
        /^FAILED once: ".*UnauthorizedOperation.*"; its rollback Delete succeeded$/,
      );
    },
  );

  it('fails a type that answers SUCCESS although AWS refused its calls', async () => {
    const report = await runConformance(swallowsAwsError, { properties, awsFaults: portFaults });

    expect(verdict(report, awsError)).toEqual({
      name: awsError,
      status: 'fail',
      evidence: [
        'with every AWS call refused (UnauthorizedOperation), create answered SUCCESS ' +
          'with thing-alpha: was the failure swallowed?',
      ],
    });
  });

  it('fails a type that answers FAILED without saying why', async () => {
    const report = await runConformance(hidesAwsError, { properties, awsFaults: portFaults });

    expect(verdict(report, awsError)?.status).toBe('fail');
    expect(verdict(report, awsError)?.evidence).toEqual([
      'a FAILED answer whose Reason says nothing: the resource gave no reason',
      'the Reason does not name the AWS error UnauthorizedOperation',
    ]);
  });

  it(
    'does not run the AWS error path without a way to make AWS fail, or for a type that ' +
      'makes no AWS call',
    async () => {
      const without = await runConformance(wellBehaved, { properties });
      const noCalls = await runConformance(wellBehaved, { properties, awsFaults: portFaults });

      expect(verdict(without, awsError)).toEqual({
        name: awsError,
        status: 'not run',
        evidence: ['no way to make AWS fail was given (awsFaults)'],
      });
      expect(verdict(noCalls, awsError)).toEqual({
        name: awsError,
        status: 'not run',
        evidence: ['create made no AWS call while AWS refused every call'],
      });
    },
  );
});
