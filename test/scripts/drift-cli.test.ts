import { afterEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import type { ResourceDrift } from '../../framework/index.js';
import { parseDriftArgs } from '../../scripts/drift/args.js';
import type { DriftOptions } from '../../scripts/drift/args.js';
import { StackResourceDriftsJson } from '../../scripts/drift/cloudformation-shape.js';
import type { MatchesSdkDrift } from '../../scripts/drift/cloudformation-shape.js';
import { runDrift } from '../../scripts/drift/main.js';
import type { DriftDeps } from '../../scripts/drift/main.js';

const STACK_ID =
  'arn:aws:cloudformation:us-east-1:123456789012:stack/fleet/00000000-0000-4000-8000-000000000001';
const base = {
  stackId: STACK_ID,
  differences: [],
  notComparable: [],
  checkedAt: '2026-12-03T04:00:00.000Z',
} as const;
const group: ResourceDrift = {
  ...base,
  logicalResourceId: 'PlacementGroup',
  physicalResourceId: 'fleet-group',
  resourceType: 'Custom::PlacementGroup',
  status: 'IN_SYNC',
};
const modified: ResourceDrift = {
  ...base,
  logicalResourceId: 'FleetImage',
  physicalResourceId: 'ami-0c0ffee0000000009',
  resourceType: 'Custom::SriovAmiRegistration',
  status: 'MODIFIED',
  differences: [
    {
      propertyPath: '/EnaSupport',
      expectedValue: 'true',
      actualValue: 'false',
      differenceType: 'NOT_EQUAL',
    },
    {
      propertyPath: '/Tags/environment',
      expectedValue: 'dev',
      actualValue: undefined,
      differenceType: 'REMOVE',
    },
    {
      propertyPath: '/Secret',
      expectedValue: '(sensitive)',
      actualValue: '(sensitive)',
      differenceType: 'NOT_EQUAL',
    },
  ],
  notComparable: [
    { property: 'Description', why: 'it uses the NoEcho parameter ClusterJoinToken' },
  ],
};
const deleted: ResourceDrift = { ...group, logicalResourceId: 'Gone', status: 'DELETED' };
const notChecked: ResourceDrift = {
  ...group,
  logicalResourceId: 'Other',
  resourceType: 'Custom::Echo',
  status: 'NOT_CHECKED',
  why: 'Custom::Echo defines no read',
};

type Run = {
  code: number;
  out: string[];
  err: string[];
  options: DriftOptions | undefined;
  env: NodeJS.ProcessEnv;
};

async function drift(
  argv: string[],
  verdicts: Record<string, readonly ResourceDrift[] | Error>,
  env: NodeJS.ProcessEnv = {},
): Promise<Run> {
  const run: Run = { code: -1, out: [], err: [], options: undefined, env };
  const deps = (options: DriftOptions): DriftDeps => {
    run.options = options;
    return {
      check: async (stackName) => {
        const verdict = verdicts[stackName];
        if (verdict instanceof Error) throw verdict;
        if (verdict === undefined)
          throw Object.assign(new Error(`Stack with id ${stackName} does not exist`), {
            name: 'ValidationError',
            $metadata: { httpStatusCode: 400 },
          });
        return verdict;
      },
      listStacks: async () => Object.keys(verdicts),
      out: (line) => run.out.push(line),
      err: (line) => run.err.push(line),
    };
  };
  run.code = await runDrift(argv, deps, env);
  return run;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('crkit drift: the command line', () => {
  it.each([
    [[], 'name a stack (--stack NAME) or ask for --all'],
    [['--stack', 'a', '--all'], '--stack and --all exclude each other'],
    [['--stack'], "Option '--stack <value>' argument missing"],
    [['--stak', 'a'], "Unknown option '--stak'"],
    [['fleet'], 'Unexpected argument'],
    [['--all', '--region', 'mars'], '--region must be a region name'],
    [
      ['--all', '--standin', 'https://cloudformation.us-east-1.amazonaws.com'],
      '--standin must be a loopback http URL',
    ],
  ])('%j is a usage error (exit 2) saying what is accepted', async (argv, message) => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);

    const run = await drift(argv, {});

    const written = stderr.mock.calls.map(([text]) => String(text)).join('');
    expect(run.code).toBe(2);
    expect(written).toContain(message);
    expect(written).toContain('usage: crkit drift --stack NAME');
    expect(run.options).toBeUndefined();
  });

  it(
    'reads --stack (repeatable), --profile, --region, --json; the region defaults to ' +
      'AWS_REGION',
    () => {
      expect(
        parseDriftArgs(['--stack', 'a', '--stack', 'b', '--profile', 'ops', '--json'], {
          AWS_REGION: 'eu-west-1',
        }),
      ).toEqual({
        stacks: ['a', 'b'],
        all: false,
        profile: 'ops',
        region: 'eu-west-1',
        json: true,
        standin: undefined,
      });
      expect(
        parseDriftArgs(['--all', '--region', 'us-west-2'], {
          CRKIT_STANDIN_URL: 'http://127.0.0.1:4566',
        }),
      ).toMatchObject({ all: true, region: 'us-west-2', standin: 'http://127.0.0.1:4566' });
    },
  );

  it('--help prints the usage and exits 0', async () => {
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);

    const run = await drift(['--help'], {});

    expect(run.code).toBe(0);
    expect(stdout.mock.calls.map(([text]) => String(text)).join('')).toContain(
      'Exit status: 0 all in sync, 1 something drifted',
    );
  });

  it('points the SDK at the stand-in with fake credentials, never with the profile', async () => {
    const env: NodeJS.ProcessEnv = { AWS_PROFILE: 'real', AWS_ACCESS_KEY_ID: 'AKIAREALKEY' };

    const run = await drift(
      ['--stack', 'fleet', '--profile', 'ops', '--standin', 'http://127.0.0.1:4566'],
      { fleet: [group] },
      env,
    );

    expect(run.code).toBe(0);
    expect(env).toMatchObject({
      AWS_ENDPOINT_URL_CLOUDFORMATION: 'http://127.0.0.1:4566',
      AWS_ENDPOINT_URL_EC2: 'http://127.0.0.1:4566',
      AWS_ACCESS_KEY_ID: 'AKIASTANDINFAKEKEY00',
      AWS_REGION: 'us-east-1',
    });
    expect(env).not.toHaveProperty('AWS_PROFILE');
    expect(run.err[0]).toContain('LOCAL STAND-IN on http://127.0.0.1:4566');
    expect(run.err[0]).toContain('profile ops not used');
  });

  it('uses the profile and region against AWS', async () => {
    const env: NodeJS.ProcessEnv = {};

    await drift(
      ['--stack', 'fleet', '--profile', 'ops', '--region', 'eu-west-1'],
      { fleet: [group] },
      env,
    );

    expect(env).toEqual({ AWS_PROFILE: 'ops', AWS_REGION: 'eu-west-1' });
  });
});

