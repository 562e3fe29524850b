import { describe, expect, it } from 'vitest';
import { readConfig } from '../../framework/config.js';

describe('readConfig', () => {
  it('has the documented defaults', () => {
    expect(readConfig({})).toEqual({
      responseOrigins: [],
      logLevel: 'info',
      continuationQueueUrl: undefined,
      continuationQueueArn: undefined,
      continuationSecretArn: undefined,
      auditTopicArn: undefined,
      metricsNamespace: 'crkit',
      problems: [],
    });
  });

  it(
    'normalises origins the way the URL parser writes them, so every spelling of one ' +
      'origin matches',
    () => {
      const config = readConfig({
        CRKIT_RESPONSE_ORIGINS:
          'HTTP://127.0.0.1:8080/, https://Example.COM:443, http://localhost:80',
      });

      expect(config.responseOrigins).toEqual([
        'http://127.0.0.1:8080',
        'https://example.com',
        'http://localhost',
      ]);
      expect(config.problems).toEqual([]);
    },
  );

  it.each([
    '127.0.0.1:8080',
    'ftp://127.0.0.1',
    'http://127.0.0.1/responses',
    'http://u:p@127.0.0.1',
    'http://127.0.0.1?x=1',
    'blob:http://127.0.0.1',
  ])('names %s as a problem without quoting it, and keeps the other origins', (entry) => {
    const config = readConfig({ CRKIT_RESPONSE_ORIGINS: `http://127.0.0.1:9,${entry}` });

    expect(config.responseOrigins).toEqual(['http://127.0.0.1:9']);
    expect(config.problems).toEqual([
      'entry 2 of CRKIT_RESPONSE_ORIGINS is not an http(s) origin (scheme://host[:port], ' +
        'nothing after it)',
    ]);
  });

  it('reads every variable, trimming and splitting lists', () => {
    const config = readConfig({
      CRKIT_RESPONSE_ORIGINS: ' http://127.0.0.1:8080, http://localhost:9 ,',
      CRKIT_LOG_LEVEL: 'DEBUG',
      CRKIT_CONTINUATION_QUEUE_URL:
        'https://sqs.us-east-1.amazonaws.com/123456789012/crkit-continue',
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
