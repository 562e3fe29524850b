/**
 * One process of the readiness-lag bench: the simulator's machinery (the stand-in, the ResponseURL
 * endpoint, the Lambda pool running the real bundle in child processes, the continuation relay)
 * plays CloudFormation creating a `Custom::SriovAmiRegistration` whose image the stand-in makes
 * ready after a set time, and reads the lag from the stand-in's readiness record and the answer.
 * Under the time-lapse preload (CRKIT_TIMELAPSE_*), given to this process and passed on to its
 * handler processes, every clock and timer involved runs faster alike.
 *
 * Run: `node --import tsx [--import timelapse.mjs] driver.ts '<LagDriverConfig JSON>'`; prints one
 * JSON line: the {@link LagSample}s.
 */
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { startResponseServer } from '../../../framework/testing/index.js';
import { startAwsSide } from '../../simulate/aws.js';
import { sendRequest } from '../../simulate/cloudformation.js';
import { startContinuationRelay } from '../../simulate/continuations.js';
import { createLambdaPool } from '../../simulate/lambda-pool.js';
import { seedSourceImage } from '../../simulate/parameters.js';
import type { Session } from '../../simulate/session.js';
import { loadTemplate } from '../../templates/template.js';

/** What one driver process measures. */
type LagDriverConfig = {
  readonly bundle: string;
  /** The compiled time-lapse preload, handed to the handler processes. */
  readonly preload: string;
  /** Image readiness of each row, ms after registration (on the shared clock). */
  readonly readyAfterMs: readonly number[];
  readonly runs: number;
  /** The function's timeout. */
  readonly lambdaTimeoutMs: number;
  readonly runDir: string;
};

/** One Create measured. Times in ms on the shared clock. */
type LagSample = {
  readonly readyAfterMs: number;
  readonly result: string;
  readonly reason: string | undefined;
  /** Answer arrival − the moment the image became ready. */
  readonly lagMs: number | undefined;
  /** Answer arrival − request sent. */
  readonly answerMs: number | undefined;
  readonly describes: number | undefined;
  readonly handOvers: number | undefined;
};

const config = JSON.parse(process.argv[2] ?? '{}') as LagDriverConfig;

async function main(): Promise<LagSample[]> {
  const [aws, endpoint] = await Promise.all([
    startAwsSide({ kind: 'offline' }),
    startResponseServer({ checkSignature: true }),
  ]);
  const { standin } = aws;
  const timelapse = {
    NODE_OPTIONS: `--import=${pathToFileURL(config.preload).href}`,
    CRKIT_TIMELAPSE_FACTOR: process.env.CRKIT_TIMELAPSE_FACTOR ?? '1',
    CRKIT_TIMELAPSE_ORIGIN: process.env.CRKIT_TIMELAPSE_ORIGIN ?? String(Date.now()),
  };
  const lambda = createLambdaPool({
    bundle: config.bundle,
    env: aws.lambdaEnv(endpoint.origin, timelapse),
    timeoutMs: config.lambdaTimeoutMs,
    runDir: config.runDir,
  });
  const relay = startContinuationRelay({ standin, queue: aws.queueUrl, lambda });
  try {
    const stackName = 'crkit-bench-lag';
    const { stackId } = standin.putStack({
      stackId:
        `arn:aws:cloudformation:${standin.region}:${standin.account}:` +
        `stack/${stackName}/${randomUUID()}`,
      status: 'CREATE_IN_PROGRESS',
    });
    const token = `arn:aws:lambda:${standin.region}:${standin.account}:function:crkit-handler`;
    // A one-resource stack: sendRequest reads the endpoint, the stand-in, the pool and the relay;
    // the template is only there to complete the session (nothing reads its resources here).
    const session: Session = {
      template: loadTemplate('templates/examples/cluster-fleet.yaml'),
      stackId,
      stackName,
      region: standin.region,
      account: standin.account,
      transport: 'direct',
      parameters: {},
      imports: {},
      resources: new Map(),
      endpoint,
      lambda,
      relay,
      standin,
      offline: true,
      steps: [],
      status: 'CREATE_IN_PROGRESS',
      extraProperties: new Map(),
      redeliveries: [],
      lambdaTimeoutMs: config.lambdaTimeoutMs,
      emit: () => undefined,
    };
    const create = async (readyAfterMs: number, name: string) => {
      const sourceImageId = seedSourceImage(standin);
      standin.setImageOutcome({ result: 'available', readiness: { afterMs: readyAfterMs } });
      const properties = {
        ServiceToken: token,
        ServiceTimeout: '3600',
        SourceImageId: sourceImageId,
        Name: name,
        SriovNetSupport: 'simple',
        EnaSupport: 'true',
        DriverConfirmed: 'true',
      };
      const step = await sendRequest(session, {
        requestType: 'Create',
        logicalId: `LagImage${session.steps.length + 1}`,
        resourceType: 'Custom::SriovAmiRegistration',
        properties,
      });
      session.steps.push(step);
      return step;
    };
    // A warm container that has served a Create before, as a busy function has: a cold start and
    // first-use loading are no part of the wait. Not measured.
    await create(0, 'crkit-bench-lag-warm-up');
    const samples: LagSample[] = [];
    for (const readyAfterMs of config.readyAfterMs) {
      for (let run = 1; run <= config.runs; run += 1) {
        const step = await create(readyAfterMs, `crkit-bench-lag-${readyAfterMs}-${run}`);
        const wait = step.waits.find((item) => item.kind === 'image');
        samples.push({
          readyAfterMs,
          result: step.result,
          reason: step.reason,
          lagMs: wait?.lagMs,
          answerMs: wait?.answeredAt === undefined ? undefined : wait.answeredAt - wait.sentAt,
          describes: wait?.describes,
          handOvers: wait?.handOvers,
        });
        process.stderr.write(
          `\rreadiness lag: ready after ${readyAfterMs / 1000} s, run ${run} of ` +
            `${config.runs}: lag ${String(wait?.lagMs)} ms      `,
        );
      }
    }
    return samples;
  } finally {
    relay.stop();
    lambda.stop();
    await Promise.all([endpoint.close(), standin.stop()]);
  }
}

main()
  .then((samples) => {
    process.stdout.write(`${JSON.stringify(samples)}\n`);
  })
  .catch((error: unknown) => {
    process.stderr.write(
      `\nreadiness-lag driver failed: ` +
        `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  });

export type { LagDriverConfig, LagSample };
