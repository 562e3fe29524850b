import { describe, expect, it } from 'vitest';
import { readConfig } from '../../framework/config.js';

describe('readConfig', () => {
  it('has the documented defaults', () => {
    expect(readConfig({})).toEqual({ responseOrigins: [], logLevel: 'info', continuationQueueUrl: undefined, auditTopicArn: undefined, metricsNamespace: 'crkit' });
  });

  it('reads every variable, trimming and splitting lists', () => {
    const config = readConfig({
      CRKIT_RESPONSE_ORIGINS: ' http://127.0.0.1:8080, http://localhost:9 ,',
      CRKIT_LOG_LEVEL: 'DEBUG',
      CRKIT_CONTINUATION_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/crkit-continue',
      CRKIT_AUDIT_TOPIC_ARN: ' ',
    });

    expect(config).toMatchObject({
      responseOrigins: ['http://127.0.0.1:8080', 'http://localhost:9'],
      logLevel: 'debug',
      continuationQueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/crkit-continue',
      auditTopicArn: undefined,
    });
  });

  it('falls back to info for an unknown log level', () => {
    expect(readConfig({ CRKIT_LOG_LEVEL: 'verbose' }).logLevel).toBe('info');
  });
});
