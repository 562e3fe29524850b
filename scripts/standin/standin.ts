/**
 * Starting a stand-in: state, faults and call log behind one HTTP server on 127.0.0.1,
 * plus the environment that points the AWS SDK (EC2, CloudFormation, SQS, Secrets Manager) at it.
 */
import { CallLog } from './call-log.js';
import { CONTROL_PREFIX, handleControl } from './control-api.js';
import { createControls } from './controls.js';
import type { StandinControls } from './controls.js';
import { handleAwsRequest } from './dispatch.js';
import { FaultQueue } from './faults.js';
import { startHttpServer } from './http-server.js';
import type { ImageOutcome } from './images.js';
import type { Readiness } from './readiness.js';
import { seedImage } from './seeds.js';
import type { ImageSeed } from './seeds.js';
import type { StackSeed } from './stacks.js';
import { createWorld } from './world.js';

/** How to start a stand-in. */
type StandinOptions = {
  /** TCP port on 127.0.0.1. @default 0 (a free port) */
  readonly port?: number;
  /** @default 'us-east-1' */
  readonly region?: string;
  /** @default '123456789012' */
  readonly account?: string;
  /** @default { afterDescribes: 1 } */
  readonly placementGroupReadiness?: Readiness;
  /** @default { result: 'available', readiness: { afterDescribes: 1 } } */
  readonly imageOutcome?: ImageOutcome;
  /** Source images to seed. @default [] */
  readonly images?: readonly ImageSeed[];
  /** Stacks to register. @default [] */
  readonly stacks?: readonly StackSeed[];
  /**
   * Let DescribeStacks (and DescribeStackResource, DescribeStackEvents) register any unknown stack
   * ARN as `CREATE_COMPLETE`, without resources. @default false
   */
  readonly autoCreateStacks?: boolean;
  /** Events per DescribeStackEvents page. @default 100 */
  readonly stackEventsPageSize?: number;
  /** Secrets Manager secrets to create, name → SecretString. @default {} */
  readonly secrets?: Readonly<Record<string, string>>;
};

/** Environment variables that send SDK v3 clients to the stand-in with fake credentials. */
type StandinEnv = Readonly<Record<string, string>>;

/** A running stand-in. */
type Standin = StandinControls & {
  /** Base URL, for example `http://127.0.0.1:41234`. */
  readonly url: string;
  readonly port: number;
  readonly region: string;
  readonly account: string;
  /** Spread into `process.env` or a child's env. */
  readonly env: StandinEnv;
  /** Closes the server and every socket, hung ones included. */
  stop(): Promise<void>;
};

const envFor = (url: string, region: string): StandinEnv => ({
  AWS_ENDPOINT_URL: url,
  AWS_ENDPOINT_URL_EC2: url,
  AWS_ENDPOINT_URL_CLOUDFORMATION: url,
  AWS_ENDPOINT_URL_SQS: url,
  AWS_ENDPOINT_URL_SECRETS_MANAGER: url,
  AWS_REGION: region,
  AWS_DEFAULT_REGION: region,
  AWS_ACCESS_KEY_ID: 'AKIASTANDINFAKEKEY00',
  AWS_SECRET_ACCESS_KEY: 'standin-fake-secret-not-a-real-credential',
  AWS_SESSION_TOKEN: 'standin-fake-session-token',
  AWS_EC2_METADATA_DISABLED: 'true',
  CRKIT_STANDIN_URL: url,
});

/**
 * Starts a loopback AWS stand-in.
 *
 * @example
 * ```ts
 * const standin = await startStandin();
 * const ec2 = new EC2Client({ endpoint: standin.url, region: 'us-east-1',
 *   credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
 * await ec2.send(new CreatePlacementGroupCommand({ GroupName: 'g', Strategy: 'cluster' }));
 * await standin.stop();
 * ```
 */
const startStandin = async (options: StandinOptions = {}): Promise<Standin> => {
  const region = options.region ?? 'us-east-1';
  const account = options.account ?? '123456789012';
  const world = createWorld(region, account);
  world.placementGroups.readiness =
    options.placementGroupReadiness ?? world.placementGroups.readiness;
  world.images.defaultOutcome = options.imageOutcome ?? world.images.defaultOutcome;
  world.stacks.autoCreate = options.autoCreateStacks ?? false;
  const pageSize = options.stackEventsPageSize ?? world.stacks.eventsPageSize;
  if (!Number.isInteger(pageSize) || pageSize < 1)
    throw new TypeError(
      `stackEventsPageSize must be a positive integer, got ${String(options.stackEventsPageSize)}`,
    );
  world.stacks.eventsPageSize = pageSize;
  for (const [name, value] of Object.entries(options.secrets ?? {})) world.secrets.put(name, value);
  for (const seed of options.images ?? []) seedImage(world, seed);
  for (const seed of options.stacks ?? []) world.stacks.put(seed);
  const faults = new FaultQueue();
  const log = new CallLog();
  const controls = createControls(world, faults, log);
  const stopping = new AbortController();
  const pipeline = { world, faults, log, stopping: stopping.signal };
  const server = await startHttpServer('127.0.0.1', options.port ?? 0, (request, response, body) =>
    (request.url ?? '').startsWith(CONTROL_PREFIX)
      ? handleControl(controls, request, response, body)
      : handleAwsRequest(pipeline, request, response, body),
  );
  world.url = server.url;
  const stop = async (): Promise<void> => {
    stopping.abort();
    await server.close();
  };
  return {
    ...controls,
    url: server.url,
    port: server.port,
    region,
    account,
    env: envFor(server.url, region),
    stop,
  };
};

export { startStandin };
export type { Standin, StandinOptions, StandinEnv };
