/**
 * The environment of a measured process: what Lambda's Node.js runtime sets, fake
 * documentation-style credentials, every AWS endpoint on 127.0.0.1, the bench certificate as an
 * extra CA, and the loopback ResponseURL origin allowed. Nothing is inherited but PATH, so no
 * NODE_OPTIONS or real credentials leak in.
 */

type LambdaEnvOptions = {
  readonly caCert: string;
  /** The https origin answers are PUT to. */
  readonly responseOrigin: string;
  /** Where AWS SDK calls go. */
  readonly awsEndpoint: string;
};

/**
 * Builds the environment.
 * @example
 * spawn(process.execPath, [runner], { env: lambdaEnv({ caCert, responseOrigin, awsEndpoint }) });
 */
function lambdaEnv(options: LambdaEnvOptions): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    AWS_LAMBDA_FUNCTION_NAME: 'crkit-bench-handler',
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128',
    AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/crkit-bench-handler',
    AWS_LAMBDA_LOG_STREAM_NAME: '2026/11/27/[$LATEST]0123456789abcdef0123456789abcdef',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    _HANDLER: 'handler.handler',
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_SESSION_TOKEN: 'bench-fake-session-token',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ENDPOINT_URL: options.awsEndpoint,
    // Lambda's nodejs24.x would not print the SDK's Node 20 end-of-support warning.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    NODE_EXTRA_CA_CERTS: options.caCert,
    CRKIT_RESPONSE_ORIGINS: options.responseOrigin,
  };
}

export { lambdaEnv };
export type { LambdaEnvOptions };
