/**
 * Dispatch: one valid request in, one decision out, whichever way it came in. A request
 * CloudFormation sent decides its action and runs the resource's first step; a continuation
 * resumes the step its message carries, with the action and the replacement decision made by the
 * invocation CloudFormation started. From there both take the same path: the long operation is
 * settled, and the outcome checked by the protocol's rules. Protocol rules live here and only
 * here: the action, replace versus update in place, the failed-Create marker, physical id rules,
 * frozen inputs, and the rule that every failure becomes a FAILED answer that names what the
 * request made, so the rollback that follows can clean it up.
 */
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import type { OperationBudget } from './long-operations/budget.js';
import type { ContinuationMessage } from './long-operations/continuation.js';
import { creationMarks } from './created.js';
import type { CreatedMark } from './created.js';
import type { Deadline } from './deadline.js';
import { within } from './deadline.js';
import { summariseFailure } from './failure.js';
import type { Logger } from './logging.js';
import { isFailedCreateMarker } from './physical-id.js';
import { confirmRequest } from './confirmation.js';
import type { Provenance } from './confirmation.js';
import { decide, failedDecision, incomingId, unconfirmedDecision } from './decision.js';
import type { Answer, Decision } from './decision.js';
import { inProgress } from './outcome.js';
import type { Outcome } from './outcome.js';
import { loggableProperties, parseProperties, sensitiveValues } from './properties.js';
import type { Redactor } from './redaction.js';
import { safeUrl } from './redaction.js';
import type { Registry } from './registry.js';
import type { Action, AnyResourceDefinition, BaseInput } from './resource.js';
import { planRun } from './run.js';
import type { StackDescription, StackPort } from './stacks.js';
import { memoisedStack } from './stacks.js';
import { stackNameOf } from './naming.js';
import { discardPartialReplacement, isPartialReplacement } from './partial.js';
import { settle } from './long-operations/settle.js';
import type { ContinuationPort, SettleInput } from './long-operations/settle.js';

/**
 * A request as it reaches dispatch: as CloudFormation sent it, or as a step a continuation carried.
 */
type Entry =
  | { readonly kind: 'request'; readonly request: CloudFormationCustomResourceEvent }
  | {
      readonly kind: 'continuation';
      readonly request: CloudFormationCustomResourceEvent;
      readonly message: ContinuationMessage;
    };

type DispatchContext = {
  readonly registry: Registry;
  readonly stacks: StackPort | undefined;
  readonly continuation: ContinuationPort | undefined;
  readonly log: Logger;
  /**
   * The request's secrets registry: every value found secret is added here, before anything logs
   * it.
   */
  readonly secrets: Redactor;
  readonly deadline: Deadline;
  /** The handler's own account, from the invoked function's ARN, when the context gives it. */
  readonly ownAccount: string | undefined;
  /** The operation's budget (ServiceTimeout, from the first invocation). */
  readonly budget: OperationBudget;
};

/** An update is a rollback when the stack says so; nothing in the request itself tells. */
async function chooseAction(
  request: CloudFormationCustomResourceEvent,
  describe: () => Promise<{ readonly status: string | undefined }>,
  log: Logger,
): Promise<Action> {
  if (request.RequestType === 'Create') return 'create';
  if (request.RequestType === 'Delete') return 'delete';
  try {
    const { status } = await describe();
    return status === 'UPDATE_ROLLBACK_IN_PROGRESS' ? 'rollback' : 'update';
  } catch (error) {
    log.warn('could not read the stack status; treating the Update as an update, not a rollback', {
      error,
    });
    return 'update';
  }
}

function receivedFields(
  request: CloudFormationCustomResourceEvent,
  definition: AnyResourceDefinition | undefined,
): Record<string, unknown> {
  const current = loggableProperties(definition?.properties, request.ResourceProperties);
  const old = loggableProperties(
    definition?.properties,
    request.RequestType === 'Update' ? request.OldResourceProperties : undefined,
  );
  const unknown = [...new Set([...current.unknown, ...old.unknown])];
  return {
    physicalResourceId: incomingId(request),
    responseUrl: safeUrl(request.ResponseURL),
    // Names only: lets an audit check that these properties show as masked.
    sensitive: definition?.sensitive ?? [],
    properties: current.values,
    oldProperties: old.values,
    // Names only: an undeclared property (a typo of a sensitive one) is never known to be secret.
    unknownProperties: unknown.length === 0 ? undefined : unknown,
  };
}

function continuedFields(message: ContinuationMessage): Record<string, unknown> {
  const { step, action, waitingFor, physicalId, startedAt } = message;
  return { step, action, waitingFor, physicalId, startedAt: new Date(startedAt).toISOString() };
}

