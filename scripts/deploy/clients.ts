/**
 * AWS clients for the deploy, from the SDK's standard credential chain. `--profile` becomes the
 * client `profile` option (shared config and credentials files, SSO included); without it the chain
 * reads the environment, AWS_PROFILE, SSO, or an instance or task role.
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { S3Client } from '@aws-sdk/client-s3';

/** The clients the deploy uses; tests pass their own. */
type DeployClients = { readonly cloudformation: CloudFormationClient; readonly s3: S3Client };

/**
 * Creates the clients for a region and an optional profile.
 * @example
 * const clients = createClients({ region: 'eu-west-1', profile: 'ops' });
 */
function createClients(target: { region: string; profile: string | undefined }): DeployClients {
  const config =
    target.profile === undefined
      ? { region: target.region }
      : { region: target.region, profile: target.profile };
  return { cloudformation: new CloudFormationClient(config), s3: new S3Client(config) };
}

export { createClients };
export type { DeployClients };
