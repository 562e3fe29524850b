/**
 * The Secrets Manager service (AWS JSON 1.1, `X-Amz-Target: secretsmanager.<Action>`):
 * GetSecretValue of the current version, and `ResourceNotFoundException` as Secrets Manager
 * words it for a secret, version or staging label it does not have.
 */
import { ApiError } from './errors.js';
import { unimplementedMessage } from './reply.js';
import type { Reply } from './reply.js';
import type { JsonInput } from './sqs.js';
import { errorReply, jsonSuccess } from './wire.js';
import type { World } from './world.js';

const optionalText = (input: JsonInput, name: string): string | undefined =>
  typeof input[name] === 'string' ? (input[name] as string) : undefined;

const getSecretValue = (world: World, input: JsonInput): unknown => {
  const secretId = optionalText(input, 'SecretId');
  if (secretId === undefined || secretId === '') {
    throw new ApiError(
      'ValidationException',
      "1 validation error detected: Value null at 'secretId' failed to satisfy " +
        'constraint: Member must not be null',
    );
  }
  const secret = world.secrets.find(secretId);
  if (!secret)
    throw new ApiError(
      'ResourceNotFoundException',
      "Secrets Manager can't find the specified secret.",
    );
  const versionId = optionalText(input, 'VersionId');
  if (versionId !== undefined && versionId !== secret.versionId)
    throw new ApiError(
      'ResourceNotFoundException',
      `Secrets Manager can't find the specified secret value for VersionId: ${versionId}`,
    );
  const stage = optionalText(input, 'VersionStage');
  if (stage !== undefined && stage !== 'AWSCURRENT')
    throw new ApiError(
      'ResourceNotFoundException',
      `Secrets Manager can't find the specified secret value for staging label: ${stage}`,
    );
  return {
    ARN: secret.arn,
    Name: secret.name,
    VersionId: secret.versionId,
    SecretString: secret.value,
    VersionStages: ['AWSCURRENT'],
    // JSON 1.1 timestamps are epoch seconds.
    CreatedDate: secret.createdDate.getTime() / 1000,
  };
};

const ACTIONS: Readonly<Record<string, (world: World, input: JsonInput) => unknown>> = {
  GetSecretValue: getSecretValue,
};

/** Answers one Secrets Manager JSON request. */
const handleSecretsManager = (
  world: World,
  action: string,
  input: JsonInput,
  requestId: string,
): Reply => {
  const handler = ACTIONS[action];
  if (!handler) {
    return {
      ...errorReply(
        'secretsmanager',
        requestId,
        400,
        'InvalidAction',
        unimplementedMessage('secretsmanager', action),
      ),
      unimplemented: true,
    };
  }
  try {
    return jsonSuccess(requestId, handler(world, input), 'secretsmanager');
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return errorReply('secretsmanager', requestId, error.status, error.code, error.message);
  }
};

export { handleSecretsManager };