describe('crkit drift: verdicts and exit status', () => {
  it('exits 0 when every resource is in sync or not checked, saying why one was not', async () => {
    const run = await drift(['--stack', 'fleet'], { fleet: [group, notChecked] });

    expect(run.code).toBe(0);
    expect(run.out).toEqual([
      `stack fleet (${STACK_ID}): 2 crkit resources`,
      '  IN_SYNC     PlacementGroup Custom::PlacementGroup fleet-group',
      '  NOT_CHECKED Other          Custom::Echo fleet-group',
      '      why: Custom::Echo defines no read',
      '2 resources: 1 in sync, 0 modified, 0 deleted, 1 not checked — no drift',
    ]);
  });

  it(
    'exits 1 on MODIFIED: each difference with expected and actual, a sensitive one ' +
      'without values, not-comparable ones listed',
    async () => {
      const run = await drift(['--stack', 'fleet'], { fleet: [group, modified] });

      expect(run.code).toBe(1);
      expect(run.out.slice(2, 8)).toEqual([
        '  MODIFIED    FleetImage     Custom::SriovAmiRegistration ami-0c0ffee0000000009',
        '      /EnaSupport: expected true, actual false',
        '      /Tags/environment: expected dev, actual (absent) [REMOVE]',
        '      /Secret: differs (sensitive: neither value is shown)',
        '      not comparable: Description (it uses the NoEcho parameter ClusterJoinToken)',
        '2 resources: 1 in sync, 1 modified, 0 deleted, 0 not checked — DRIFTED',
      ]);
    },
  );

  it('exits 1 on DELETED', async () => {
    const run = await drift(['--stack', 'fleet'], { fleet: [group, deleted] });

    expect(run.code).toBe(1);
    expect(run.out).toContain('      the resource no longer exists');
  });

  it('--all checks every stack that holds a crkit resource', async () => {
    const run = await drift(['--all'], { fleet: [group], other: [deleted] });

    expect(run.code).toBe(1);
    expect(run.out.filter((line) => line.startsWith('stack '))).toEqual([
      `stack fleet (${STACK_ID}): 1 crkit resource`,
      `stack other (${STACK_ID}): 1 crkit resource`,
    ]);
  });

  it(
    'an unknown stack is a usage error (2); a failing AWS call means the check could not ' +
      'run (3)',
    async () => {
      const unknown = await drift(['--stack', 'ghost'], {});
      const throttled = await drift(['--stack', 'fleet'], {
        fleet: Object.assign(new Error('Rate exceeded'), {
          name: 'Throttling',
          $metadata: { httpStatusCode: 400 },
        }),
      });

      expect(unknown.code).toBe(2);
      expect(unknown.err.at(-1)).toContain('ValidationError: Stack with id ghost does not exist');
      expect(throttled.code).toBe(3);
      expect(throttled.err.at(-1)).toBe(
        'crkit drift: stack fleet: the check could not run: Throttling: Rate exceeded',
      );
    },
  );

  it(
    'a stack that cannot be checked does not stop the others: drift still exits 1, ' +
      'otherwise 3',
    async () => {
      const throttled = Object.assign(new Error('Rate exceeded'), {
        name: 'Throttling',
        $metadata: { httpStatusCode: 400 },
      });

      const drifted = await drift(['--all'], { broken: throttled, other: [deleted] });
      const inSync = await drift(['--all'], { broken: throttled, fleet: [group] });
      const vanished = await drift(['--all'], {
        gone: Object.assign(new Error('Stack with id gone does not exist'), {
          name: 'ValidationError',
          $metadata: { httpStatusCode: 400 },
        }),
      });

      expect(drifted.code).toBe(1);
      expect(drifted.err.at(-1)).toBe(
        'crkit drift: stack broken: the check could not run: Throttling: Rate exceeded',
      );
      expect(drifted.out.filter((line) => line.startsWith('stack '))).toEqual([
        `stack other (${STACK_ID}): 1 crkit resource`,
      ]);
      expect(inSync.code).toBe(3);
      expect(inSync.out.at(-1)).toBe(
        '1 resource: 1 in sync, 0 modified, 0 deleted, 0 not checked — no drift',
      );
      expect(vanished.code).toBe(3);
    },
  );

  it('exits 3 when the stacks cannot even be listed', async () => {
    const run: string[] = [];
    const code = await runDrift(
      ['--all'],
      () => ({
        check: async () => [],
        listStacks: async () => {
          throw Object.assign(
            new Error('User is not authorized to perform: cloudformation:ListStacks'),
            { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } },
          );
        },
        out: (line) => run.push(line),
        err: (line) => run.push(line),
      }),
      {},
    );

    expect(code).toBe(3);
    expect(run.at(-1)).toBe(
      'crkit drift: the check could not run: AccessDenied: User is not authorized to ' +
        'perform: cloudformation:ListStacks',
    );
  });
});

