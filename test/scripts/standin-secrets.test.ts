import {
  GetSecretValueCommand,
  ListSecretsCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectStandin, startStandin, toSqsEvent } from '../../scripts/standin/index.js';
import type { Standin } from '../../scripts/standin/index.js';
import { harness } from '../fixtures/standin/clients.js';
import type { Harness } from '../fixtures/standin/clients.js';

const ARN = /^arn:aws:secretsmanager:us-east-1:123456789012:secret:crkit-key-[A-Za-z0-9]{6}$/;

let h: Harness;
beforeEach(async () => {
  h = await harness({ secrets: { seeded: 'seed-value' } }, { maxAttempts: 1 });
});
afterEach(async () => {
  await h.close();
});

describe('Secrets Manager GetSecretValue', () => {
  it(
    'answers a secret put by the test, by ARN, by partial ARN and by name, in the shape ' +
      'the SDK reads',
    async () => {
      const before = Date.now();
      const arn = h.standin.putSecret('crkit-key', 'c2VjcmV0');
      const after = Date.now();

      const byArn = await h.secrets.send(new GetSecretValueCommand({ SecretId: arn }));
      const byPartialArn = await h.secrets.send(
        new GetSecretValueCommand({ SecretId: arn.slice(0, -7) }),
      );
      const byName = await h.secrets.send(new GetSecretValueCommand({ SecretId: 'crkit-key' }));

      expect(arn).toMatch(ARN);
      expect(byArn).toMatchObject({
        ARN: arn,
        Name: 'crkit-key',
        SecretString: 'c2VjcmV0',
        VersionId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        VersionStages: ['AWSCURRENT'],
        CreatedDate: expect.any(Date),
      });
      // Epoch seconds on the wire: read back to the millisecond of creation.
      expect((byArn.CreatedDate as Date).getTime()).toBeGreaterThanOrEqual(before - 1);
      expect((byArn.CreatedDate as Date).getTime()).toBeLessThanOrEqual(after + 1);
      expect(byArn.$metadata).toMatchObject({
        httpStatusCode: 200,
        requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      });
      expect(byPartialArn.ARN).toBe(arn);
      expect(byName.ARN).toBe(arn);
    },
  );

  it(
    'serves seeded secrets, and a put of an existing name makes a new current version ' +
      'under the same ARN',
    async () => {
      const seeded = await h.secrets.send(new GetSecretValueCommand({ SecretId: 'seeded' }));
      const arn = h.standin.putSecret('seeded', 'rotated');

      const rotated = await h.secrets.send(new GetSecretValueCommand({ SecretId: arn }));

      expect(seeded.SecretString).toBe('seed-value');
      expect(rotated).toMatchObject({ ARN: seeded.ARN, SecretString: 'rotated' });
      expect(rotated.VersionId).not.toBe(seeded.VersionId);
    },
  );

  it('answers ResourceNotFoundException to an unknown secret, version or stage label', async () => {
    const arn = h.standin.putSecret('crkit-key', 'v');

    await expect(
      h.secrets.send(new GetSecretValueCommand({ SecretId: `${arn.slice(0, -6)}zzzzzz` })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: "Secrets Manager can't find the specified secret.",
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(
      h.secrets.send(new GetSecretValueCommand({ SecretId: arn, VersionStage: 'AWSPREVIOUS' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message:
        "Secrets Manager can't find the specified secret value for staging label: AWSPREVIOUS",
    });
    await expect(
      h.secrets.send(new GetSecretValueCommand({ SecretId: arn, VersionId: 'a'.repeat(32) })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    expect(
      h.standin
        .calls({ service: 'secretsmanager' })
        .map((call) => [call.action, call.status, call.code]),
    ).toEqual([
      ['GetSecretValue', 400, 'ResourceNotFoundException'],
      ['GetSecretValue', 400, 'ResourceNotFoundException'],
      ['GetSecretValue', 400, 'ResourceNotFoundException'],
    ]);
  });

  it('takes injected faults: an error the SDK names, and a body it cannot read', async () => {
    h.standin.inject({
      service: 'secretsmanager',
      action: 'GetSecretValue',
      kind: 'error',
      status: 400,
      code: 'AccessDeniedException',
      message: 'not allowed',
    });
    h.standin.inject({ service: 'secretsmanager', kind: 'malformed' });

    await expect(
      h.secrets.send(new GetSecretValueCommand({ SecretId: 'seeded' })),
    ).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: 'not allowed',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(
      h.secrets.send(new GetSecretValueCommand({ SecretId: 'seeded' })),
    ).rejects.toThrow();
    await expect(
      h.secrets.send(new GetSecretValueCommand({ SecretId: 'seeded' })),
    ).resolves.toMatchObject({ SecretString: 'seed-value' });
  });

  it('records an unimplemented action as unexpected, naming it', async () => {
    await expect(h.secrets.send(new ListSecretsCommand({}))).rejects.toMatchObject({
      name: 'InvalidAction',
      message: expect.stringContaining('secretsmanager:ListSecrets'),
    });

    expect(h.standin.unexpectedCalls()).toMatchObject([
      { service: 'secretsmanager', action: 'ListSecrets', status: 400 },
    ]);
  });

  it('refuses a secretsmanager target sent without the JSON 1.1 Content-Type', async () => {
    const response = await fetch(h.standin.url, {
      method: 'POST',
      headers: {
        'x-amz-target': 'secretsmanager.GetSecretValue',
        'content-type': 'application/json',
      },
      body: '{"SecretId":"seeded"}',
    });

    expect(response.status).toBe(400);
    expect(await response.text()).toContain('AWS JSON 1.1');
    expect(h.standin.unexpectedCalls()).toHaveLength(1);
  });

  it('puts a secret from another process', async () => {
    const arn = await connectStandin(h.standin.url).putSecret('crkit-key', 'remote');

    const out = await h.secrets.send(new GetSecretValueCommand({ SecretId: arn }));

    expect(arn).toMatch(ARN);
    expect(out.SecretString).toBe('remote');
  });
});

describe('the SDK finds Secrets Manager through the environment', () => {
  let standin: Standin;
  const saved = { ...process.env };
  beforeEach(async () => {
    standin = await startStandin({ secrets: { 'crkit-key': 'from-env' } });
  });
  afterEach(async () => {
    process.env = { ...saved };
    await standin.stop();
  });

  it('uses AWS_ENDPOINT_URL_SECRETS_MANAGER alone', async () => {
    for (const key of ['AWS_PROFILE', 'AWS_CONFIG_FILE', 'AWS_ENDPOINT_URL'])
      delete process.env[key];
    const {
      AWS_ENDPOINT_URL_SECRETS_MANAGER,
      AWS_REGION,
      AWS_ACCESS_KEY_ID,
      AWS_SECRET_ACCESS_KEY,
    } = standin.env;
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_SECRETS_MANAGER,
      AWS_REGION,
      AWS_ACCESS_KEY_ID,
      AWS_SECRET_ACCESS_KEY,
    });
    const client = new SecretsManagerClient({ maxAttempts: 1 });

    const out = await client
      .send(new GetSecretValueCommand({ SecretId: 'crkit-key' }))
      .finally(() => client.destroy());

    expect(AWS_ENDPOINT_URL_SECRETS_MANAGER).toBe(standin.url);
    expect(out.SecretString).toBe('from-env');
  });
});

describe('queueArn', () => {
  it("is the eventSourceARN toSqsEvent gives the queue's messages, here and by HTTP", async () => {
    await h.sqs.send(
      new SendMessageCommand({
        QueueUrl: h.standin.queueUrl('crkit-continuations'),
        MessageBody: 'step',
      }),
    );

    const event = toSqsEvent(h.standin.takeMessages('crkit-continuations'));

    expect(h.standin.queueArn('crkit-continuations')).toBe(
      'arn:aws:sqs:us-east-1:123456789012:crkit-continuations',
    );
    expect(event.Records[0]?.eventSourceARN).toBe(h.standin.queueArn('crkit-continuations'));
    expect(await connectStandin(h.standin.url).queueArn('crkit-continuations')).toBe(
      h.standin.queueArn('crkit-continuations'),
    );
  });
});
