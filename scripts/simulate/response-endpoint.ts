/**
 * CloudFormation's side of the answer: pre-signed-style ResponseURLs on 127.0.0.1 that accept
 * a PUT the way S3 does (403 when the signature is wrong or a Content-Type was sent that the
 * URL was not signed with) and keep every answer received, per request.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';

/** One PUT received on a ResponseURL. */
/**
 * True when every answer to one request tells CloudFormation the same thing: the same status and
 * physical id. A redelivery answered by the container that answered first repeats the very bytes;
 * one answered by another container, after CloudFormation already took the first answer, says
 * so without Data (it may be secret, and nothing proves the URL is CloudFormation's).
 * @example
 * consistentAnswers(endpoint.answersFor(requestId)) // true
 */
function consistentAnswers(answers: readonly ReceivedAnswer[]): boolean {
  const told = (answer: ReceivedAnswer): string => {
    try {
      const { Status, PhysicalResourceId } = JSON.parse(answer.text) as { Status?: unknown; PhysicalResourceId?: unknown };
      return JSON.stringify([Status, PhysicalResourceId]);
    } catch {
      return answer.sha256;
    }
  };
  return new Set(answers.map(told)).size <= 1;
}

type ReceivedAnswer = {
  readonly requestId: string;
  /** Epoch ms of arrival. */
  readonly at: number;
  readonly bytes: number;
  readonly sha256: string;
  readonly text: string;
  /** The HTTP status the endpoint gave back. */
  readonly httpStatus: number;
  /** Why the PUT was refused, when it was. */
  readonly refused: string | undefined;
};

/** A running endpoint. */
type ResponseEndpoint = {
  /** `http://127.0.0.1:<port>`, for CRKIT_RESPONSE_ORIGINS. */
  readonly origin: string;
  /** A new pre-signed-style URL for one request. */
  urlFor(target: { readonly stackId: string; readonly logicalResourceId: string; readonly requestId: string }): string;
  /** Every accepted or refused PUT for a request, in arrival order. */
  answersFor(requestId: string): readonly ReceivedAnswer[];
  /** Resolves with the first accepted answer after `index` answers, or undefined when `signal` fires. */
  nextAnswer(requestId: string, index: number, signal: AbortSignal): Promise<ReceivedAnswer | undefined>;
  close(): Promise<void>;
};

const prefix = '/cloudformation-custom-resource-response-local/';

function refusal(method: string, contentType: string | undefined, signed: boolean): string | undefined {
  if (method !== 'PUT') return `${method} is not allowed on a pre-signed PUT URL`;
  if (!signed) return 'SignatureDoesNotMatch: the URL was altered or not issued by this endpoint';
  if (contentType !== undefined && contentType !== '') return `SignatureDoesNotMatch: Content-Type "${contentType}" was not part of the signature`;
  return undefined;
}

/**
 * Starts the endpoint on 127.0.0.1.
 * @example
 * const endpoint = await startResponseEndpoint();
 * const url = endpoint.urlFor({ stackId, logicalResourceId: 'Group', requestId });
 */
async function startResponseEndpoint(): Promise<ResponseEndpoint> {
  const secret = randomBytes(16);
  const received = new Map<string, ReceivedAnswer[]>();
  const wakers = new Set<() => void>();
  const sockets = new Set<Socket>();
  const sign = (path: string) => createHmac('sha256', secret).update(path).digest('hex');
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const requestId = decodeURIComponent(url.pathname.slice(prefix.length)).split('|').at(-1) ?? '';
      const signed = url.pathname.startsWith(prefix) && url.searchParams.get('X-Amz-Signature') === sign(url.pathname);
      const refused = refusal(request.method ?? '', request.headers['content-type'], signed);
      const body = Buffer.concat(chunks);
      const httpStatus = refused === undefined ? 200 : 403;
      const answer = { requestId, at: Date.now(), bytes: body.length, sha256: createHash('sha256').update(body).digest('hex'), text: body.toString('utf8'), httpStatus, refused };
      received.set(requestId, [...(received.get(requestId) ?? []), answer]);
      wakers.forEach((wake) => wake());
      response.writeHead(httpStatus, { 'x-amz-request-id': randomBytes(8).toString('hex').toUpperCase() });
      response.end(refused === undefined ? '' : `<Error><Code>SignatureDoesNotMatch</Code><Message>${refused}</Message></Error>`);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const answersFor = (requestId: string) => received.get(requestId) ?? [];
  return {
    origin,
    urlFor: ({ stackId, logicalResourceId, requestId }) => {
      const path = `${prefix}${encodeURIComponent(`${stackId}|${logicalResourceId}|${requestId}`)}`;
      const date = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
      const credential = encodeURIComponent(`AKIALOCALSIMULATOR00/${date.slice(0, 8)}/us-east-1/s3/aws4_request`);
      return `${origin}${path}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=${date}&X-Amz-SignedHeaders=host&X-Amz-Expires=7200&X-Amz-Credential=${credential}&X-Amz-Signature=${sign(path)}`;
    },
    answersFor,
    nextAnswer: (requestId, index, signal) =>
      new Promise((resolve) => {
        const check = () => {
          const found = answersFor(requestId).slice(index).find((answer) => answer.refused === undefined);
          if (found === undefined && !signal.aborted) return;
          wakers.delete(check);
          resolve(found);
        };
        wakers.add(check);
        signal.addEventListener('abort', check, { once: true });
        check();
      }),
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      sockets.forEach((socket) => socket.destroy());
      await closed;
    },
  };
}

export { consistentAnswers, startResponseEndpoint };
export type { ReceivedAnswer, ResponseEndpoint };
