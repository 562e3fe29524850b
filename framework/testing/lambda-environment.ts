/**
 * The environment Lambda's Node.js runtime gives a function: only what the runtime sets, plus the
 * function's own variables.
 */

/**
 * A Lambda-like environment for a child process.
 * @example
 * const env = lambdaEnvironment({ CRKIT_RESPONSE_ORIGINS: server.origin });
 * startLambdaProcess({ bundle, env });
 */
function lambdaEnvironment(
  own: Readonly<Record<string, string>>,
  functionName = 'crkit-handler',
): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    TZ: ':UTC',
    LANG: 'en_US.UTF-8',
    AWS_LAMBDA_FUNCTION_NAME: functionName,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_EC2_METADATA_DISABLED: 'true',
    ...own,
  };
}

export { lambdaEnvironment };
