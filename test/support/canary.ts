/**
 * The canary: a resource type with sensitive properties that plants its secrets everywhere a
 * careless framework would print them (logs, AWS error text, thrown errors, Reasons, NoEcho
 * Data), and a scanner that finds them again in captured output.
 */
import { randomUUID } from 'node:crypto';
import { DescribePlacementGroupsCommand, EC2Client } from '@aws-sdk/client-ec2';
import * as z from 'zod/mini';
import {
  cfnInteger,
  defineResource,
  failed,
  ResourceError,
  succeeded,
} from '../../framework/index.js';
import type { RegistryEntry } from '../../framework/index.js';

const tag = randomUUID().slice(0, 8);

/** Every planted secret, by where it is planted. */
const secrets = {
  password: `pw-${tag}-"quoted" & /slashed\\`,
  apiKey: `ak-${tag}-AWSERRORTEXT`,
  pin: '48213977',
  badPin: '907142263',
  token: `tok-${tag}-nested`,
  oldPassword: `old-${tag}-previous`,
  noEchoKey: `gen-${tag}-noecho`,
  /**
   * Multi-line, with runs of spaces and a tab: an error message may tidy it, a stack trace splits
   * it.
   */
  certificate:
    `-----BEGIN ${tag}-----\n   line two of the certificate\twith a tab\n-----END ` + `${tag}-----`,
  /**
   * Longer than any Reason can be (a body is at most 4096 bytes): whatever cuts it must not leave
   * its start.
   */
  longKey: `lk-${tag}-${'k'.repeat(6000)}`,
  /** Sent as `+00…`: the resource sees, and may log, this parsed number. */
  parsedPin: '54126378',
  /**
   * The value of a misspelled sensitive property: unknown to the schema, so never known to be
   * secret.
   */
  typo: `typo-${tag}-misspelled`,
  /** Made by the resource, registered with secret(), logged, then returned as NoEcho Data. */
  generated: `gen-${tag}-fresh-password`,
} as const;

/** A pre-signed URL, as an AWS error message might quote one. */
const presigned =
  'https://canary-bucket.s3.amazonaws.com/k?X-Amz-Credential=AKIACANARY%2F20261127' +
  `&X-Amz-Signature=c0ffee${tag}`;

const Modes = [
  'ok',
  'aws-error',
  'throw',
  'throw-multiline',
  'throw-string',
  'resource-error',
  'failed',
  'failed-long',
  'cause',
  'hang',
  'generated',
] as const;

const ec2 = new EC2Client({
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIDCANARY', secretAccessKey: 'canary' },
});

/**
 * The error EC2 would return, its message quoting secrets (raw, URL-encoded, with their whitespace
 * tidied into single spaces, and one longer than any Reason) and a pre-signed URL.
 */
function awsError(): Error {
  const tidied = secrets.certificate.replace(/\s+/g, ' ');
  const message =
    `Value (${secrets.apiKey}) for parameter ApiKey is invalid; fetched ${presigned} with ` +
    `${encodeURIComponent(secrets.password)}; certificate ${tidied} is not trusted; key ` +
    `${secrets.longKey} expired`;
  return Object.assign(new Error(message), {
    name: 'InvalidParameterValue',
    $fault: 'client',
    $metadata: { httpStatusCode: 400, requestId: `req-${tag}`, attempts: 1 },
  });
}

async function act(mode: (typeof Modes)[number] | undefined, signal: AbortSignal): Promise<void> {
  switch (mode) {
    case 'aws-error':
      await ec2.send(new DescribePlacementGroupsCommand({}), { abortSignal: signal });
      return;
    case 'throw':
      throw new Error(`cannot log in with ${secrets.password}`);
    case 'throw-multiline':
      throw new Error(`the certificate was refused:\n${secrets.certificate}\nask for a new one`);
    case 'throw-string':
      throw `token ${secrets.token} refused`;
    case 'resource-error':
      throw new ResourceError(`the PIN ${secrets.pin} is locked`);
    case 'cause':
      throw new Error('outer failure', {
        cause: new Error(`inner failure with ${secrets.apiKey}`),
      });
    case 'hang':
      await new Promise((_resolve, reject) =>
        signal.addEventListener('abort', () => reject(signal.reason), { once: true }),
      );
      return;
    default:
      return;
  }
}

