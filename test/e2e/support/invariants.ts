/**
 * The promise, as checks over one invocation of the built bundle: every request with a usable
 * ResponseURL gets exactly one answer (one body, PUT once unless retried), well-formed and at most
 * 4096 bytes, sent before the deadline, matched by one `crkit.signal` record; nothing else is PUT;
 * every stdout line is one JSON object with each key once (a signal or metrics record names its
 * action); the promise resolves, with no unhandled rejection and no timer or socket left behind;
 * and no planted secret or URL query string appears in stdout, stderr or any PUT body. Each check
 * returns problems as sentences; an empty list means the promise held.
 */
import { createHash } from 'node:crypto';
import type { ProcessInvocation, ReceivedPut } from '../../../framework/testing/index.js';
import { lineProblems } from '../../support/trail-lines.js';

/** Planted values: `secrets` must appear nowhere; `noEcho` only inside a body's Data. */
type Canaries = { readonly secrets: readonly string[]; readonly noEcho: readonly string[] };

/** What the answer to one request should carry back. */
type Identity = {
  readonly requestId: unknown;
  readonly stackId: unknown;
  readonly logicalResourceId: unknown;
};

type Json = Record<string, unknown>;

const bodyKeys = new Set([
  'Status',
  'Reason',
  'PhysicalResourceId',
  'StackId',
  'RequestId',
  'LogicalResourceId',
  'NoEcho',
  'Data',
]);
const queryLeak = /X-Amz-(?:Signature|Credential|Security-Token)=(?!\*\*\*)[^&\s"]|\?X-Amz-/;

function parse(line: string): Json | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Json)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Every stdout line as a JSON object (a line that is not one is itself a problem). */
function records(run: ProcessInvocation): Json[] {
  return run.stdout.map(parse).filter((item): item is Json => item !== undefined);
}

function signalRecords(run: ProcessInvocation, requestId: unknown): Json[] {
  return records(run).filter(
    (item) =>
      item.type === 'crkit.signal' &&
      item.requestId === (typeof requestId === 'string' ? requestId : ''),
  );
}

/** Problems with the process-level promise: settling, rejections, handles, log shape. */
function processProblems(run: ProcessInvocation, remainingMs: number): string[] {
  const problems: string[] = [];
  if (run.settled !== 'resolved')
    problems.push(`the handler's promise ${run.settled}: ${String(run.value)}`);
  if (run.ms >= remainingMs)
    problems.push(
      `the handler settled after ${Math.round(run.ms)} ms, past the ${remainingMs} ms deadline`,
    );
  if (run.unhandled.length > 0) problems.push(`unhandled rejection: ${run.unhandled.join(' | ')}`);
  if (run.uncaught.length > 0) problems.push(`uncaught exception: ${run.uncaught.join(' | ')}`);
  if (Object.keys(run.leftAtSettle).length > 0)
    problems.push(`left active after settling: ${JSON.stringify(run.leftAtSettle)}`);
  const notJson = run.stdout.filter((line) => parse(line) === undefined);
  if (notJson.length > 0)
    problems.push(`stdout line that is not a JSON object: ${notJson[0]?.slice(0, 120)}`);
  const shape = run.stdout.filter((line) => parse(line) !== undefined).flatMap(lineProblems);
  if (shape.length > 0) problems.push(`a stdout line breaks the trail's shape: ${shape[0]}`);
  if (run.outgoing.some((item) => item.host.startsWith('169.254.')))
    problems.push('a connection to the instance metadata address was attempted');
  return problems;
}

/** Problems with one response document. */
function bodyProblems(put: ReceivedPut, identity: Identity): string[] {
  const problems: string[] = [];
  if (put.method !== 'PUT') problems.push(`answered with ${put.method}, not PUT`);
  if (put.headers['content-type'] !== '')
    problems.push(`Content-Type was ${JSON.stringify(put.headers['content-type'])}, not empty`);
  if (put.headers['content-length'] !== String(put.body.length))
    problems.push('Content-Length is not the byte length of the body');
  if (put.body.length > 4096) problems.push(`the body is ${put.body.length} bytes, over 4096`);
  const doc = parse(put.body.toString('utf8'));
  if (doc === undefined) return [...problems, 'the body is not a JSON object'];
  const extra = Object.keys(doc).filter((key) => !bodyKeys.has(key));
  if (extra.length > 0) problems.push(`unexpected body fields ${extra.join(', ')}`);
  if (doc.Status !== 'SUCCESS' && doc.Status !== 'FAILED')
    problems.push(`Status is ${String(doc.Status)}`);
  if (doc.Status === 'FAILED' && (typeof doc.Reason !== 'string' || doc.Reason === ''))
    problems.push('a FAILED answer without a Reason');
  const physical = doc.PhysicalResourceId;
  if (typeof physical !== 'string' || physical === '' || Buffer.byteLength(physical) > 1024)
    problems.push('PhysicalResourceId is empty, missing or over 1 KB');
  const copied: [string, unknown][] = [
    ['RequestId', identity.requestId],
    ['StackId', identity.stackId],
    ['LogicalResourceId', identity.logicalResourceId],
  ];
  for (const [field, value] of copied) {
    if (doc[field] !== (typeof value === 'string' ? value : ''))
      problems.push(`${field} is not copied from the request`);
  }
  let hasNull = false;
  JSON.stringify(doc, (_key, value: unknown) => {
    hasNull ||= value === null;
    return value;
  });
  if (hasNull) problems.push('the body contains null');
  const data = doc.Data;
  if (
    data !== undefined &&
    (typeof data !== 'object' ||
      data === null ||
      Object.values(data).some((value) => typeof value !== 'string'))
  ) {
    problems.push('Data is not flat name → string pairs');
  }
  return problems;
}

