/**
 * Wire shapes shared by every service: success and error envelopes per protocol, and the
 * malformed bodies a fault may send. Each reply carries `x-amzn-requestid`.
 */
import type { Reply } from './reply.js';
import { document, el } from './xml.js';
import type { XmlChild } from './xml.js';

/** The services the stand-in speaks. */
type Service = 'ec2' | 'cloudformation' | 'sqs' | 'secretsmanager';

/** The services that speak AWS JSON (1.0 for SQS, 1.1 for Secrets Manager). */
type JsonService = 'sqs' | 'secretsmanager';

const EC2_NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';
const CFN_NS = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';
const XML_TYPE = 'text/xml;charset=UTF-8';
const JSON_TYPES: Readonly<Record<JsonService, string>> = {
  sqs: 'application/x-amz-json-1.0',
  secretsmanager: 'application/x-amz-json-1.1',
};

const headers = (
  requestId: string,
  contentType: string,
  extra: Record<string, string> = {},
): Record<string, string> => ({
  'content-type': contentType,
  'x-amzn-requestid': requestId,
  ...extra,
});

/** `<ActionResponse xmlns=ec2><requestId/>…` */
const ec2Success = (action: string, requestId: string, body: XmlChild): Reply => ({
  status: 200,
  headers: headers(requestId, XML_TYPE),
  body: document(`${action}Response`, EC2_NS, el('requestId', requestId), body),
});

/** `<ActionResponse xmlns=cfn><ActionResult>…</ActionResult><ResponseMetadata>…` */
const querySuccess = (action: string, requestId: string, body: XmlChild): Reply => ({
  status: 200,
  headers: headers(requestId, XML_TYPE),
  body: document(
    `${action}Response`,
    CFN_NS,
    el(`${action}Result`, body),
    el('ResponseMetadata', el('RequestId', requestId)),
  ),
});

/** An AWS JSON success body (1.0 for SQS, 1.1 for Secrets Manager). */
const jsonSuccess = (requestId: string, body: unknown, service: JsonService = 'sqs'): Reply => ({
  status: 200,
  headers: headers(requestId, JSON_TYPES[service]),
  body: JSON.stringify(body),
});

/**
 * An error in the shape the service's SDK parses: EC2 `<Response><Errors>`, Query
 * `<ErrorResponse>`, SQS JSON with the `x-amzn-query-error` compatibility header, or Secrets
 * Manager JSON `{"__type": code, "Message": …}`.
 */
const errorReply = (
  service: Service,
  requestId: string,
  status: number,
  code: string,
  message: string,
): Reply => {
  const type = status >= 500 ? 'Receiver' : 'Sender';
  if (service === 'sqs') {
    return {
      status,
      code,
      headers: headers(requestId, JSON_TYPES.sqs, { 'x-amzn-query-error': `${code};${type}` }),
      body: JSON.stringify({ __type: `com.amazonaws.sqs#${code}`, message }),
    };
  }
  if (service === 'secretsmanager') {
    return {
      status,
      code,
      headers: headers(requestId, JSON_TYPES.secretsmanager),
      body: JSON.stringify({ __type: code, Message: message }),
    };
  }
  const xml =
    service === 'ec2'
      ? el(
          'Response',
          el('Errors', el('Error', el('Code', code), el('Message', message))),
          el('RequestID', requestId),
        )
      : el(
          'ErrorResponse',
          el('Error', el('Type', type), el('Code', code), el('Message', message)),
          el('RequestId', requestId),
        );
  return {
    status,
    code,
    headers: headers(requestId, XML_TYPE),
    body: `<?xml version="1.0" encoding="UTF-8"?>\n${xml.xml}`,
  };
};

/** A 200 answer whose body cannot be parsed, to test deserialization failures. */
const malformedReply = (service: Service, action: string, requestId: string): Reply =>
  service === 'sqs' || service === 'secretsmanager'
    ? {
        status: 200,
        headers: headers(requestId, JSON_TYPES[service]),
        body: '{"MessageId": "trunc',
      }
    : {
        status: 200,
        headers: headers(requestId, XML_TYPE),
        body: `<${action}Response xmlns="${EC2_NS}"><requestId>${requestId}</requestId><unclosed`,
      };

export { ec2Success, querySuccess, jsonSuccess, errorReply, malformedReply };
export type { JsonService, Service };
