import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MaxResponseUrlLength } from '../../framework/pipeline.js';
import { createHandler } from '../../framework/index.js';
import { lambdaContext, snsEvent, startResponseServer } from '../../framework/testing/index.js';
import type { ResponseServer } from '../../framework/testing/index.js';
import { requestOf } from '../support/events.js';
import { captureLogs } from '../support/logs.js';
import type { LogCapture } from '../support/logs.js';
import { echo } from '../support/test-resources.js';

let server: ResponseServer;
let logs: LogCapture;

beforeEach(async () => {
  server = await startResponseServer();
  logs = captureLogs();
});
afterEach(async () => {
  await server.close();
});

const handler = () =>
  createHandler({ resources: [echo], logSink: logs.sink, responseOrigins: [server.origin] });
const properties = { ServiceToken: 'arn:aws:sns:us-east-1:123456789012:crkit', Value: 'a' };

/** A Create whose ResponseURL, on the test server, is exactly `length` characters long. */
function createWithUrlOf(length: number): Record<string, unknown> {
  const request = requestOf('create', { ResourceProperties: properties }, server.origin);
  const url = `${request.ResponseURL}&pad=`;
  return { ...request, ResponseURL: url.padEnd(length, 'p') };
}

describe(`a ResponseURL longer than ${MaxResponseUrlLength} characters`, () => {
  it(`is answered at exactly ${MaxResponseUrlLength} characters`, async () => {
    await handler()(createWithUrlOf(MaxResponseUrlLength), lambdaContext({ remainingMs: 5000 }));

    expect(server.bodies()).toMatchObject([{ Status: 'SUCCESS' }]);
    expect(logs.records('crkit.rejected')).toEqual([]);
  });

  it('is not answered one character longer; the rejection says why, not quoting it', async () => {
    const request = createWithUrlOf(MaxResponseUrlLength + 1);

    await handler()(request, lambdaContext({ remainingMs: 5000 }));

    expect(server.connections()).toBe(0);
    expect(logs.records('crkit.rejected')).toEqual([
      expect.objectContaining({
        requestId: request.RequestId,
        why: `the ResponseURL is longer than ${MaxResponseUrlLength} characters`,
      }),
    ]);
    expect(JSON.stringify(logs.lines)).not.toContain('pppp');
  });

  it('costs nothing to the other requests of its SNS batch', async () => {
    const long = createWithUrlOf(1_000_000);
    const fine = requestOf('create', { ResourceProperties: properties }, server.origin);

    await handler()(snsEvent([long, fine]), lambdaContext({ remainingMs: 5000 }));

    expect(server.received.map((put) => put.key)).toEqual([fine.RequestId]);
    expect(logs.records('crkit.rejected')).toEqual([
      expect.objectContaining({ requestId: long.RequestId }),
    ]);
  });
});
