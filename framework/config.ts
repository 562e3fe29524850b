/**
 * Every environment variable crkit reads, read in this one place (style rule 16).
 * @internal
 */

/** Log levels in increasing severity. */
const LogLevels = ['debug', 'info', 'warn', 'error'] as const;
type LogLevel = (typeof LogLevels)[number];

/** crkit's settings, resolved once from the environment. */
type CrkitConfig = {
  /** Extra origins a ResponseURL may point to, besides https S3 (`CRKIT_RESPONSE_ORIGINS`). @default [] */
  readonly responseOrigins: readonly string[];
  /** Lowest level written (`CRKIT_LOG_LEVEL`). @default 'info' */
  readonly logLevel: LogLevel;
  /** SQS delay queue for long operations (`CRKIT_CONTINUATION_QUEUE_URL`). @default undefined */
  readonly continuationQueueUrl: string | undefined;
  /** SNS topic that receives a copy of each signal record (`CRKIT_AUDIT_TOPIC_ARN`). @default undefined */
  readonly auditTopicArn: string | undefined;
  /** CloudWatch namespace of the EMF answer metrics (`CRKIT_METRICS_NAMESPACE`); `off` writes none. @default 'crkit' */
  readonly metricsNamespace: string | undefined;
};

type Env = Readonly<Record<string, string | undefined>>;

function listFrom(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

function optionalFrom(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

function logLevelFrom(value: string | undefined): LogLevel {
  const wanted = value?.trim().toLowerCase();
  return LogLevels.find((level) => level === wanted) ?? 'info';
}

function namespaceFrom(value: string | undefined): string | undefined {
  const chosen = optionalFrom(value) ?? 'crkit';
  return chosen.toLowerCase() === 'off' ? undefined : chosen;
}

/**
 * Reads crkit's settings from an environment (the process's by default).
 * @example
 * const config = readConfig({ CRKIT_LOG_LEVEL: 'debug' });
 */
function readConfig(env: Env = process.env): CrkitConfig {
  return {
    responseOrigins: listFrom(env.CRKIT_RESPONSE_ORIGINS),
    logLevel: logLevelFrom(env.CRKIT_LOG_LEVEL),
    continuationQueueUrl: optionalFrom(env.CRKIT_CONTINUATION_QUEUE_URL),
    auditTopicArn: optionalFrom(env.CRKIT_AUDIT_TOPIC_ARN),
    metricsNamespace: namespaceFrom(env.CRKIT_METRICS_NAMESPACE),
  };
}

export { readConfig, LogLevels };
export type { CrkitConfig, LogLevel };
