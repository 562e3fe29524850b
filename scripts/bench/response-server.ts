/**
 * The pre-signed ResponseURL stand-in, run as its own process (S3 is remote: its TLS and HTTP
 * work must not be counted in the measured process). It listens on 127.0.0.1 over https and
 * http, checks every PUT the way the benchmark needs (the key names the request; the body is a
 * SUCCESS answer for that request, ≤ 4096 bytes), answers 200 like S3, and streams one JSON line
 * per answer to `GET /events`. `GET /stats` gives counters; any other call answers 501 and is
 * counted as unexpected (an AWS call the scenario should not make).
 *
 * Run: `node response-server.mjs <cert.pem> <key.pem>`; prints `{"httpsOrigin","httpOrigin"}`
 * and serves until its stdin closes.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

/** One answer as received. */
type AnswerRecord = {
  readonly requestId: string;
  readonly ok: boolean;
  readonly problem: string | undefined;
  readonly physicalId: string | undefined;
  readonly bytes: number;
};

type Stats = { tlsConnections: number; httpConnections: number; answers: number; unexpected: string[] };

const stats: Stats = { tlsConnections: 0, httpConnections: 0, answers: 0, unexpected: [] };
const subscribers = new Set<http.ServerResponse>();

function problemOf(key: string[], body: Buffer, declaredLength: string | undefined): string | undefined {
  const [stackId, logicalResourceId, requestId] = key;
  if (key.length !== 3) return 'the key is not <StackId>|<LogicalResourceId>|<RequestId>';
  if (body.length > 4096) return `the body is ${body.length} bytes, over 4096`;
  if (declaredLength !== String(body.length)) return `Content-Length ${declaredLength} does not match ${body.length} bytes`;
  let answer: Record<string, unknown>;
  try {
    answer = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  } catch {
    return 'the body is not JSON';
  }
  if (answer.Status !== 'SUCCESS') return `Status ${String(answer.Status)}: ${String(answer.Reason)}`;
  if (answer.RequestId !== requestId || answer.StackId !== stackId || answer.LogicalResourceId !== logicalResourceId) {
    return 'RequestId, StackId or LogicalResourceId does not match the URL';
  }
  const physicalId = answer.PhysicalResourceId;
  if (typeof physicalId !== 'string' || physicalId === '' || physicalId.length > 1024) return 'PhysicalResourceId is missing or too long';
  return undefined;
}

function recordAnswer(request: http.IncomingMessage, body: Buffer): AnswerRecord {
  const path = new URL(request.url ?? '/', 'http://x').pathname.split('/');
  const key = decodeURIComponent(path.slice(2).join('/')).split('|');
  const problem = problemOf(key, body, request.headers['content-length']);
  let physicalId: string | undefined;
  try {
    physicalId = (JSON.parse(body.toString('utf8')) as { PhysicalResourceId?: string }).PhysicalResourceId;
  } catch {
    physicalId = undefined;
  }
  return { requestId: key[2] ?? '', ok: problem === undefined, problem, physicalId, bytes: body.length };
}

function answerLikeS3(response: http.ServerResponse): void {
  response.writeHead(200, {
    'x-amz-id-2': 'cHVyZWx5IGZha2UgaG9zdCBpZCBmb3IgdGhlIGJlbmNo',
    'x-amz-request-id': 'B3NCHF4K3R3QU35T',
    date: new Date().toUTCString(),
    etag: '"d41d8cd98f00b204e9800998ecf8427e"',
    server: 'AmazonS3',
    'content-length': '0',
  });
  response.end();
}

function serve(request: http.IncomingMessage, response: http.ServerResponse): void {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    if (request.method === 'PUT') {
      stats.answers += 1;
      const line = `${JSON.stringify(recordAnswer(request, Buffer.concat(chunks)))}\n`;
      for (const subscriber of subscribers) subscriber.write(line);
      return answerLikeS3(response);
    }
    if (request.method === 'GET' && request.url === '/events') {
      response.writeHead(200, { 'content-type': 'application/x-ndjson' });
      response.flushHeaders();
      subscribers.add(response);
      response.on('close', () => subscribers.delete(response));
      return;
    }
    if (request.method === 'GET' && request.url === '/stats') {
      response.writeHead(200, { 'content-type': 'application/json' });
      return void response.end(JSON.stringify(stats));
    }
    stats.unexpected.push(`${request.method} ${request.url} ${request.headers['x-amz-target'] ?? ''}`.trim());
    response.writeHead(501, { 'content-type': 'application/json' });
    response.end('{"message":"not implemented by the bench response server"}');
  });
}

function listen(server: http.Server | https.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

async function main(): Promise<void> {
  const [certPath, keyPath] = process.argv.slice(2);
  if (certPath === undefined || keyPath === undefined) throw new Error('usage: response-server <cert.pem> <key.pem>');
  const secure = https.createServer({ cert: readFileSync(certPath), key: readFileSync(keyPath), keepAliveTimeout: 60_000 }, serve);
  secure.on('secureConnection', () => (stats.tlsConnections += 1));
  const plain = http.createServer({ keepAliveTimeout: 60_000 }, serve);
  plain.on('connection', () => (stats.httpConnections += 1));
  const [httpsPort, httpPort] = await Promise.all([listen(secure), listen(plain)]);
  process.stdout.write(`${JSON.stringify({ httpsOrigin: `https://127.0.0.1:${httpsPort}`, httpOrigin: `http://127.0.0.1:${httpPort}` })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => process.exit(0));
}

main().catch((error: unknown) => {
  process.stderr.write(`response server failed: ${String(error)}\n`);
  process.exit(1);
});

export type { AnswerRecord, Stats };
