/**
 * Confirmation with CloudFormation, the defence against forged requests. Anyone who may publish
 * to the request topic or invoke the function can claim any stack; CloudFormation knows which
 * requests it really sent. Before the resource may change anything, crkit asks what
 * CloudFormation shows for the request's stack and logical id, and a request CloudFormation
 * contradicts is refused. A request CloudFormation shows as already answered (a redelivery after
 * the answer) is answered again without any change. When CloudFormation cannot be asked, the
 * request goes on, recorded as unconfirmed.
 */
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { sleep } from './deadline.js';
import type { Logger } from './logging.js';
import type { ResourceEvent, StackDescription, StackPort, StackResourceView } from './stacks.js';

/** How a request's provenance was established, as the signal record shows it. */
type Provenance = 'confirmed' | 'unconfirmed' | 'settled' | 'contradicted' | 'unchecked';

/** The outcome of asking. */
type Confirmation =
  | { readonly provenance: 'confirmed' }
  | { readonly provenance: 'unconfirmed'; readonly why: string }
  | { readonly provenance: 'unchecked'; readonly why: string }
  | { readonly provenance: 'contradicted'; readonly why: string }
  | {
      readonly provenance: 'settled';
      readonly status: string;
      readonly physicalId: string | undefined;
    };

/** What the asking needs. */
type ConfirmationContext = {
  readonly stacks: StackPort | undefined;
  readonly describe: () => Promise<StackDescription>;
  readonly signal: AbortSignal;
  readonly log: Logger;
  /** The handler's own account (from the invoked function's ARN), when known. */
  readonly ownAccount: string | undefined;
  /**
   * Pause before asking once more when the first answer stops the request (CloudFormation's reads
   * may lag its writes). @default 500
   */
  readonly recheckMs?: number | undefined;
};

const operationOf = { Create: 'CREATE', Update: 'UPDATE', Delete: 'DELETE' } as const;

/** The account field of an ARN (`arn:partition:service:region:account:…`). */
function accountOf(arn: string): string | undefined {
  const account = arn.split(':')[4];
  return account === undefined || account === '' ? undefined : account;
}

/**
 * A CloudFormation stack ARN, the only StackId CloudFormation sends: partition, region, a 12-digit
 * account, `stack/<name>/<id>`.
 */
const stackArn = new RegExp(
  '^arn:aws[a-z-]{0,16}:cloudformation:[a-z0-9-]{1,32}:\\d{12}:' +
    'stack/[A-Za-z][A-Za-z0-9-]{0,127}/[A-Za-z0-9-]{1,128}$',
);

/**
 * A Delete of an id the resource no longer has, while the stack cleans up after a replacement:
 * confirmed by the stack's events.
 */
function judgeCleanup(
  request: CloudFormationCustomResourceEvent,
  stackStatus: string | undefined,
  events: readonly ResourceEvent[],
): Confirmation {
  const physicalId = request.RequestType === 'Delete' ? request.PhysicalResourceId : undefined;
  const latest = events.find((event) => event.physicalId === physicalId);
  if (latest?.status === 'DELETE_COMPLETE' || latest?.status === 'DELETE_FAILED')
    return { provenance: 'settled', status: latest.status, physicalId };
  if (
    stackStatus?.endsWith('_CLEANUP_IN_PROGRESS') === true &&
    latest?.status === 'DELETE_IN_PROGRESS'
  )
    return { provenance: 'confirmed' };
  return {
    provenance: 'contradicted',
    why:
      `CloudFormation shows ${request.LogicalResourceId} with another physical id, and no ` +
      `cleanup deleting ${physicalId ?? 'this id'}`,
  };
}

/**
 * What CloudFormation's view says of a request; `cleanup` is asked only for a Delete of an id
 * other than the resource's current one.
 * @internal
 */
