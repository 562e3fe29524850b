/**
 * The AWS call recorder: an SDK middleware that adds every call a client makes to the current
 * request's `awsCalls` (service, operation, AWS request id, HTTP status, SDK attempts, error
 * code, ms), so the signal record shows what was done for a request and resources do nothing
 * special. It sits at the top of the `initialize` step, outside the SDK's retry loop: one record
 * per call, with `$metadata.attempts` counting the retries inside it.
 */
import type {
  HandlerExecutionContext,
  InitializeHandler,
  InitializeHandlerArguments,
  InitializeMiddleware,
  MetadataBearer,
  MiddlewareStack,
} from '@smithy/types';
import { recordAwsCall } from '../../framework/index.js';

/** The middleware's name in a client's stack; adding it twice is a no-op. */
const MiddlewareName = 'crkitAwsCallRecorder';

type ErrorShape = {
  name?: unknown;
  Code?: unknown;
  code?: unknown;
  $metadata?: MetadataBearer['$metadata'];
};

/** `EC2Client` → `EC2`, `DescribeStacksCommand` → `DescribeStacks`. */
function trimmed(name: string | undefined, suffix: string): string {
  if (name === undefined || name === '') return 'unknown';
  return name.endsWith(suffix) ? name.slice(0, -suffix.length) : name;
}

/** The service's error code: SDK errors carry it as `name` (and `Code` for query protocols). */
function errorCodeOf(error: unknown): string {
  if (typeof error !== 'object' || error === null) return typeof error;
  const shape = error as ErrorShape;
  for (const candidate of [shape.Code, shape.name, shape.code])
    if (typeof candidate === 'string' && candidate !== '') return candidate;
  return 'Error';
}

function metadataOf(value: unknown): MetadataBearer['$metadata'] {
  if (typeof value !== 'object' || value === null) return {};
  return (value as ErrorShape).$metadata ?? {};
}

function recorder<I extends object, O extends MetadataBearer>(): InitializeMiddleware<I, O> {
  return (next: InitializeHandler<I, O>, context: HandlerExecutionContext) =>
    async (args: InitializeHandlerArguments<I>) => {
      const service = trimmed(context.clientName, 'Client');
      const operation = trimmed(context.commandName, 'Command');
      const started = performance.now();
      const finish = (meta: MetadataBearer['$metadata'], errorCode: string | undefined): void => {
        const ms = Math.round(performance.now() - started);
        recordAwsCall({
          service,
          operation,
          awsRequestId: meta.requestId ?? meta.extendedRequestId,
          httpStatus: meta.httpStatusCode,
          attempts: meta.attempts ?? 1,
          errorCode,
          ms,
        });
      };
      try {
        const result = await next(args);
        finish(result.output.$metadata, undefined);
        return result;
      } catch (error) {
        finish(metadataOf(error), errorCodeOf(error));
        throw error;
      }
    };
}

/**
 * Adds the AWS call recorder to a client; call it where the client is created.
 * @example
 * const client = instrument(new EC2Client({}));
 */
function instrument<
  I extends object,
  O extends MetadataBearer,
  C extends { readonly middlewareStack: MiddlewareStack<I, O> },
>(client: C): C {
  const stack = client.middlewareStack;
  stack.remove(MiddlewareName);
  stack.add(recorder<I, O>(), {
    step: 'initialize',
    priority: 'high',
    name: MiddlewareName,
    tags: ['CRKIT'],
  });
  return client;
}

export { MiddlewareName, errorCodeOf, instrument };
