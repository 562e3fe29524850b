/**
 * fast-check arbitraries for the fuzz run: CloudFormation requests for the test bundle's resource
 * types, each mutated in random ways (fields dropped or mistyped, odd strings and lone surrogates,
 * huge properties, properties nested up to 1,000 deep (the matrix sends 6,000), unknown types,
 * unusable ResponseURLs of every scheme), carrying planted secrets; a tenth of them forged (not
 * sent by CloudFormation). Each item knows its endpoint key and whether it can be answered, so the
 * run can count PUTs per request.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { ResponseServer } from '../../../framework/testing/index.js';
import { serviceToken } from './requests.js';

/**
 * One generated request: what to send and what must come of it. `forged` requests are not
 * CloudFormation's (its view never hears of them); the others are sent as CloudFormation would.
 */
type FuzzItem = {
  readonly request: Record<string, unknown> | string;
  readonly key: string;
  readonly answerable: boolean;
  readonly forged: boolean;
};

const oddString = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    '',
    ' ',
    'null',
    'true',
    '0',
    '-1',
    '1e309',
    'ü🦊',
    '\u0000',
    '\u2028',
    '{"a":1}',
    '${AWS::Region}',
  ),
  fc.string({ minLength: 1500, maxLength: 3000 }),
);
const oddValue = fc.oneof(
  oddString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(oddString, { maxLength: 3 }),
  fc.dictionary(oddString, oddString, { maxKeys: 3 }),
);

const fastKinds = [
  'error',
  'type-error',
  'string',
  'undefined',
  'null',
  'object',
  'number',
  'resource-error',
  'aws-error',
  'returns-nothing',
  'returns-garbage',
  'huge-reason',
  'huge-data',
  'empty-physical-id',
  'in-progress',
  'failed-with-secret',
];

const properties = (secret: string) =>
  fc.record(
    {
      Kind: fc.oneof(fc.constantFrom(...fastKinds), oddString),
      Value: oddValue,
      Count: fc.oneof(fc.integer({ min: -5, max: 120 }).map(String), oddValue),
      Flag: fc.oneof(fc.constantFrom('true', 'FALSE', 'yes'), oddValue),
      Name: oddString,
      Nested: fc.oneof(
        fc.dictionary(fc.string({ maxLength: 5 }), oddValue, { maxKeys: 4 }),
        oddValue,
      ),
      Extra: oddValue,
      Secret: fc.constant(secret),
      ServiceTimeout: fc.constantFrom('60', '600', 'x'),
    },
    { requiredKeys: ['Secret'] },
  );

type UrlChoice = 'usable' | 'upper-case' | 'missing' | 'metadata' | 'garbage' | 'scheme';

/** Schemes that are not http(s), each wrapping the endpoint's own (allowed) URL where it can. */
const otherSchemes = [
  'blob:',
  'data:text/plain,',
  'file://',
  'ftp://',
  'ws://',
  'wss://',
  'javascript:',
  'view-source:',
  'jar:',
  'gopher://',
];

function responseUrl(
  choice: UrlChoice,
  endpoint: ResponseServer,
  key: string,
  scheme: string,
): unknown {
  if (choice === 'usable') return endpoint.urlFor({ requestId: key });
  // The URL parser lower-cases the scheme and host: still the allowed origin, still answerable.
  if (choice === 'upper-case')
    return endpoint.urlFor({ requestId: key }).replace(/^http:/, 'HTTP:');
  if (choice === 'metadata') return `http://169.254.169.254/latest/${key}?X-Amz-Signature=x`;
  if (choice === 'garbage') return key;
  if (choice === 'scheme') {
    const url = endpoint.urlFor({ requestId: key });
    return `${scheme}${scheme.endsWith('//') ? url.replace(/^http:\/\//, '') : url}`;
  }
  return undefined;
}

/** Properties nested this deep (0: not at all); deeper than 31 levels is refused as malformed. */
function nestedTo(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let level = 0; level < depth; level += 1) value = { deeper: value };
  return value;
}

const idTooLong = (value: unknown) => typeof value === 'string' && value.length > 1024;

/** Mutations applied to an otherwise valid request. */
const mutation = fc.record({
  requestType: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('Create', 'Update', 'Delete') },
    { weight: 1, arbitrary: oddValue },
  ),
  resourceType: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('Custom::E2eEcho', 'Custom::E2eThrow') },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'Custom::E2eLoadRejects',
        'Custom::Nope',
        'AWS::CloudFormation::CustomResource',
      ),
    },
    { weight: 1, arbitrary: oddValue },
  ),
  drop: fc.subarray([
    'RequestId',
    'StackId',
    'LogicalResourceId',
    'ResourceProperties',
    'PhysicalResourceId',
    'OldResourceProperties',
  ]),
  retype: fc.dictionary(
    fc.constantFrom(
      'RequestId',
      'StackId',
      'LogicalResourceId',
      'PhysicalResourceId',
      'ResourceProperties',
    ),
    oddValue,
    { maxKeys: 2 },
  ),
  url: fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom<UrlChoice>('usable', 'usable', 'upper-case') },
    {
      weight: 2,
      arbitrary: fc.constantFrom<UrlChoice>('missing', 'metadata', 'garbage', 'scheme'),
    },
  ),
  scheme: fc.constantFrom(...otherSchemes),
  depth: fc.oneof(
    { weight: 8, arbitrary: fc.constant(0) },
    { weight: 1, arbitrary: fc.integer({ min: 28, max: 36 }) },
    { weight: 1, arbitrary: fc.integer({ min: 100, max: 1000 }) },
  ),
  forged: fc.oneof(
    { weight: 9, arbitrary: fc.constant(false) },
    { weight: 1, arbitrary: fc.constant(true) },
  ),
  via: fc.constantFrom('direct', 'sns', 'sns-truncated'),
});

/**
 * One generated request and what must come of it.
 * @example
 * fc.sample(fuzzItem(endpoint, 'secret'), 1)
 */
function fuzzItem(
  endpoint: ResponseServer,
  secret: string,
): fc.Arbitrary<FuzzItem & { readonly via: string }> {
  return fc.tuple(mutation, properties(secret), properties(secret)).map(([m, props, oldProps]) => {
    const key = randomUUID();
    const request: Record<string, unknown> = {
      RequestType: m.requestType,
      ServiceToken: serviceToken,
      ResponseURL: responseUrl(m.url, endpoint, key, m.scheme),
      StackId: `arn:aws:cloudformation:us-east-1:123456789012:stack/fuzz/${key}`,
      RequestId: key,
      LogicalResourceId: 'Fuzzed',
      ResourceType: m.resourceType,
      ResourceProperties: {
        ServiceToken: serviceToken,
        ...props,
        ...(m.depth > 0 ? { Nested: nestedTo(m.depth) } : {}),
      },
      PhysicalResourceId: `fuzz-${key.slice(0, 8)}`,
      OldResourceProperties: { ServiceToken: serviceToken, ...oldProps },
    };
    for (const field of m.drop) delete request[field];
    Object.assign(request, m.retype);
    const ids = ['StackId', 'RequestId', 'LogicalResourceId', 'PhysicalResourceId'].map(
      (field) => request[field],
    );
    const answerable =
      (m.url === 'usable' || m.url === 'upper-case') &&
      m.via !== 'sns-truncated' &&
      !ids.some(idTooLong);
    const text = JSON.stringify(request);
    return {
      request: m.via === 'sns-truncated' ? text.slice(0, Math.floor(text.length * 0.7)) : request,
      key,
      answerable,
      forged: m.forged,
      via: m.via,
    };
  });
}

export { fuzzItem };
export type { FuzzItem };
