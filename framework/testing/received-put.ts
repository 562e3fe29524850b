/**
 * One request received by the loopback ResponseURL server, as recorded.
 */
import type { IncomingHttpHeaders } from 'node:http';

/** A request as the server received it and what it answered. */
type ReceivedPut = {
  /** The request it answers: the RequestId in the URL's key. */
  readonly key: string;
  readonly method: string;
  /** Path and query, as sent. */
  readonly url: string;
  /** Path only. */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly rawHeaders: readonly string[];
  /** The exact body bytes. */
  readonly body: Buffer;
  /** The body as UTF-8 text. */
  readonly text: string;
  /** Epoch ms of arrival. */
  readonly at: number;
  /** The status answered, or `'reset'` when the connection was dropped. */
  readonly status: number | 'reset';
  /** Why the request was refused with 403 (bad signature, unsigned Content-Type, not a PUT). */
  readonly refused: string | undefined;
  /** True when it came over TLS. */
  readonly secure: boolean;
};

export type { ReceivedPut };
