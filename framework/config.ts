/**
 * Every environment variable crkit reads, read in this one place. A setting that cannot be
 * right is not silently ignored: it is named in `problems`, which the handler logs once and
 * answers every request with. `readConfig` is public: `crkit/aws` reads its settings through it.
 */

/** Log levels in increasing severity. */
const LogLevels = ['debug', 'info', 'warn', 'error'] as const;
type LogLevel = (typeof LogLevels)[number];

/** crkit's settings, resolved once from the environment. */
type CrkitConfig = {
  /**
   * Extra origins a ResponseURL may point to, besides https S3 (`CRKIT_RESPONSE_ORIGINS`),
   * normalised (`HTTP://Host:80/` → `http://host`). @default []
   */
  readonly responseOrigins: readonly string[];
  /** Lowest level written (`CRKIT_LOG_LEVEL`). @default 'info' */
  readonly logLevel: LogLevel;
  /** SQS delay queue for long operations (`CRKIT_CONTINUATION_QUEUE_URL`). @default undefined */
  readonly continuationQueueUrl: string | undefined;
  /**
   * That queue's ARN (`CRKIT_CONTINUATION_QUEUE_ARN`): SQS records from any other source are
   * refused. @default undefined
   */
  readonly continuationQueueArn: string | undefined;
  /**
   * Secrets Manager secret holding the key continuation messages are signed with
   * (`CRKIT_CONTINUATION_SECRET_ARN`). @default undefined
   */
  readonly continuationSecretArn: string | undefined;
  /**
   * SNS topic that receives a copy of each signal record (`CRKIT_AUDIT_TOPIC_ARN`). @default
   * undefined
   */
  readonly auditTopicArn: string | undefined;
  /**
   * The EventBridge rule whose scheduled events start the drift check (`CRKIT_DRIFT_SCHEDULE_ARN`);
   * any other scheduled event is rejected. @default undefined: none is accepted
   */
  readonly driftScheduleArn: string | undefined;
  /**
   * The ServiceToken templates use to reach this handler (`CRKIT_SERVICE_TOKEN`), so the drift
   * check skips other handlers' resources. @default undefined
   */
  readonly serviceToken: string | undefined;
  /**
   * CloudWatch namespace of the EMF answer metrics (`CRKIT_METRICS_NAMESPACE`); `off` writes none.
   * @default 'crkit'
   */
  readonly metricsNamespace: string | undefined;
  /** What is wrong with the settings, in words that never quote a value. @default [] */
  readonly problems: readonly string[];
};

type Env = Readonly<Record<string, string | undefined>>;

function listFrom(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/**
 * An origin in the form the URL parser gives (`scheme://host[:port]`, lower case, default port
 * dropped), or undefined when the text is not an http(s) origin (a path, query or credentials).
 * @example
 * normaliseOrigin('HTTP://127.0.0.1:80/') // 'http://127.0.0.1'
 */
function normaliseOrigin(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (
    url.username !== '' ||
    url.password !== '' ||
    url.pathname !== '/' ||
    url.search !== '' ||
    url.hash !== ''
  )
    return undefined;
  return url.origin;
}

/** The origins, normalised, and a problem per entry that is not one. */
function originsFrom(
  entries: readonly string[],
  source: string,
): { readonly origins: string[]; readonly problems: string[] } {
  const origins: string[] = [];
  const problems: string[] = [];
  entries.forEach((entry, index) => {
    const origin = normaliseOrigin(entry);
    if (origin === undefined)
      problems.push(
        `entry ${index + 1} of ${source} is not an http(s) origin (scheme://host[:port], ` +
          `nothing after it)`,
      );
    else origins.push(origin);
  });
  return { origins, problems };
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
  const { origins, problems } = originsFrom(
    listFrom(env.CRKIT_RESPONSE_ORIGINS),
    'CRKIT_RESPONSE_ORIGINS',
  );
  return {
    responseOrigins: origins,
    logLevel: logLevelFrom(env.CRKIT_LOG_LEVEL),
    continuationQueueUrl: optionalFrom(env.CRKIT_CONTINUATION_QUEUE_URL),
    continuationQueueArn: optionalFrom(env.CRKIT_CONTINUATION_QUEUE_ARN),
    continuationSecretArn: optionalFrom(env.CRKIT_CONTINUATION_SECRET_ARN),
    auditTopicArn: optionalFrom(env.CRKIT_AUDIT_TOPIC_ARN),
    metricsNamespace: namespaceFrom(env.CRKIT_METRICS_NAMESPACE),
    driftScheduleArn: optionalFrom(env.CRKIT_DRIFT_SCHEDULE_ARN),
    serviceToken: optionalFrom(env.CRKIT_SERVICE_TOKEN),
    problems,
  };
}

export { LogLevels, originsFrom, readConfig };
export type { CrkitConfig, LogLevel };
