/**
 * The conformance harness: an author's definition served in-process through `createHandler`
 * (one handler per simulated container), answers PUT to a real loopback ResponseURL endpoint,
 * continuation messages delivered back at once, every log line kept, and every raw outcome of
 * the definition's functions recorded before the framework turns it into an answer.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createHandler } from '../../framework/index.js';
import type { ContinuationPort, Outcome, ResourceDefinition } from '../../framework/index.js';
import {
  defaultQueueArn,
  lambdaContext,
  newStackId,
  sqsEvent,
  startResponseServer,
} from '../../framework/testing/index.js';
import type { ResponseServer } from '../../framework/testing/index.js';
import { cloudFormationModel } from '../standin/cloudformation-model.js';

/** One call of a definition function and what it returned (or threw). */
type RawCall = {
  readonly fn: string;
  readonly outcome: Outcome | undefined;
  readonly threw: boolean;
};

/** One request sent, with everything observed while serving it. */
type Exchange = {
  readonly label: string;
  readonly request: Record<string, unknown>;
  /** Answer documents received, in order. */
  readonly answers: readonly Record<string, unknown>[];
  readonly answerBytes: readonly number[];
  readonly calls: readonly RawCall[];
};

type Handler = (
  event: unknown,
  context: { getRemainingTimeInMillis(): number },
) => Promise<unknown>;

/** A running harness. */
type Harness = {
  readonly stackId: string;
  readonly logs: string[];
  readonly exchanges: Exchange[];
  /**
   * Sets the stack status DescribeStacks reports (UPDATE_ROLLBACK_IN_PROGRESS marks a rollback).
   */
  setStackStatus(status: string): void;
  /** A new simulated container. */
  container(): Handler;
  /** Builds a request with a fresh RequestId and ResponseURL. */
  request(fields: Record<string, unknown>): Record<string, unknown>;
  /** Delivers a request to a container (and any continuations), recording the exchange. */
  deliver(label: string, request: Record<string, unknown>, container: Handler): Promise<Exchange>;
  close(): Promise<void>;
};

function wrapped(definition: ResourceDefinition, calls: RawCall[]): ResourceDefinition {
  const record =
    <I>(fn: string, original: (input: I) => Promise<Outcome>) =>
    async (input: I): Promise<Outcome> => {
      try {
        const outcome = await original(input);
        calls.push({ fn, outcome, threw: false });
        return outcome;
      } catch (error) {
        calls.push({ fn, outcome: undefined, threw: true });
        throw error;
      }
    };
  const wrap = <I>(fn: string, original: ((input: I) => Promise<Outcome>) | undefined) =>
    original === undefined ? undefined : record(fn, original);
  return {
    ...definition,
    create: record('create', definition.create),
    update: record('update', definition.update),
    delete: record('delete', definition.delete),
    rollback: wrap('rollback', definition.rollback),
    resume: wrap('resume', definition.resume),
  };
}

/** The continuation queue the harness plays. */
const queueArn = defaultQueueArn;

/**
 * Starts a harness for one definition.
 * @example
 * const harness = await startHarness(definition, { remainingMs: 8000 });
 */
async function startHarness(
  definition: ResourceDefinition,
  options: { readonly remainingMs: number },
): Promise<Harness> {
  const endpoint: ResponseServer = await startResponseServer({ checkSignature: true });
  const stackId = newStackId('crkit-conform');
  const logs: string[] = [];
  const exchanges: Exchange[] = [];
  const queue: string[] = [];
  // CloudFormation as the kit plays it: every delivery is a request it sent and still waits for
  // (it never records an answer), so confirmation lets each one, a redelivery included, reach the
  // definition under test.
  const cloudFormation = cloudFormationModel();
  cloudFormation.setStack(stackId, 'CREATE_IN_PROGRESS', [{ Key: 'team', Value: 'conformance' }]);
  const stacks = cloudFormation.stacks;
  const key = randomBytes(32);
  const continuation: ContinuationPort = {
    queueArn,
    key: async () => key,
    handOver: async ({ body }) => void queue.push(body),
  };
  const recorder: RawCall[] = [];
  const served = wrapped(definition, recorder);
  const context = () => lambdaContext({ remainingMs: options.remainingMs });
  return {
    stackId,
    logs,
    exchanges,
    setStackStatus: (next) => cloudFormation.setStack(stackId, next),
    container: () =>
      createHandler({
        resources: [served],
        stacks,
        continuation,
        responseOrigins: [endpoint.origin],
        logSink: (line) => void logs.push(line),
      }) as Handler,
    request: (fields) => {
      const requestId = randomUUID();
      const logicalResourceId = String(fields.LogicalResourceId ?? 'Resource');
      return {
        ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:crkit-handler',
        ResponseURL: endpoint.urlFor({ stackId, logicalResourceId, requestId }),
        StackId: stackId,
        RequestId: requestId,
        LogicalResourceId: logicalResourceId,
        ResourceType: definition.type,
        ...fields,
      };
    },
    deliver: async (label, request, container) => {
      const before = endpoint.receivedFor(String(request.RequestId)).length;
      recorder.length = 0;
      cloudFormation.requestSent(request);
      await container(request, context());
      for (let next = queue.shift(); next !== undefined; next = queue.shift())
        await container(sqsEvent([next], queueArn), context());
      const calls = [...recorder];
      const received = endpoint.receivedFor(String(request.RequestId)).slice(before);
      const exchange: Exchange = {
        label,
        request,
        answers: received.map((answer) => JSON.parse(answer.text) as Record<string, unknown>),
        answerBytes: received.map((answer) => answer.body.length),
        calls,
      };
      exchanges.push(exchange);
      return exchange;
    },
    close: () => endpoint.close(),
  };
}

export { startHarness };
export type { Exchange, Harness, RawCall };
