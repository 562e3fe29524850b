/**
 * What the defences against forged messages cost, measured in one process (run with the node of
 * the measured processes): asking CloudFormation to confirm a request (DescribeStackResource
 * against the loopback stand-in: the SDK's own cost, the network's is Lambda's to add), reading
 * the continuation key once (the Secrets Manager client's import plus one GetSecretValue), and
 * signing and verifying one continuation message. Prints one markdown table.
 *
 *   node --import tsx scripts/bench/security-costs.ts
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import {
  ContinuationFormat,
  encodeContinuation,
  openContinuation,
} from '../../framework/long-operations/continuation.js';
import type { ContinuationMessage } from '../../framework/long-operations/continuation.js';
import { continuationKey } from '../../handlers/aws/continuation-key.js';
import { cloudFormationStacks } from '../../handlers/aws/cloudformation.js';
import { startStandin } from '../standin/index.js';
import { stackId } from './events.js';
import { formatSummary, summarise } from './stats.js';

const looks = 200;
const seals = 5000;

function request(): ContinuationMessage['request'] {
  const properties = {
    ServiceToken: 'arn:aws:sns:us-east-1:123456789012:crkit',
    SourceImageId: 'ami-0aaaaaaaaaaaaaaa1',
    Name: 'web-sriov-2026-11',
    DriverConfirmed: 'true',
    Tags: Array.from({ length: 10 }, (_, i) => ({ Key: `key-${i}`, Value: `value-${i}` })),
  };
  return {
    RequestType: 'Create',
    ServiceToken: properties.ServiceToken,
    StackId: stackId,
    RequestId: '6f1e2d3c-0000-4000-8000-000000000001',
    LogicalResourceId: 'FastAmi',
    ResourceType: 'Custom::SriovAmiRegistration',
    ResourceProperties: properties,
    ResponseURL:
      'https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/' +
      `${encodeURIComponent(stackId)}?X-Amz-Signature=${'ab'.repeat(32)}`,
  } as ContinuationMessage['request'];
}

/** Times, in ms, of the AWS calls the defences make, against a loopback stand-in. */
type CallCosts = { readonly looks: readonly number[]; readonly keyRead: number };

async function callCosts(): Promise<CallCosts> {
  const standin = await startStandin({ region: 'us-east-1' });
  Object.assign(process.env, standin.env);
  try {
    standin.requestSent({
      RequestType: 'Create',
      StackId: stackId,
      LogicalResourceId: 'Bench',
      ResourceType: 'Custom::Bench',
      RequestId: 'bench-1',
    });
    const stacks = cloudFormationStacks();
    const look = async (): Promise<number> => {
      const at = performance.now();
      await stacks.resource(stackId, 'Bench', AbortSignal.timeout(10_000));
      return performance.now() - at;
    };
    // The client's first use: its import, not the call, which the bundle's cold start measures.
    await look();
    const times: number[] = [];
    for (let i = 0; i < looks; i += 1) times.push(await look());
    const arn = standin.putSecret('crkit-bench-key', randomBytes(48).toString('base64'));
    const at = performance.now();
    await continuationKey(arn)(AbortSignal.timeout(10_000));
    return { looks: times, keyRead: performance.now() - at };
  } finally {
    await standin.stop();
  }
}

async function main(): Promise<void> {
  const { looks: each, keyRead } = await callCosts();
  const secret = randomBytes(48);
  const message: ContinuationMessage = {
    format: ContinuationFormat,
    request: request(),
    action: 'create',
    replacing: false,
    startedAt: Date.now(),
    expiresAt: Date.now() + 3_600_000,
    step: 1,
    chain: '6c1f0a9e-1d2b-4c3d-8e4f-5a6b7c8d9e0f',
    waitingFor: 'image ami-0123456789abcdef0 to become available',
    state: { imageId: 'ami-0123456789abcdef0', polls: 1 },
    physicalId: 'ami-0123456789abcdef0',
  };
  const sign: number[] = [];
  const verify: number[] = [];
  let body = '';
  for (let i = 0; i < seals; i += 1) {
    const at = performance.now();
    body = encodeContinuation(message, secret);
    const mid = performance.now();
    if (!openContinuation(body, secret).ok) throw new Error('a signed message did not verify');
    verify.push((performance.now() - mid) * 1000);
    sign.push((mid - at) * 1000);
  }
  const rows = [
    `| confirmation, each further DescribeStackResource | ` +
      `${formatSummary(summarise(each), 2)} ms | one per request (two when a stopping ` +
      `state is re-read, plus DescribeStackEvents pages for a cleanup Delete) |`,
    `| continuation key, first read (GetSecretValue; the client imported unbundled, so ` +
      `an upper bound) | ${keyRead.toFixed(1)} ms | once per container that hands a step ` +
      `over or receives one |`,
    `| sign one continuation (${Buffer.byteLength(body)} bytes) | ` +
      `${formatSummary(summarise(sign), 1)} µs | per hand-over |`,
    `| verify and read one continuation | ${formatSummary(summarise(verify), 1)} µs | ` +
      `per continuation received |`,
  ];
  process.stdout.write(
    `${['| what | cost, median (min–max) | when |', '| --- | --- | --- |', ...rows].join('\n')}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `security costs failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