async function run(
  mode: (typeof Modes)[number] | undefined,
  signal: AbortSignal,
  physicalId: string,
) {
  if (mode === 'failed') return failed(`password ${secrets.password} was rejected`, physicalId);
  if (mode === 'failed-long') return failed(`the key ${secrets.longKey} was rejected`, physicalId);
  await act(mode, signal);
  return succeeded(
    physicalId,
    { Endpoint: `canary-${tag}.example`, Key: secrets.noEchoKey },
    { noEcho: true },
  );
}

const canary = defineResource({
  type: 'Custom::Canary',
  properties: z.strictObject({
    Name: z.string(),
    Password: z.string(),
    ApiKey: z.optional(z.string()),
    Pin: z.optional(cfnInteger({ min: 0, max: 99_999_999 })),
    Nested: z.optional(z.strictObject({ Token: z.string() })),
    Certificate: z.optional(z.string()),
    LongKey: z.optional(z.string()),
    Mode: z.optional(z.enum(Modes)),
  }),
  replaceOn: ['Name'],
  sensitive: ['Password', 'ApiKey', 'Pin', 'Nested', 'Certificate', 'LongKey'],
  attributes: ['Endpoint', 'Key'],
  iamStatements: [{ actions: ['ec2:DescribePlacementGroups'], resources: ['*'] }],
  create: async ({ properties, log, signal, secret }) => {
    log.info('creating', { properties });
    log.debug(`logging in with ${properties.Password}`);
    if (properties.Mode === 'generated') {
      secret(secrets.generated);
      log.info('generated a password for the new user', { password: secrets.generated });
      return succeeded(
        `canary-${properties.Name}`,
        { Endpoint: `canary-${tag}.example`, Key: secrets.generated },
        { noEcho: true },
      );
    }
    return run(properties.Mode, signal, `canary-${properties.Name}`);
  },
  update: async ({ properties, oldProperties, physicalId, log, signal }) => {
    log.info('updating; the key in use is read back', {
      properties,
      oldProperties,
      currentKey: secrets.noEchoKey,
    });
    return run(properties.Mode, signal, physicalId);
  },
  rollback: async ({ properties, oldProperties, physicalId, log, signal }) => {
    log.warn('rolling back', { properties, oldProperties, password: properties.Password });
    return run(properties.Mode, signal, physicalId);
  },
  delete: async ({ properties, physicalId, log, signal }) => {
    log.info('deleting', { properties, key: secrets.noEchoKey });
    await act(properties?.Mode, signal);
    return succeeded(physicalId);
  },
}) as unknown as RegistryEntry;

/**
 * The forms a secret may take in output: raw, JSON-escaped, URL-encoded, tidied into one line;
 * each of its lines (a stack trace split it); and the start of a long one (something cut it).
 */
function formsOf(secret: string): string[] {
  const lines = secret.includes('\n')
    ? secret
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line.length >= 8)
    : [];
  const start = secret.length > 100 ? [secret.slice(0, 40)] : [];
  return [
    ...new Set([
      secret,
      JSON.stringify(secret).slice(1, -1),
      encodeURIComponent(secret),
      secret.replace(/\s+/g, ' '),
      ...lines,
      ...start,
    ]),
  ];
}

/** A URL query string or a loose signing parameter. */
const urlQuery = /https?:\/\/[^\s"'\\]*\?|X-Amz-(?:Signature|Credential|Security-Token)=/i;

/** Each leak found in a text: the secret's name, or `url-query`. */
function leaksIn(text: string, exclude: readonly string[] = []): string[] {
  const found: string[] = [];
  for (const [name, secret] of Object.entries(secrets)) {
    if (exclude.includes(name)) continue;
    if (formsOf(secret).some((form) => text.includes(form))) found.push(name);
  }
  if (urlQuery.test(text)) found.push('url-query');
  return found;
}

export { canary, ec2, awsError, leaksIn, presigned, secrets, tag };
