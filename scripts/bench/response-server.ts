/**
 * The pre-signed ResponseURL stand-in, run as its own process (S3 is remote: its TLS and HTTP
 * work must not be counted in the measured process): the testing kit's loopback server over https
 * and http, plus what the benchmark needs around it — every PUT checked (the key names the
 * request; the body is a SUCCESS answer for that request, ≤ 4096 bytes) and streamed as one JSON
 * line to `GET /events`; `GET /stats` gives counters; any other call answers 501 and is counted
 * as unexpected (an AWS call the scenario should not make).
 *
 * Run: `node response-server.mjs <cert.pem> <key.pem>`; prints `{"httpsOrigin","httpOrigin"}`
 * and serves until its stdin closes.
 */
import { readFileSync } from 'node:fs';
import type http from 'node:http';
import type { ReceivedPut } from '../../framework/testing/received-put.js';
import { startResponseServer } from '../../framework/testing/response-server.js';

/** One answer as received. */
type AnswerRecord = {
  readonly requestId: string;
  readonly ok: boolean;
  readonly problem: string | undefined;
  readonly physicalId: string | undefined;
  readonly bytes: number;
};

type Stats = {
  tlsConnections: number;
  httpConnections: number;
  answers: number;
  unexpected: string[];
};

const subscribers = new Set<http.ServerResponse>();
const unexpected: string[] = [];

function problemOf(
  key: string[],
  body: Buffer,
  declaredLength: string | undefined,
): string | undefined {
  const [stackId, logicalResourceId, requestId] = key;
  if (key.length !== 3) return 'the key is not <StackId>|<LogicalResourceId>|<RequestId>';
  if (body.length > 4096) return `the body is ${body.length} bytes, over 4096`;
  if (declaredLength !== String(body.length))
    return `Content-Length ${declaredLength} does not match ${body.length} bytes`;
  let answer: Record<string, unknown>;
  try {
    answer = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  } catch {
    return 'the body is not JSON';
  }
  if (answer.Status !== 'SUCCESS')
    return `Status ${String(answer.Status)}: ${String(answer.Reason)}`;
  if (
    answer.RequestId !== requestId ||
    answer.StackId !== stackId ||
    answer.LogicalResourceId !== logicalResourceId
  ) {
    return 'RequestId, StackId or LogicalResourceId does not match the URL';
  }
  const physicalId = answer.PhysicalResourceId;
  if (typeof physicalId !== 'string' || physicalId === '' || physicalId.length > 1024)
    return 'PhysicalResourceId is missing or too long';
  return undefined;
}

function recordOf(put: ReceivedPut): AnswerRecord {
  const key = decodeURIComponent(put.path.split('/').slice(2).join('/')).split('|');
  const problem = problemOf(key, put.body, put.headers['content-length']);
  let physicalId: string | undefined;
  try {
    physicalId = (JSON.parse(put.text) as { PhysicalResourceId?: string }).PhysicalResourceId;
  } catch {
    physicalId = undefined;
  }
  return {
    requestId: key[2] ?? '',
    ok: problem === undefined,
    problem,
    physicalId,
    bytes: put.body.length,
  };
}

async function main(): Promise<void> {
  const [certPath, keyPath] = process.argv.slice(2);
  if (certPath === undefined || keyPath === undefined)
    throw new Error('usage: response-server <cert.pem> <key.pem>');
  let answers = 0;
  const stats = (): Stats => {
    const { http: httpConnections, tls: tlsConnections } = server.connectionCounts();
    return { tlsConnections, httpConnections, answers, unexpected };
  };
  const otherRequests = (request: http.IncomingMessage, response: http.ServerResponse): void => {
    if (request.method === 'GET' && request.url === '/events') {
      response.writeHead(200, { 'content-type': 'application/x-ndjson' });
      response.flushHeaders();
      subscribers.add(response);
      response.on('close', () => subscribers.delete(response));
      return;
    }
    request.resume();
    if (request.method === 'GET' && request.url === '/stats') {
      response.writeHead(200, { 'content-type': 'application/json' });
      return void response.end(JSON.stringify(stats()));
    }
    unexpected.push(
      `${request.method} ${request.url} ${request.headers['x-amz-target'] ?? ''}`.trim(),
    );
    response.writeHead(501, { 'content-type': 'application/json' });
    response.end('{"message":"not implemented by the bench response server"}');
  };
  const server = await startResponseServer({
    tls: { cert: readFileSync(certPath), key: readFileSync(keyPath) },
    keepAliveTimeoutMs: 60_000,
    otherRequests,
    onRequest: (put) => {
      answers += 1;
      const line = `${JSON.stringify(recordOf(put))}\n`;
      for (const subscriber of subscribers) subscriber.write(line);
    },
  });
  process.stdout.write(
    `${JSON.stringify({ httpsOrigin: server.httpsOrigin, httpOrigin: server.origin })}\n`,
  );
  process.stdin.resume();
  process.stdin.on('end', () => process.exit(0));
}

main().catch((error: unknown) => {
  process.stderr.write(`response server failed: ${String(error)}\n`);
  process.exit(1);
});

export type { AnswerRecord, Stats };
