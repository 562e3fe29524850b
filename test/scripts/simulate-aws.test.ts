import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterEach, describe, expect, it } from 'vitest';
import { startAwsSide } from '../../scripts/simulate/aws.js';
import type { AwsSide } from '../../scripts/simulate/aws.js';
import { toSqsEvent } from '../../scripts/standin/index.js';

/** The continuation key's secret ARN, with its random suffix. */
const ContinuationSecretArn =
  /^arn:aws:secretsmanager:us-east-1:123456789012:secret:crkit-continuation-key-[A-Za-z0-9]{6}$/;

let aws: AwsSide | undefined;
afterEach(async () => {
  await aws?.standin.stop();
  aws = undefined;
});

const clientOptions = (url: string) => ({
  endpoint: url,
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIDSIMULATE', secretAccessKey: 'fake' },
  maxAttempts: 1,
});

describe('the simulated Lambda environment', () => {
  it(
    'names the queue the relay delivers from, and a 48-byte continuation key in the ' + 'stand-in',
    async () => {
      aws = await startAwsSide({ kind: 'offline' });
      const env = aws.lambdaEnv('http://127.0.0.1:1');
      const sqs = new SQSClient(clientOptions(aws.standin.url));
      const secrets = new SecretsManagerClient(clientOptions(aws.standin.url));

      await sqs.send(
        new SendMessageCommand({ QueueUrl: env.CRKIT_CONTINUATION_QUEUE_URL, MessageBody: 'step' }),
      );
      const event = toSqsEvent(aws.standin.takeMessages(aws.queueUrl), aws.standin.region);
      const key = await secrets.send(
        new GetSecretValueCommand({ SecretId: env.CRKIT_CONTINUATION_SECRET_ARN }),
      );
      for (const client of [sqs, secrets]) client.destroy();

      expect(event.Records[0]?.eventSourceARN).toBe(env.CRKIT_CONTINUATION_QUEUE_ARN);
      expect(env.CRKIT_CONTINUATION_SECRET_ARN).toMatch(ContinuationSecretArn);
      expect(Buffer.from(key.SecretString ?? '', 'base64')).toHaveLength(48);
      expect(env.AWS_ENDPOINT_URL_SECRETS_MANAGER).toBe(aws.standin.url);
    },
  );

  it(
    'with a profile, keeps CloudFormation, SQS and Secrets Manager on the stand-in and ' +
      'sends EC2 to the account',
    async () => {
      aws = await startAwsSide({ kind: 'profile', profile: 'sandbox', region: 'eu-west-1' });
      const env = aws.lambdaEnv('http://127.0.0.1:1');

      expect(env).toMatchObject({
        AWS_PROFILE: 'sandbox',
        AWS_REGION: 'eu-west-1',
        AWS_ENDPOINT_URL_CLOUDFORMATION: aws.standin.url,
        AWS_ENDPOINT_URL_SQS: aws.standin.url,
        AWS_ENDPOINT_URL_SECRETS_MANAGER: aws.standin.url,
        CRKIT_CONTINUATION_QUEUE_ARN: 'arn:aws:sqs:eu-west-1:123456789012:crkit-continuations',
      });
      expect(env).not.toHaveProperty('AWS_ENDPOINT_URL_EC2');
      expect(env).not.toHaveProperty('AWS_ENDPOINT_URL');
      expect(aws.banner).toMatch(
        /EC2 is REAL AWS .* CloudFormation, SQS and Secrets Manager are a local stand-in/,
      );
    },
  );
});
