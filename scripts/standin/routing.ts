/**
 * Tells the protocols apart on one port: SQS by `X-Amz-Target: AmazonSQS.*` (JSON 1.0),
 * EC2 and CloudFormation by the Query `Version`, falling back to the SigV4 credential scope.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { parseQuery } from './query.js';
import type { Service } from './wire.js';

/** A request with its service and action known, or `unknown`. */
type Routed = {
  readonly service: Service | 'unknown';
  readonly action: string;
  readonly params: Readonly<Record<string, unknown>>;
  /** Set when the body could not be read for the service's protocol. */
  readonly problem?: string;
};

const VERSIONS: Readonly<Record<string, Service>> = { '2016-11-15': 'ec2', '2010-05-15': 'cloudformation', '2012-11-05': 'sqs' };

/**
 * The service named in `Authorization: AWS4-HMAC-SHA256 Credential=AK/date/region/<service>/aws4_request`.
 * No part of a credential's scope holds `=`, so no part can run into the next `Credential=`: linear.
 */
const signingService = (headers: IncomingHttpHeaders): string | undefined =>
  /Credential=[^/=]+\/[^/=]+\/[^/=]+\/([^/=]+)\/aws4_request/.exec(headers.authorization ?? '')?.[1];

const routeJson = (target: string, body: string): Routed => {
  const action = target.slice('AmazonSQS.'.length);
  try {
    const parsed: unknown = JSON.parse(body === '' ? '{}' : body);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    return { service: 'sqs', action, params: parsed as Record<string, unknown> };
  } catch {
    return { service: 'sqs', action, params: {}, problem: 'The request body is not a JSON object.' };
  }
};

/** Works out service, action and parameters of one AWS request (method and path name unknown ones). */
const route = (headers: IncomingHttpHeaders, body: string, method = 'POST', path = '/'): Routed => {
  const target = String(headers['x-amz-target'] ?? '');
  if (target.startsWith('AmazonSQS.')) return routeJson(target, body);
  const params = parseQuery(body);
  const scope = signingService(headers);
  const action = params['Action'] ?? `${scope ?? 'unsigned'} ${method} ${path}`;
  const byVersion = VERSIONS[params['Version'] ?? ''];
  const byScope = scope === 'ec2' || scope === 'cloudformation' || scope === 'sqs' ? scope : undefined;
  const service = byVersion ?? byScope ?? 'unknown';
  if (service === 'sqs') return { service, action, params, problem: 'The stand-in serves SQS only over AWS JSON 1.0 (X-Amz-Target).' };
  return { service, action, params };
};

export { route, signingService };
export type { Routed };
