/**
 * Tells the protocols apart on one port: SQS by `X-Amz-Target: AmazonSQS.*` (JSON 1.0),
 * Secrets Manager by `X-Amz-Target: secretsmanager.*` (JSON 1.1), EC2 and CloudFormation by
 * the Query `Version`, falling back to the SigV4 credential scope.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { parseQuery } from './query.js';
import type { JsonService, Service } from './wire.js';

/** A request with its service and action known, or `unknown`. */
type Routed = {
  readonly service: Service | 'unknown';
  readonly action: string;
  readonly params: Readonly<Record<string, unknown>>;
  /** Set when the body could not be read for the service's protocol. */
  readonly problem?: string;
};

const VERSIONS: Readonly<Record<string, Service>> = {
  '2016-11-15': 'ec2',
  '2010-05-15': 'cloudformation',
  '2012-11-05': 'sqs',
};

/**
 * The service named in `Authorization: AWS4-HMAC-SHA256
 * Credential=AK/date/region/<service>/aws4_request`. No part of a credential's scope holds `=`, so
 * no part can run into the next `Credential=`: linear.
 */
const signingService = (headers: IncomingHttpHeaders): string | undefined =>
  /Credential=[^/=]+\/[^/=]+\/[^/=]+\/([^/=]+)\/aws4_request/.exec(
    headers.authorization ?? '',
  )?.[1];

/** The `X-Amz-Target` prefix and the Content-Type of each JSON service. */
const JSON_TARGETS: readonly {
  readonly service: JsonService;
  readonly prefix: string;
  readonly contentType: string;
}[] = [
  { service: 'sqs', prefix: 'AmazonSQS.', contentType: 'application/x-amz-json-1.0' },
  {
    service: 'secretsmanager',
    prefix: 'secretsmanager.',
    contentType: 'application/x-amz-json-1.1',
  },
];

const routeJson = (
  service: JsonService,
  action: string,
  body: string,
  problem?: string,
): Routed => {
  try {
    const parsed: unknown = JSON.parse(body === '' ? '{}' : body);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error('not an object');
    return {
      service,
      action,
      params: parsed as Record<string, unknown>,
      ...(problem === undefined ? {} : { problem }),
    };
  } catch {
    return { service, action, params: {}, problem: 'The request body is not a JSON object.' };
  }
};

/**
 * Works out service, action and parameters of one AWS request (method and path name unknown ones).
 */
const route = (headers: IncomingHttpHeaders, body: string, method = 'POST', path = '/'): Routed => {
  const target = String(headers['x-amz-target'] ?? '');
  const json = JSON_TARGETS.find((entry) => target.startsWith(entry.prefix));
  if (json !== undefined) {
    const contentType = String(headers['content-type'] ?? '');
    const problem =
      json.service === 'secretsmanager' && !contentType.startsWith(json.contentType)
        ? `The stand-in serves Secrets Manager only over AWS JSON 1.1 (Content-Type ` +
          `${json.contentType}).`
        : undefined;
    return routeJson(json.service, target.slice(json.prefix.length), body, problem);
  }
  const params = parseQuery(body);
  const scope = signingService(headers);
  const action = params.Action ?? `${scope ?? 'unsigned'} ${method} ${path}`;
  const byVersion = VERSIONS[params.Version ?? ''];
  const byScope =
    scope === 'ec2' || scope === 'cloudformation' || scope === 'sqs' ? scope : undefined;
  const service = byVersion ?? byScope ?? 'unknown';
  if (service === 'sqs')
    return {
      service,
      action,
      params,
      problem: 'The stand-in serves SQS only over AWS JSON 1.0 (X-Amz-Target).',
    };
  return { service, action, params };
};

export { route, signingService };
export type { Routed };
