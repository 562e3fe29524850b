/**
 * Where the handler's AWS calls go. Offline (the default) everything goes to the loopback
 * stand-in with fake credentials. With a profile, EC2 goes to the real account while
 * CloudFormation (the simulated stack: its status, its resources and events as the simulator
 * plays them), SQS (continuations) and Secrets Manager (the key continuations are signed with)
 * stay on the stand-in, so signals and continuation messages never leave the machine.
 */
import { randomBytes } from 'node:crypto';
import { startStandin } from '../standin/index.js';
import type { Standin } from '../standin/index.js';

/** Offline, or a named AWS profile for EC2. */
type AwsTarget =
  | { readonly kind: 'offline' }
  | { readonly kind: 'profile'; readonly profile: string; readonly region: string };

/** The name of the stand-in queue that carries continuation messages. */
const ContinuationQueue = 'crkit-continuations';

/** The name of the stand-in secret holding the key continuations are signed with. */
const ContinuationKeySecret = 'crkit-continuation-key';

/** A started stand-in with the environment a simulated Lambda gets. */
type AwsSide = {
  readonly target: AwsTarget;
  readonly standin: Standin;
  readonly queueUrl: string;
  /** The queue's ARN: the `eventSourceARN` of the records the relay delivers. */
  readonly queueArn: string;
  /** One line saying plainly where AWS calls go. */
  readonly banner: string;
  lambdaEnv(
    responseOrigin: string,
    extra?: Readonly<Record<string, string>>,
  ): Record<string, string>;
};

function awsEnv(target: AwsTarget, standin: Standin): Record<string, string> {
  if (target.kind === 'offline') return { ...standin.env };
  return {
    AWS_PROFILE: target.profile,
    AWS_REGION: target.region,
    AWS_ENDPOINT_URL_CLOUDFORMATION: standin.url,
    AWS_ENDPOINT_URL_SQS: standin.url,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: standin.url,
    ...(process.env.HOME === undefined ? {} : { HOME: process.env.HOME }),
  };
}

/**
 * Starts the stand-in and describes the environment for the handler process.
 * @example
 * const aws = await startAwsSide({ kind: 'offline' });
 * const env = aws.lambdaEnv(endpoint.origin);
 */
async function startAwsSide(target: AwsTarget): Promise<AwsSide> {
  const region = target.kind === 'profile' ? target.region : 'us-east-1';
  const standin = await startStandin({ region, autoCreateStacks: true });
  const queueUrl = standin.queueUrl(ContinuationQueue);
  const queueArn = standin.queueArn(ContinuationQueue);
  const secretArn = standin.putSecret(ContinuationKeySecret, randomBytes(48).toString('base64'));
  const banner =
    target.kind === 'offline'
      ? `AWS is a LOCAL STAND-IN on ${standin.url} (EC2, CloudFormation, SQS, Secrets ` +
        `Manager): nothing reaches Amazon Web Services`
      : `EC2 is REAL AWS (profile ${target.profile}, ${region}); CloudFormation, SQS and ` +
        `Secrets Manager are a local stand-in on ${standin.url}; signals stay local`;
  return {
    target,
    standin,
    queueUrl,
    queueArn,
    banner,
    lambdaEnv: (responseOrigin, extra = {}) => ({
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      TZ: 'UTC',
      AWS_LAMBDA_FUNCTION_NAME: 'crkit-handler',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...awsEnv(target, standin),
      CRKIT_RESPONSE_ORIGINS: responseOrigin,
      CRKIT_CONTINUATION_QUEUE_URL: queueUrl,
      CRKIT_CONTINUATION_QUEUE_ARN: queueArn,
      CRKIT_CONTINUATION_SECRET_ARN: secretArn,
      CRKIT_LOG_LEVEL: 'info',
      ...extra,
    }),
  };
}

export { ContinuationKeySecret, ContinuationQueue, startAwsSide };
export type { AwsSide, AwsTarget };
