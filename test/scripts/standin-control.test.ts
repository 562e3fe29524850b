import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  DescribeImagesCommand,
  DescribeInstanceTypesCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTROL_ENDPOINTS, connectStandin, startStandin } from '../../scripts/standin/index.js';
import type { Standin } from '../../scripts/standin/index.js';
import { harness } from '../fixtures/standin/clients.js';
import type { Harness } from '../fixtures/standin/clients.js';

describe('HTTP control API', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness({}, { maxAttempts: 1 });
  });
  afterEach(async () => {
    await h.close();
  });

  it('drives stacks, faults, images, messages and the call log from another client', async () => {
    const remote = connectStandin(h.standin.url);

    const ref = await remote.putStack({ stackName: 'remote' });
    await remote.setStackStatus('remote', 'UPDATE_ROLLBACK_IN_PROGRESS');
    await remote.setStackTags(ref.stackId, [{ Key: 'a', Value: 'b' }]);
    const seeded = await remote.seedImage({ name: 'remote-src' });
    const faultId = await remote.inject({
      service: 'ec2',
      action: 'DescribeInstanceTypes',
      kind: 'error',
      status: 400,
      code: 'RequestLimitExceeded',
    });
    await h.sqs.send(
      new SendMessageCommand({ QueueUrl: await remote.queueUrl('q'), MessageBody: 'hello' }),
    );

    const stack = await h.cfn.send(new DescribeStacksCommand({ StackName: ref.stackId }));
    const images = await h.ec2.send(new DescribeImagesCommand({ ImageIds: [seeded.imageId] }));
    await expect(h.ec2.send(new DescribeInstanceTypesCommand({}))).rejects.toMatchObject({
      name: 'RequestLimitExceeded',
    });
    const messages = await remote.takeMessages();
    const calls = await remote.calls({ service: 'ec2' });

    expect(faultId).toBe('fault-1');
    expect(stack.Stacks?.[0]).toMatchObject({
      StackStatus: 'UPDATE_ROLLBACK_IN_PROGRESS',
      Tags: [{ Key: 'a', Value: 'b' }],
    });
    expect(images.Images?.[0]).toMatchObject({ Name: 'remote-src', State: 'available' });
    expect(messages.map((m) => m.body)).toEqual(['hello']);
    expect(calls.map((c) => [c.action, c.status, c.code])).toEqual([
      ['DescribeImages', 200, undefined],
      ['DescribeInstanceTypes', 400, 'RequestLimitExceeded'],
    ]);
    expect(await remote.unexpectedCalls()).toEqual([]);
  });

  it('sets image outcomes, placement-group readiness and in-use marks remotely', async () => {
    const remote = connectStandin(h.standin.url);

    await remote.setImageOutcome({ result: 'pending' });
    await remote.setPlacementGroupReadiness({ never: true });
    await remote.markPlacementGroupInUse('g', 3);
    await remote.clearFaults();
    await remote.clearCalls();

    expect(await remote.calls()).toEqual([]);
  });

  it('answers 404 with the endpoint list for an unknown endpoint, 400 for bad input', async () => {
    const unknown = await fetch(`${h.standin.url}/__standin/nope`, { method: 'POST', body: '{}' });
    const badJson = await fetch(`${h.standin.url}/__standin/faults`, {
      method: 'POST',
      body: '{oops',
    });
    const badFault = await fetch(`${h.standin.url}/__standin/faults`, {
      method: 'POST',
      body: JSON.stringify({ kind: 'reset', times: 0 }),
    });
    const health = await fetch(`${h.standin.url}/__standin/health`);

    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { endpoints: string[] }).endpoints).toContain('POST faults');
    expect(badJson.status).toBe(400);
    expect(badFault.status).toBe(400);
    expect(await health.json()).toEqual({
      result: { standin: 'crkit local AWS stand-in (not AWS)' },
    });
    expect(CONTROL_ENDPOINTS).toContain('POST /__standin/stacks/status');
  });

  it('rejects a control call that fails, naming the endpoint', async () => {
    const remote = connectStandin(h.standin.url);

    await expect(remote.inject({ kind: 'reset', times: -1 })).rejects.toThrow(
      /faults failed: Fault times must be a positive integer/,
    );
  });
});

describe('environment', () => {
  let standin: Standin;
  const saved = { ...process.env };
  beforeEach(async () => {
    standin = await startStandin({ stacks: [{ stackName: 'envstack' }] });
  });
  afterEach(async () => {
    process.env = { ...saved };
    await standin.stop();
  });

  it('points SDK clients built without options at the stand-in', async () => {
    for (const key of ['AWS_PROFILE', 'AWS_CONFIG_FILE']) delete process.env[key];
    Object.assign(process.env, standin.env);
    const ec2 = new EC2Client({ maxAttempts: 1 });
    const cfn = new CloudFormationClient({ maxAttempts: 1 });
    const sqs = new SQSClient({ maxAttempts: 1 });

    await ec2.send(new DescribeInstanceTypesCommand({ InstanceTypes: ['t3.micro'] }));
    await cfn.send(new DescribeStacksCommand({ StackName: 'envstack' }));
    await sqs.send(
      new SendMessageCommand({ QueueUrl: standin.queueUrl('q'), MessageBody: 'via env' }),
    );
    for (const client of [ec2, cfn, sqs]) client.destroy();

    expect(standin.env).toMatchObject({
      AWS_ENDPOINT_URL_EC2: standin.url,
      AWS_REGION: 'us-east-1',
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    expect(standin.calls().map((c) => `${c.service}:${c.action}:${c.status}`)).toEqual([
      'ec2:DescribeInstanceTypes:200',
      'cloudformation:DescribeStacks:200',
      'sqs:SendMessage:200',
    ]);
  });
});

describe('main.ts as its own process', () => {
  let child: ChildProcess | undefined;
  afterEach(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });

  it('prints its URL as one JSON line, warns it is not AWS, serves other processes', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'scripts/standin/main.ts', '--port', '0'], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [line] = (await once(
      createInterface({ input: child.stdout as NodeJS.ReadableStream }),
      'line',
    )) as [string];
    const { url, env } = JSON.parse(line) as { url: string; env: Record<string, string> };
    const remote = connectStandin(url);
    await remote.putStack({ stackName: 'child' });
    const cfn = new CloudFormationClient({
      endpoint: env.AWS_ENDPOINT_URL_CLOUDFORMATION,
      region: 'us-east-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    });

    const out = await cfn.send(new DescribeStacksCommand({ StackName: 'child' }));
    cfn.destroy();
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];

    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(stderr).toMatch(/LOCAL FAKE .* not AWS/);
    expect(out.Stacks?.[0]?.StackName).toBe('child');
    expect(code).toBe(0);
  });
});
