import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { continuationKey } from '../../../handlers/aws/continuation-key.js';
import { sqsContinuation } from '../../../handlers/aws/sqs.js';

const secrets = mockClient(SecretsManagerClient);
const secretArn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:crkit-continuation-AbCdEf';
const generated = 'k'.repeat(64);

afterEach(() => {
  secrets.reset();
});

describe('the continuation key', () => {
  it('reads the secret once per container and keeps it', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: generated });
    const key = continuationKey(secretArn);

    const first = await key(AbortSignal.timeout(1000));
    const second = await key(AbortSignal.timeout(1000));

    expect(Buffer.from(first).toString()).toBe(generated);
    expect(second).toBe(first);
    expect(secrets.commandCalls(GetSecretValueCommand).map((call) => call.args[0].input)).toEqual([
      { SecretId: secretArn },
    ]);
  });

  it('reads again after a failed read, instead of keeping the failure', async () => {
    secrets
      .on(GetSecretValueCommand)
      .rejectsOnce(
        Object.assign(new Error('throttled'), {
          name: 'ThrottlingException',
          $metadata: { httpStatusCode: 400 },
        }),
      )
      .resolves({ SecretString: generated });
    const key = continuationKey(secretArn);

    await expect(key(AbortSignal.timeout(1000))).rejects.toThrow('throttled');
    await expect(key(AbortSignal.timeout(1000))).resolves.toBeDefined();
  });

  it('refuses a secret too short to be a key', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: 'short' });

    await expect(continuationKey(secretArn)(AbortSignal.timeout(1000))).rejects.toThrow(
      /at least 32 characters/,
    );
  });
});

describe('the continuation port', () => {
  it('exists only when the queue, its ARN and the secret are all configured', () => {
    const queueUrl = 'https://sqs.us-east-1.amazonaws.com/123456789012/crkit-continuations';
    const queueArn = 'arn:aws:sqs:us-east-1:123456789012:crkit-continuations';

    expect(sqsContinuation({ queueUrl, queueArn, secretArn })?.queueArn).toBe(queueArn);
    expect(sqsContinuation({ queueUrl, queueArn, secretArn: undefined })).toBeUndefined();
    expect(sqsContinuation({ queueUrl, queueArn: undefined, secretArn })).toBeUndefined();
    expect(sqsContinuation({ queueUrl: undefined, queueArn, secretArn })).toBeUndefined();
  });
});
