import { afterEach, describe, expect, it, vi } from 'vitest';
import { readConfig } from '../../framework/config.js';
import { createLogger } from '../../framework/logging.js';
import { metricsFields } from '../../framework/answer/metrics.js';
import type { SignalRecord } from '../../framework/answer/signal-record.js';
import { writeTrail } from '../../framework/answer/trail.js';
import { captureLogs } from '../support/logs.js';

const record: SignalRecord = {
  requestId: 'r-1',
  stackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/web/1',
  logicalResourceId: 'Group',
  resourceType: 'Custom::PlacementGroup',
  requestType: 'Create',
  action: 'create',
  via: 'direct',
  provenance: 'confirmed',
  status: 'FAILED',
  reason: 'the group name hunter2-secret is taken',
  physicalResourceId: 'pg-1',
  noEcho: false,
  dataKeys: [],
  bodyBytes: 321,
  bodySha256: 'ab'.repeat(32),
  delivered: true,
  attempts: 2,
  httpStatus: 200,
  errorCode: undefined,
  durationMs: 812,
  responseUrl: 'https://b.s3.amazonaws.com/k',
  duplicate: false,
  awsCalls: [
    {
      service: 'EC2',
      operation: 'DescribePlacementGroups',
      awsRequestId: 'a',
      httpStatus: 200,
      attempts: 3,
      errorCode: undefined,
      ms: 40,
    },
    {
      service: 'EC2',
      operation: 'CreatePlacementGroup',
      awsRequestId: 'b',
      httpStatus: 400,
      attempts: 1,
      errorCode: 'InvalidPlacementGroup.Duplicate',
      ms: 12,
    },
  ],
};

afterEach(() => {
  vi.useRealTimers();
});

describe('the EMF metrics line', () => {
  it(
    'carries one answer with its duration, PUT attempts, AWS calls, errors and retries ' +
      'under the three dimensions',
    () => {
      expect(metricsFields(record, 'crkit', 1_700_000_000_000)).toEqual({
        _aws: {
          Timestamp: 1_700_000_000_000,
          CloudWatchMetrics: [
            {
              Namespace: 'crkit',
              Dimensions: [['ResourceType', 'Action', 'Status']],
              Metrics: expect.arrayContaining([{ Name: 'DurationMs', Unit: 'Milliseconds' }]),
            },
          ],
        },
        ResourceType: 'Custom::PlacementGroup',
        Action: 'create',
        action: 'create',
        Status: 'FAILED',
        Answers: 1,
        Undelivered: 0,
        DurationMs: 812,
        PutAttempts: 2,
        AwsCalls: 2,
        AwsCallErrors: 1,
        AwsRetries: 2,
      });
    },
  );

  it('names every declared metric with a numeric value and every dimension with a string', () => {
    const fields = metricsFields(
      { ...record, action: 'none', resourceType: '' },
      'crkit',
    ) as unknown as Record<string, unknown> & {
      _aws: { CloudWatchMetrics: { Metrics: { Name: string }[]; Dimensions: string[][] }[] };
    };
    const [directive] = fields._aws.CloudWatchMetrics;

    expect(directive?.Metrics.every(({ Name }) => typeof fields[Name] === 'number')).toBe(true);
    expect(directive?.Dimensions[0]?.map((name) => fields[name])).toEqual([
      'none',
      'none',
      'FAILED',
    ]);
  });

  it('is on by default under crkit and off with CRKIT_METRICS_NAMESPACE=off', () => {
    expect(readConfig({}).metricsNamespace).toBe('crkit');
    expect(readConfig({ CRKIT_METRICS_NAMESPACE: ' Platform/Crkit ' }).metricsNamespace).toBe(
      'Platform/Crkit',
    );
    expect(readConfig({ CRKIT_METRICS_NAMESPACE: 'OFF' }).metricsNamespace).toBeUndefined();
  });
});

describe('the trail after an answer', () => {
  const logger = () => {
    const logs = captureLogs();
    const log = createLogger({ sink: logs.sink });
    log.redactor.add(['hunter2-secret']);
    return { logs, log };
  };

  it(
    'writes the signal record, then its metrics, then forwards a redacted copy with an ' +
      'abort signal',
    async () => {
      const { logs, log } = logger();
      const forwarded: { record: SignalRecord; signal: AbortSignal }[] = [];

      await writeTrail(log, record, {
        onSignal: async (copy, { signal }) => void forwarded.push({ record: copy, signal }),
        metricsNamespace: 'crkit',
        endsAt: Date.now() + 10_000,
      });

      expect(logs.all().map((line) => line.type)).toEqual(['crkit.signal', 'crkit.metrics']);
      expect(logs.records('crkit.signal')[0]?.reason).toBe('the group name *** is taken');
      expect(forwarded[0]?.record.reason).toBe('the group name *** is taken');
      expect(forwarded[0]?.signal.aborted).toBe(false);
    },
  );

  it('gives up on a forward past the deadline, aborting it and logging a warning', async () => {
    const { logs, log } = logger();
    let seen: AbortSignal | undefined;
    const started = Date.now();

    await writeTrail(log, record, {
      onSignal: (_copy, { signal }) => {
        seen = signal;
        return new Promise(() => undefined);
      },
      metricsNamespace: undefined,
      endsAt: Date.now() + 150,
    });

    expect(Date.now() - started).toBeLessThan(1_000);
    expect(seen?.aborted).toBe(true);
    expect(logs.all().map((line) => line.message ?? line.type)).toEqual([
      'crkit.signal',
      'the signal record was not forwarded in time',
    ]);
  });

  it('logs a failing forward as a warning, the error redacted, and does not throw', async () => {
    const { logs, log } = logger();

    await writeTrail(log, record, {
      onSignal: async () => Promise.reject(new Error('AccessDenied for hunter2-secret')),
      metricsNamespace: undefined,
      endsAt: Date.now() + 10_000,
    });

    const [warning] = logs.all().filter((line) => line.level === 'warn');
    expect(warning).toMatchObject({
      message: 'the signal record could not be forwarded',
      error: { message: 'AccessDenied for ***' },
    });
  });

  it('does not call the forward when no time is left', async () => {
    const { log } = logger();
    const onSignal = vi.fn(async () => undefined);

    await writeTrail(log, record, {
      onSignal,
      metricsNamespace: undefined,
      endsAt: Date.now() - 1,
    });

    expect(onSignal).not.toHaveBeenCalled();
  });
});