/** The raw values of the request's sensitive properties, old ones included. */
function sensitiveInputs(
  definition: AnyResourceDefinition,
  request: CloudFormationCustomResourceEvent,
): string[] {
  const old = request.RequestType === 'Update' ? request.OldResourceProperties : undefined;
  return [
    ...sensitiveValues(definition.sensitive ?? [], request.ResourceProperties),
    ...sensitiveValues(definition.sensitive ?? [], old),
  ];
}

/**
 * What every resource function receives besides its properties.
 * @internal
 */
function baseInput(
  request: CloudFormationCustomResourceEvent,
  action: Action,
  context: Pick<DispatchContext, 'log' | 'deadline' | 'secrets'>,
  describe: () => Promise<StackDescription>,
  created: CreatedMark,
): BaseInput {
  const { log, deadline, secrets } = context;
  return {
    action,
    request: {
      stackId: request.StackId,
      stackName: stackNameOf(request.StackId),
      requestId: request.RequestId,
      logicalResourceId: request.LogicalResourceId,
      resourceType: request.ResourceType,
    },
    log,
    signal: deadline.signal,
    remainingMs: deadline.workRemainingMs,
    stackTags: async () => (await describe()).tags,
    ...creationMarks(created),
    secret: (value) => secrets.add([value]),
  };
}

type Props = Record<string, unknown>;

/** How the work starts: the resource's first call, or the step a continuation carried. */
type Start = {
  readonly call: () => Promise<Outcome>;
  readonly properties: Props | undefined;
  readonly replacing: boolean;
  readonly step: number;
  readonly chain: string | undefined;
  /** True when the step's wait is already over (a continuation is delivered after it). */
  readonly lookNow: boolean;
};

/**
 * The properties a continuation resumes with: parsed as before (their sensitive values masked in
 * parsed form too), or undefined when they no longer parse.
 */
function resumedProperties(
  definition: AnyResourceDefinition,
  message: ContinuationMessage,
  secrets: Redactor,
): Props | undefined {
  const parsed = parseProperties(definition.properties, message.request.ResourceProperties);
  if (!parsed.ok) return undefined;
  secrets.add(sensitiveValues(definition.sensitive ?? [], parsed.value));
  return Object.freeze(parsed.value);
}

/**
 * Parses the properties and plans the first call (a request), or takes up the carried step (a
 * continuation).
 */
function startOf(
  entry: Entry,
  definition: AnyResourceDefinition,
  base: BaseInput,
  secrets: Redactor,
): Start {
  if (entry.kind === 'request')
    return {
      ...planRun(definition, entry.request, base, secrets),
      step: 0,
      chain: undefined,
      lookNow: false,
    };
  const { message } = entry;
  const step = inProgress({
    waitingFor: message.waitingFor,
    state: message.state,
    physicalId: message.physicalId,
  });
  const properties = resumedProperties(definition, message, secrets);
  return {
    call: () => Promise.resolve(step),
    properties,
    replacing: message.replacing,
    step: message.step,
    chain: message.chain,
    lookNow: true,
  };
}

/**
 * Writes the arrival record and gives the action: decided now for a request, carried by a
 * continuation.
 */
async function arrive(
  entry: Entry,
  definition: AnyResourceDefinition,
  describe: () => Promise<StackDescription>,
  context: DispatchContext,
): Promise<Action> {
  const { log, deadline } = context;
  if (entry.kind === 'continuation') {
    log.record('crkit.continued', continuedFields(entry.message));
    return entry.message.action;
  }
  log.record('crkit.received', receivedFields(entry.request, definition));
  return within(deadline.signal, () => chooseAction(entry.request, describe, log));
}

/**
 * What a finished outcome is judged with: what it was settled with, whether it replaces, and what
 * the request made.
 */
type Finishing = Pick<SettleInput, 'definition' | 'base' | 'properties' | 'deadline'> & {
  readonly replacing: boolean;
  readonly created: CreatedMark;
};

/**
 * Turns a settled outcome into the answer: a failure names what the request marked as made
 * (when the resource did not say), and a replacement that failed after making its new resource
 * deletes it first.
 */
async function finish(
  request: CloudFormationCustomResourceEvent,
  finishing: Finishing,
  settled: Outcome,
): Promise<Answer> {
  const { definition, base, properties, replacing, created, deadline } = finishing;
  const outcome =
    settled.kind === 'failed' && settled.physicalId === undefined
      ? { ...settled, physicalId: created.id }
      : settled;
  if (outcome.kind === 'failed' && isPartialReplacement(request, outcome.physicalId)) {
    const note = await discardPartialReplacement(
      definition,
      base,
      properties,
      outcome.physicalId,
      deadline.answerEndsAt,
    );
    return failedDecision(request, base.action, `${outcome.reason}. ${note}`);
  }
  return decide(request, base.action, outcome, replacing);
}

