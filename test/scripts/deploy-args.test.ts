import { describe, expect, it } from 'vitest';
import { UsageError, parseDeployArgs } from '../../scripts/deploy/args.js';
import { describePlan, planDeploy } from '../../scripts/deploy/plan.js';

describe('parseDeployArgs', () => {
  it('reads profile, region, bucket, prefix and flags', () => {
    const options = parseDeployArgs([
      '--profile',
      'ops',
      '--region',
      'eu-west-1',
      '--bucket',
      'artifacts',
      '--prefix',
      'crkit-test',
      '--audit',
      '--dry-run',
    ]);
    expect(options).toEqual({
      profile: 'ops',
      region: 'eu-west-1',
      bucket: 'artifacts',
      prefix: 'crkit-test',
      audit: true,
      organizationId: undefined,
      dryRun: true,
    });
  });

  it('rejects a missing bucket, an unknown flag and a malformed organization id', () => {
    expect(() => parseDeployArgs(['--region', 'eu-west-1'])).toThrow(UsageError);
    expect(() => parseDeployArgs(['--region', 'eu-west-1', '--bucket', 'b', '--force'])).toThrow(
      UsageError,
    );
    expect(() =>
      parseDeployArgs(['--region', 'eu-west-1', '--bucket', 'b', '--org-id', 'acme']),
    ).toThrow(/--org-id/);
  });
});

describe('planDeploy', () => {
  it(
    'deploys the state stack first and passes the same prefix and audit switch to both ' + 'stacks',
    () => {
      const plan = planDeploy(
        parseDeployArgs([
          '--region',
          'r',
          '--bucket',
          'b',
          '--prefix',
          'ops',
          '--audit',
          '--org-id',
          'o-abcdefghij',
        ]),
        'ops/handler/abc.zip',
      );
      expect(plan.stacks.map((stack) => stack.stackName)).toEqual(['ops-state', 'ops-handler']);
      for (const stack of plan.stacks) {
        expect(stack.parameters).toContainEqual({ ParameterKey: 'Prefix', ParameterValue: 'ops' });
        expect(stack.parameters).toContainEqual({
          ParameterKey: 'AuditTopic',
          ParameterValue: 'Enabled',
        });
      }
      expect(plan.stacks[0]!.parameters).toContainEqual({
        ParameterKey: 'OrganizationId',
        ParameterValue: 'o-abcdefghij',
      });
      expect(plan.serviceTokenExport).toBe('ops-ServiceToken');
      expect(describePlan(plan)[1]).toBe(
        '1. crkit build, then upload dist/handler.zip to s3://b/ops/handler/abc.zip',
      );
    },
  );
});