describe('crkit drift --json', () => {
  it(
    "prints CloudFormation's StackResourceDrift list, valid against the schema checked " +
      'against the SDK type',
    async () => {
      const run = await drift(['--stack', 'fleet', '--json'], {
        fleet: [group, modified, deleted, notChecked],
      });

      const parsed = StackResourceDriftsJson.parse(JSON.parse(run.out.join('\n')));
      expect(run.code).toBe(1);
      expect(
        parsed.map((drift) => [drift.LogicalResourceId, drift.StackResourceDriftStatus]),
      ).toEqual([
        ['PlacementGroup', 'IN_SYNC'],
        ['FleetImage', 'MODIFIED'],
        ['Gone', 'DELETED'],
        ['Other', 'NOT_CHECKED'],
      ]);
      expect(parsed[1]).toEqual({
        StackId: STACK_ID,
        LogicalResourceId: 'FleetImage',
        PhysicalResourceId: 'ami-0c0ffee0000000009',
        ResourceType: 'Custom::SriovAmiRegistration',
        StackResourceDriftStatus: 'MODIFIED',
        Timestamp: '2026-12-03T04:00:00.000Z',
        PropertyDifferences: [
          {
            PropertyPath: '/EnaSupport',
            ExpectedValue: 'true',
            ActualValue: 'false',
            DifferenceType: 'NOT_EQUAL',
          },
          {
            PropertyPath: '/Tags/environment',
            ExpectedValue: 'dev',
            ActualValue: 'null',
            DifferenceType: 'REMOVE',
          },
          {
            PropertyPath: '/Secret',
            ExpectedValue: '(sensitive)',
            ActualValue: '(sensitive)',
            DifferenceType: 'NOT_EQUAL',
          },
        ],
        DriftStatusReason:
          'not comparable: Description (it uses the NoEcho parameter ClusterJoinToken)',
      });
      expect(parsed[3]?.DriftStatusReason).toBe('Custom::Echo defines no read');
      expect(parsed[0]).not.toHaveProperty('PropertyDifferences');
    },
  );

  it('the schema rejects what DescribeStackResourceDrifts would not give', () => {
    const valid = {
      StackId: STACK_ID,
      LogicalResourceId: 'G',
      ResourceType: 'Custom::X',
      StackResourceDriftStatus: 'IN_SYNC',
      Timestamp: '2026-12-03T04:00:00.000Z',
    };

    expect(StackResourceDriftsJson.safeParse([valid]).success).toBe(true);
    expect(
      StackResourceDriftsJson.safeParse([{ ...valid, StackResourceDriftStatus: 'DRIFTED' }])
        .success,
    ).toBe(false);
    expect(StackResourceDriftsJson.safeParse([{ ...valid, Timestamp: 'yesterday' }]).success).toBe(
      false,
    );
    expect(
      StackResourceDriftsJson.safeParse([
        { ...valid, PropertyDifferences: [{ PropertyPath: '/A', DifferenceType: 'NOT_EQUAL' }] },
      ]).success,
    ).toBe(false);
  });

  it('the compile-time check refuses a schema that strays from the SDK type', () => {
    const misspelt = z.object({
      StackId: z.string(),
      LogicalResourceID: z.string(),
      ResourceType: z.string(),
      StackResourceDriftStatus: z.enum(['IN_SYNC']),
      Timestamp: z.string(),
    });
    const looseStatus = z.object({
      StackId: z.string(),
      LogicalResourceId: z.string(),
      ResourceType: z.string(),
      StackResourceDriftStatus: z.string(),
      Timestamp: z.string(),
    });
    const faithful = z.object({
      StackId: z.string(),
      LogicalResourceId: z.string(),
      ResourceType: z.string(),
      StackResourceDriftStatus: z.enum(['IN_SYNC', 'MODIFIED']),
      Timestamp: z.string(),
    });

    // @ts-expect-error a field the SDK type does not have
    const refusedName: MatchesSdkDrift<z.output<typeof misspelt>> = true;
    // @ts-expect-error a status the SDK's enum does not allow
    const refusedStatus: MatchesSdkDrift<z.output<typeof looseStatus>> = true;
    const accepted: MatchesSdkDrift<z.output<typeof faithful>> = true;

    expect([refusedName, refusedStatus, accepted]).toEqual([true, true, true]);
  });
});