/** How far a request got before it failed. */
type Reached = {
  readonly definition: AnyResourceDefinition | undefined;
  readonly action: Action | undefined;
  readonly base: BaseInput | undefined;
  readonly created: CreatedMark;
};

/**
 * The FAILED answer to a request whose work threw: it names what the request made, or deletes a
 * partly made replacement.
 */
async function failure(
  entry: Entry,
  context: DispatchContext,
  reached: Reached,
  error: unknown,
): Promise<Answer> {
  const { request } = entry;
  const { definition, action, base, created } = reached;
  if (entry.kind === 'request' && definition === undefined)
    context.log.record('crkit.received', receivedFields(request, undefined));
  const doing = `${action ?? request.RequestType.toLowerCase()} of ${request.ResourceType}`;
  const summary = summariseFailure(error, doing);
  const physicalId = summary.physicalId ?? created.id;
  context.log.error(
    entry.kind === 'request' ? `${doing} failed` : `${doing} failed in a continuation`,
    { error },
  );
  if (definition !== undefined && base !== undefined && isPartialReplacement(request, physicalId)) {
    const note = await discardPartialReplacement(
      definition,
      base,
      undefined,
      physicalId,
      context.deadline.answerEndsAt,
    );
    return failedDecision(request, action, `${summary.reason}. ${note}`);
  }
  return failedDecision(request, action, summary.reason, physicalId);
}

/** A Delete of a resource whose Create failed before making anything: nothing to do. */
function nothingToDelete(
  request: CloudFormationCustomResourceEvent,
  log: Logger,
): Answer | undefined {
  if (request.RequestType !== 'Delete' || !isFailedCreateMarker(request.PhysicalResourceId))
    return undefined;
  log.record('crkit.received', receivedFields(request, undefined));
  log.info('delete of a resource whose create failed before creating anything: nothing to do');
  return {
    status: 'SUCCESS',
    reason: undefined,
    physicalId: request.PhysicalResourceId,
    data: {},
    noEcho: false,
    action: 'delete',
    provenance: 'unchecked',
  };
}

/**
 * Serves one valid request or continuation step. Never throws: every failure becomes a FAILED
 * answer.
 * @internal
 */
async function dispatch(entry: Entry, context: DispatchContext): Promise<Decision> {
  const { request } = entry;
  const { log, deadline, secrets } = context;
  const nothing = entry.kind === 'request' ? nothingToDelete(request, log) : undefined;
  if (nothing !== undefined) return nothing;
  const created: CreatedMark = {
    id: entry.kind === 'continuation' ? entry.message.physicalId : undefined,
  };
  let definition: AnyResourceDefinition | undefined;
  let action = entry.kind === 'continuation' ? entry.message.action : undefined;
  let base: BaseInput | undefined;
  let provenance: Provenance = 'unchecked';
  try {
    const resolved = await within(deadline.signal, () =>
      context.registry.resolve(request.ResourceType),
    );
    definition = resolved;
    secrets.add(sensitiveInputs(resolved, request));
    const describe = memoisedStack(context.stacks, request.StackId, deadline.signal);
    const chosen = await arrive(entry, resolved, describe, context);
    action = chosen;
    const input = baseInput(request, chosen, context, describe, created);
    base = input;
    // Properties first: input that cannot succeed is refused before any call to AWS.
    const start = startOf(entry, resolved, input, secrets);
    // Asked at every step too: CloudFormation may have given up on the request since the last one.
    const { stacks, ownAccount, continuation } = context;
    const asking = { stacks, describe, signal: deadline.signal, log, ownAccount };
    const confirmation = await within(deadline.signal, () => confirmRequest(request, asking));
    provenance = confirmation.provenance;
    if (confirmation.provenance === 'contradicted' || confirmation.provenance === 'settled') {
      return unconfirmedDecision(request, chosen, confirmation, log);
    }
    const { properties, replacing, lookNow } = start;
    const operation = { ...context.budget, replacing, step: start.step, chain: start.chain };
    const first = await within(deadline.signal, start.call);
    const settling = {
      definition: resolved,
      base: input,
      properties,
      secrets,
      deadline,
      continuation,
      request,
      operation,
      lookNow,
    };
    const outcome = await settle(first, settling);
    if (outcome === 'deferred') return { status: 'DEFERRED', action: chosen };
    const answer = await finish(request, { ...settling, replacing, created }, outcome);
    return { ...answer, provenance };
  } catch (error) {
    return {
      ...(await failure(entry, context, { definition, action, base, created }, error)),
      provenance,
    };
  }
}

export { baseInput, dispatch, receivedFields };
export type { DispatchContext, Entry };