async function judge(
  request: CloudFormationCustomResourceEvent,
  view: StackResourceView,
  cleanup: () => Promise<Confirmation>,
): Promise<Confirmation> {
  const logical = request.LogicalResourceId;
  if (!view.found)
    return {
      provenance: 'contradicted',
      why: `CloudFormation knows no resource ${logical} in this stack`,
    };
  if (view.resourceType !== request.ResourceType)
    return {
      provenance: 'contradicted',
      why: `CloudFormation shows ${logical} as ${view.resourceType}, not ${request.ResourceType}`,
    };
  const operation = operationOf[request.RequestType];
  const incoming = request.RequestType === 'Create' ? undefined : request.PhysicalResourceId;
  if (request.RequestType === 'Delete' && view.physicalId !== incoming) return cleanup();
  if (view.status === `${operation}_COMPLETE` || view.status === `${operation}_FAILED`)
    return { provenance: 'settled', status: view.status, physicalId: view.physicalId };
  if (view.status !== `${operation}_IN_PROGRESS`)
    return {
      provenance: 'contradicted',
      why:
        `CloudFormation shows ${logical} as ${view.status}, which a ${request.RequestType} ` +
        `request cannot have`,
    };
  if (incoming !== undefined && view.physicalId !== incoming)
    return {
      provenance: 'contradicted',
      why: `CloudFormation shows ${logical} with another physical id`,
    };
  return { provenance: 'confirmed' };
}

/**
 * One look at CloudFormation's view, and whether it knows the resource at all; an error means it
 * could not be asked.
 */
async function look(
  request: CloudFormationCustomResourceEvent,
  context: ConfirmationContext,
  stacks: StackPort,
): Promise<{ readonly confirmation: Confirmation; readonly found: boolean }> {
  const { signal } = context;
  const view = await stacks.resource(request.StackId, request.LogicalResourceId, signal);
  const confirmation = await judge(request, view, async () => {
    const [stack, events] = await Promise.all([
      context.describe(),
      stacks.resourceEvents(request.StackId, request.LogicalResourceId, signal),
    ]);
    return judgeCleanup(request, stack.status, events);
  });
  return { confirmation, found: view.found };
}

/**
 * Asks CloudFormation whether `request` is one it sent and still waits for. Never throws: a
 * failure to ask (throttled past the SDK's retries, unavailable, not permitted) is `unconfirmed`.
 * @example
 * const confirmation = await confirmRequest(request, {
 *   stacks, describe, signal: deadline.signal, log, ownAccount,
 * });
 * if (confirmation.provenance === 'contradicted') return refused(request, confirmation.why);
 */
async function confirmRequest(
  request: CloudFormationCustomResourceEvent,
  context: ConfirmationContext,
): Promise<Confirmation> {
  const { stacks, log } = context;
  if (stacks === undefined) return { provenance: 'unchecked', why: 'no stack port is configured' };
  // Not worth a call: CloudFormation could not have sent it, and its account could not be told.
  if (typeof request.StackId !== 'string' || !stackArn.test(request.StackId))
    return { provenance: 'contradicted', why: 'its StackId is not a CloudFormation stack ARN' };
  const account = accountOf(request.StackId);
  if (context.ownAccount !== undefined && account !== context.ownAccount) {
    const why =
      `the stack is in account ${account ?? '(none)'}, and crkit reads CloudFormation only ` +
      `in its own account`;
    log.warn(`going on unconfirmed: ${why}`);
    return { provenance: 'unconfirmed', why };
  }
  try {
    const first = await look(request, context, stacks);
    // A resource in a state that stops the request is read twice: a view that lags CloudFormation's
    // own write must not turn a real request away. An unknown stack or logical id is not re-read.
    if (first.confirmation.provenance === 'confirmed' || !first.found) return first.confirmation;
    await sleep(context.recheckMs ?? 500, context.signal);
    return (await look(request, context, stacks)).confirmation;
  } catch (error) {
    if (context.signal.aborted) throw error;
    log.warn(
      'CloudFormation could not be asked whether it sent this request; going on unconfirmed',
      { error },
    );
    return { provenance: 'unconfirmed', why: 'CloudFormation could not be asked' };
  }
}

export { accountOf, confirmRequest };
export type { Confirmation, ConfirmationContext, Provenance };
