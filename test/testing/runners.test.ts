import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cloudFormationRequest,
  invokeInProcess,
  lambdaContext,
  lambdaEnvironment,
  snsEvent,
  sqsEvent,
  startLambdaProcess,
} from '../../framework/testing/index.js';
import type { TestContext } from '../../framework/testing/index.js';

let folder: string;
const bundle = () => join(folder, 'handler.mjs');

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'crkit-kit-runner-'));
  await writeFile(
    bundle(),
    [
      'export async function handler(event, context) {',
      '  console.log(JSON.stringify({ seen: event.value, fn: context.functionName }));',
      "  console.error('to stderr');",
      "  if (event.value === 'hang') await new Promise(() => setInterval(() => undefined, 1000));",
      "  if (event.value === 'throw') throw new TypeError('broken on purpose');",
      '  return { remaining: context.getRemainingTimeInMillis() > 0, value: event.value };',
      '}',
    ].join('\n'),
  );
  await writeFile(join(folder, 'empty.mjs'), 'export const nothing = 1;\n');
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('the Lambda-like child process', () => {
  it("runs a bundle one invocation at a time, with each invocation's own lines", async () => {
    const lambda = await startLambdaProcess({
      bundle: bundle(),
      env: lambdaEnvironment({}, 'kit-test'),
    });
    try {
      const first = await lambda.invoke({ value: 'a' });
      const second = await lambda.invoke({ value: 'b' });
      const failed = await lambda.invoke({ value: 'throw' });

      expect(first).toMatchObject({
        settled: 'resolved',
        value: { remaining: true, value: 'a' },
        stdout: ['{"seen":"a","fn":"kit-test"}'],
        stderr: ['to stderr'],
        unhandled: [],
        leftAtSettle: {},
      });
      expect(second.stdout).toEqual(['{"seen":"b","fn":"kit-test"}']);
      expect(failed).toMatchObject({ settled: 'rejected', value: 'TypeError: broken on purpose' });
      expect(lambda.alive()).toBe(true);
    } finally {
      await lambda.stop();
    }
  });

  it('kills the process, as Lambda does, when an invocation outlives its limit', async () => {
    const lambda = await startLambdaProcess({ bundle: bundle(), env: lambdaEnvironment({}) });
    try {
      const run = await lambda.invoke({ value: 'hang' }, { remainingMs: 300 });

      expect(run.settled).toBe('timed-out');
      expect(run.stdout).toEqual(['{"seen":"hang","fn":"crkit-handler"}']);
      expect(lambda.alive()).toBe(false);
    } finally {
      await lambda.stop();
    }
  });

  it('refuses to start on a bundle without a handler', async () => {
    await expect(
      startLambdaProcess({ bundle: join(folder, 'empty.mjs'), env: lambdaEnvironment({}) }),
    ).rejects.toThrow(/exports no handler function/);
  });
});

describe('in-process invocation, requests, events and contexts', () => {
  it('calls a handler with a context that counts down to its deadline', async () => {
    const handler = async (event: { value: string }, context: TestContext) => ({
      value: event.value,
      left: context.getRemainingTimeInMillis(),
      endsAt: context.endsAt,
    });

    const result = await invokeInProcess(handler, { value: 'x' }, { remainingMs: 5000 });
    const failed = await invokeInProcess(async () => Promise.reject(new Error('no')), undefined);

    expect(result).toMatchObject({ settled: 'resolved', value: { value: 'x' } });
    expect(
      result.settled === 'resolved' && result.value.left <= 5000 && result.value.left > 0,
    ).toBe(true);
    expect(failed).toMatchObject({ settled: 'rejected', error: new Error('no') });
  });

  it('builds Create, Update and Delete requests with sane ids', () => {
    const update = cloudFormationRequest({
      resourceType: 'Custom::Thing',
      requestType: 'Update',
      properties: { A: '2' },
      oldProperties: { A: '1' },
      physicalResourceId: 'thing-1',
      responseUrl: (target) => `http://127.0.0.1:1/${target.requestId}`,
    });
    const create = cloudFormationRequest({ resourceType: 'Custom::Thing' });

    expect(update).toMatchObject({
      RequestType: 'Update',
      PhysicalResourceId: 'thing-1',
      ResourceProperties: { A: '2' },
      OldResourceProperties: { A: '1' },
      ResponseURL: `http://127.0.0.1:1/${update.RequestId}`,
    });
    expect(create.StackId).toMatch(
      /^arn:aws:cloudformation:us-east-1:123456789012:stack\/crkit-test\/[0-9a-f-]{36}$/,
    );
    expect(create).not.toHaveProperty('PhysicalResourceId');
    expect(new URL(create.ResponseURL).searchParams.get('X-Amz-Signature')).not.toBeNull();
    expect(create.RequestId).not.toBe(update.RequestId);
  });

  it(
    "wraps requests the way SNS and SQS deliver them, and gives contexts the runtime's " + 'fields',
    () => {
      const request = cloudFormationRequest({ resourceType: 'Custom::Thing' });

      const sns = snsEvent([request, 'not json']);
      const sqs = sqsEvent(['{"step":1}']);
      const context = lambdaContext({ remainingMs: 1000, functionName: 'fn' });

      expect(sns.Records.map((record) => record.Sns.Message)).toEqual([
        JSON.stringify(request),
        'not json',
      ]);
      expect(sqs.Records[0]).toMatchObject({
        body: '{"step":1}',
        eventSource: 'aws:sqs',
        md5OfBody: createHash('md5').update('{"step":1}').digest('hex'),
      });
      expect(context).toMatchObject({
        functionName: 'fn',
        invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:fn',
      });
      expect(context.getRemainingTimeInMillis()).toBeLessThanOrEqual(1000);
    },
  );
});
