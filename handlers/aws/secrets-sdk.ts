/**
 * The part of `@aws-sdk/client-secrets-manager` the continuation key uses, named one by one so
 * the bundler keeps only these (see ec2-sdk.ts).
 */
export { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