/**
 * Problems with the answer to one request with a usable URL, given the PUTs made in this
 * invocation.
 */
function answerProblems(
  run: ProcessInvocation,
  puts: readonly ReceivedPut[],
  identity: Identity,
  endsAt: number,
): string[] {
  if (puts.length === 0) return ['no PUT for a request with a usable ResponseURL'];
  const problems: string[] = [];
  const bodies = new Set(puts.map((put) => put.body.toString('base64')));
  if (bodies.size !== 1) problems.push(`${bodies.size} different answers PUT for one request`);
  if (puts.some((put) => put.at > endsAt)) problems.push('a PUT arrived after the deadline');
  problems.push(...bodyProblems(puts[0] as ReceivedPut, identity));
  const signals = signalRecords(run, identity.requestId);
  const all = records(run).filter((item) => item.type === 'crkit.signal');
  if (signals.length === 0 && all.length > 0)
    return [
      ...problems,
      `the crkit.signal record names request ${String(all[0]?.requestId)}, not ` +
        `${String(identity.requestId)}`,
    ];
  if (signals.length !== 1)
    return [...problems, `${signals.length} crkit.signal records for the request, not 1`];
  const signal = signals[0] as Json;
  const body = (puts[0] as ReceivedPut).body;
  const doc = parse(body.toString('utf8')) ?? {};
  if (signal.bodySha256 !== createHash('sha256').update(body).digest('hex'))
    problems.push('the signal record bodySha256 does not match the bytes PUT');
  if (signal.bodyBytes !== body.length) problems.push('the signal record bodyBytes does not match');
  if (signal.attempts !== puts.length)
    problems.push(
      `the signal record counts ${String(signal.attempts)} attempts, the endpoint saw ` +
        `${puts.length}`,
    );
  if (signal.status !== doc.Status || signal.physicalResourceId !== doc.PhysicalResourceId)
    problems.push('the signal record disagrees with the body');
  if (doc.Status === 'FAILED' && signal.reason !== doc.Reason)
    problems.push('the signal record reason differs from the Reason sent');
  return problems;
}

/**
 * Problems for a request that cannot (or must not again) be answered: nothing PUT, no signal
 * record, a record saying why.
 */
function unanswerableProblems(
  run: ProcessInvocation,
  puts: readonly ReceivedPut[],
  requestId: unknown,
): string[] {
  const problems: string[] = [];
  if (puts.length > 0) problems.push(`${puts.length} PUTs for a request that must not be answered`);
  if (signalRecords(run, requestId).length > 0)
    problems.push('a crkit.signal record for an unanswerable request');
  if (
    !records(run).some((item) => item.type === 'crkit.rejected' || item.type === 'crkit.duplicate')
  )
    problems.push('no crkit.rejected (or crkit.duplicate) record');
  return problems;
}

/** Where a planted value shows up where it must not. */
function leakProblems(
  run: ProcessInvocation,
  puts: readonly ReceivedPut[],
  canaries: Canaries,
): string[] {
  const problems: string[] = [];
  const texts: [string, string][] = [
    ['stdout', run.stdout.join('\n')],
    ['stderr', run.stderr.join('\n')],
  ];
  for (const put of puts) {
    const doc = parse(put.body.toString('utf8'));
    const outsideData =
      doc === undefined ? put.body.toString('utf8') : JSON.stringify({ ...doc, Data: undefined });
    texts.push(['a PUT body', outsideData]);
    if (
      doc?.NoEcho !== true &&
      canaries.noEcho.some((value) => JSON.stringify(doc?.Data ?? {}).includes(value))
    )
      problems.push('NoEcho data answered without NoEcho');
  }
  for (const [where, text] of texts) {
    if (canaries.secrets.some((secret) => text.includes(secret)))
      problems.push(`a planted secret appears in ${where}`);
    if (canaries.noEcho.some((secret) => text.includes(secret)))
      problems.push(`a NoEcho value appears in ${where}`);
    if (queryLeak.test(text)) problems.push(`a URL query string appears in ${where}`);
  }
  return problems;
}

export {
  answerProblems,
  leakProblems,
  parse,
  processProblems,
  records,
  signalRecords,
  unanswerableProblems,
};
export type { Canaries, Identity, Json };
