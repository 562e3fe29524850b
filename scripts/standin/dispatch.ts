/**
 * The path of one AWS request: route it, apply a queued fault if one matches, let the
 * service answer, record the call, write the reply.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CallLog } from './call-log.js';
import { handleCloudFormation } from './cloudformation.js';
import { handleEc2 } from './ec2.js';
import type { FaultEffect, FaultQueue } from './faults.js';
import type { Params } from './query.js';
import type { Reply } from './reply.js';
import { route } from './routing.js';
import type { Routed } from './routing.js';
import { handleSecretsManager } from './secretsmanager.js';
import { handleSqs } from './sqs.js';
import { errorReply, malformedReply } from './wire.js';
import type { Service } from './wire.js';
import type { World } from './world.js';

/** What the request path needs. @internal */
type Pipeline = {
  readonly world: World;
  readonly faults: FaultQueue;
  readonly log: CallLog;
  readonly stopping: AbortSignal;
};

const wireOf = (routed: Routed): Service => (routed.service === 'unknown' ? 'ec2' : routed.service);

const answer = (world: World, routed: Routed, requestId: string): Reply => {
  const { service, action, params, problem } = routed;
  if (service === 'unknown') {
    const message = `The local crkit AWS stand-in does not serve this request (${action})`;
    return { ...errorReply('ec2', requestId, 400, 'InvalidAction', message), unimplemented: true };
  }
  if (problem !== undefined)
    return {
      ...errorReply(service, requestId, 400, 'InvalidRequest', problem),
      unimplemented: true,
    };
  if (service === 'ec2') return handleEc2(world, action, params as Params, requestId);
  if (service === 'cloudformation')
    return handleCloudFormation(world, action, params as Params, requestId);
  if (service === 'secretsmanager') return handleSecretsManager(world, action, params, requestId);
  return handleSqs(world, action, params, requestId);
};

const send = (response: ServerResponse, reply: Reply): void => {
  if (response.destroyed) return;
  response.writeHead(reply.status, {
    ...reply.headers,
    'content-length': Buffer.byteLength(reply.body),
  });
  response.end(reply.body);
};

/**
 * Applies a fault; returns the reply to send, `'normal'` to answer normally, or `undefined` for no
 * answer.
 */
const applyFault = async (
  p: Pipeline,
  fault: FaultEffect,
  routed: Routed,
  requestId: string,
  request: IncomingMessage,
): Promise<Reply | 'normal' | undefined> => {
  switch (fault.kind) {
    case 'error':
      return errorReply(
        wireOf(routed),
        requestId,
        fault.status,
        fault.code,
        fault.message ?? `Injected fault: ${fault.code}`,
      );
    case 'malformed':
      return malformedReply(wireOf(routed), routed.action, requestId);
    case 'reset':
      request.socket.destroy();
      return undefined;
    case 'lost':
      // The world changes as for a normal call; only the answer never reaches the caller.
      answer(p.world, routed, requestId);
      if (fault.then !== 'hang') request.socket.destroy();
      return undefined;
    case 'hang':
      if (fault.ms === undefined) return undefined;
      try {
        await sleep(fault.ms, undefined, { signal: p.stopping });
      } catch {
        return undefined;
      }
      return 'normal';
  }
};

/** Handles one AWS request end to end. */
const handleAwsRequest = async (
  p: Pipeline,
  request: IncomingMessage,
  response: ServerResponse,
  body: string,
): Promise<void> => {
  const seq = p.log.nextSeq();
  const requestId = randomUUID();
  const timestamp = new Date().toISOString();
  const routed = route(request.headers, body, request.method, request.url);
  const fault = p.faults.take(routed.service, routed.action);
  const outcome = fault ? await applyFault(p, fault, routed, requestId, request) : 'normal';
  const reply = outcome === 'normal' ? answer(p.world, routed, requestId) : outcome;
  p.log.add({
    seq,
    requestId,
    timestamp,
    service: routed.service,
    action: routed.action,
    params: routed.params,
    status: reply && !response.destroyed ? reply.status : 0,
    ...(reply?.code ? { code: reply.code } : {}),
    ...(fault ? { fault: fault.kind } : {}),
    unimplemented: reply?.unimplemented === true,
  });
  if (reply) send(response, reply);
};

export { handleAwsRequest };
export type { Pipeline };
