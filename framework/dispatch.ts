/**
 * Dispatch: one valid request in, one decision out. Protocol rules live here and only here:
 * the action, replace versus update in place, the failed-Create marker,
 * physical id rules, frozen inputs, and the rule that every failure becomes a FAILED decision.
 */
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { operationBudget } from './budget.js';
import type { OperationBudget } from './budget.js';
import type { Deadline } from './deadline.js';
import { within } from './deadline.js';
import { summariseFailure } from './failure.js';
import type { Logger } from './logging.js';
import { isFailedCreateMarker } from './physical-id.js';
import { confirmRequest } from './confirmation.js';
import type { Confirmation } from './confirmation.js';
import { decide, failedDecision, incomingId, unconfirmedDecision } from './decision.js';
import type { Decision } from './decision.js';
import { loggableProperties, sensitiveValues } from './properties.js';
import { safeUrl } from './redaction.js';
import type { Registry } from './registry.js';
import type { Action, AnyResourceDefinition, BaseInput } from './resource.js';
import type { Outcome } from './outcome.js';
import { planRun } from './run.js';
import type { Ran } from './run.js';
import type { StackDescription, StackPort } from './stacks.js';
import { memoisedStack } from './stacks.js';
import { stackNameOf } from './naming.js';
import { creationMarks } from './created.js';
import type { CreatedMark } from './created.js';
import { discardPartialReplacement, isPartialReplacement } from './partial.js';
import { settle } from './settle.js';
import type { ContinuationPort } from './settle.js';

type DispatchContext = {
  readonly registry: Registry;
  readonly stacks: StackPort | undefined;
  readonly continuation: ContinuationPort | undefined;
  readonly log: Logger;
  readonly deadline: Deadline;
  /** The handler's own account, from the invoked function's ARN, when the context gives it. */
  readonly ownAccount: string | undefined;
  /** The operation's budget (ServiceTimeout from the first invocation). @default from the request, starting now */
  readonly budget?: OperationBudget | undefined;
};

/** An update is a rollback when the stack says so; nothing in the request itself tells. */
async function chooseAction(request: CloudFormationCustomResourceEvent, describe: () => Promise<{ readonly status: string | undefined }>, log: Logger): Promise<Action> {
  if (request.RequestType === 'Create') return 'create';
  if (request.RequestType === 'Delete') return 'delete';
  try {
    const { status } = await describe();
    return status === 'UPDATE_ROLLBACK_IN_PROGRESS' ? 'rollback' : 'update';
  } catch (error) {
    log.warn('could not read the stack status; treating the Update as an update, not a rollback', { error });
    return 'update';
  }
}

function receivedFields(request: CloudFormationCustomResourceEvent, definition: AnyResourceDefinition | undefined): Record<string, unknown> {
  const current = loggableProperties(definition?.properties, request.ResourceProperties);
  const old = loggableProperties(definition?.properties, request.RequestType === 'Update' ? request.OldResourceProperties : undefined);
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

/**
 * What every resource function receives besides its properties.
 * @internal
 */
function baseInput(
  request: CloudFormationCustomResourceEvent,
  action: Action,
  context: Pick<DispatchContext, 'log' | 'deadline'>,
  describe: () => Promise<StackDescription>,
  created: CreatedMark,
): BaseInput {
  const { log, deadline } = context;
  return {
    action,
    request: { stackId: request.StackId, stackName: stackNameOf(request.StackId), requestId: request.RequestId, logicalResourceId: request.LogicalResourceId, resourceType: request.ResourceType },
    log,
    signal: deadline.signal,
    remainingMs: deadline.workRemainingMs,
    stackTags: async () => (await describe()).tags,
    ...creationMarks(created),
    secret: (value) => log.redactor.add([value]),
  };
}

/** How far a request got, for the Reason and cleanup when it fails. */
type Progress = { definition?: AnyResourceDefinition; action?: Action; base?: BaseInput; confirmation?: Confirmation; readonly created: CreatedMark };

/** A request CloudFormation contradicts or already saw answered stops before the resource runs. */
type Prepared = { readonly stop: Decision } | { readonly definition: AnyResourceDefinition; readonly action: Action; readonly base: BaseInput; readonly ran: Ran };

/** Resolves the type, logs the request, confirms it with CloudFormation, decides the action and runs the resource's first step. */
async function prepareAndRun(request: CloudFormationCustomResourceEvent, context: DispatchContext, progress: Progress): Promise<Prepared> {
  const { log, deadline } = context;
  const definition = await context.registry.resolve(request.ResourceType);
  progress.definition = definition;
  const old = request.RequestType === 'Update' ? request.OldResourceProperties : undefined;
  log.redactor.add([...sensitiveValues(definition.sensitive ?? [], request.ResourceProperties), ...sensitiveValues(definition.sensitive ?? [], old)]);
  log.record('crkit.received', receivedFields(request, definition));
  const describe = memoisedStack(context.stacks, request.StackId, deadline.signal);
  const action = await chooseAction(request, describe, log);
  progress.action = action;
  const base = baseInput(request, action, context, describe, progress.created);
  progress.base = base;
  // Properties first: input that cannot succeed is refused before any call to AWS.
  const planned = planRun(definition, request, base);
  const confirmation = await confirmRequest(request, { stacks: context.stacks, describe, signal: deadline.signal, log, ownAccount: context.ownAccount });
  progress.confirmation = confirmation;
  if (confirmation.provenance === 'contradicted' || confirmation.provenance === 'settled') return { stop: unconfirmedDecision(request, action, confirmation, log) };
  return { definition, action, base, ran: { outcome: await planned.call(), properties: planned.properties, replacing: planned.replacing } };
}

/** What a finished outcome is judged with. */
type Finishing = {
  readonly definition: AnyResourceDefinition;
  readonly base: BaseInput;
  readonly properties: Record<string, unknown> | undefined;
  readonly replacing: boolean;
  readonly created: CreatedMark;
  readonly deadline: Deadline;
};

/**
 * Turns a settled outcome into the decision: a failure names what the request marked as made
 * (when the resource did not say), and a replacement that failed after making its new resource
 * deletes it first.
 * @internal
 */
async function finish(request: CloudFormationCustomResourceEvent, finishing: Finishing, settled: Outcome): Promise<Decision> {
  const { definition, base, properties, replacing, created, deadline } = finishing;
  const outcome = settled.kind === 'failed' && settled.physicalId === undefined ? { ...settled, physicalId: created.id } : settled;
  if (outcome.kind === 'failed' && isPartialReplacement(request, outcome.physicalId)) {
    const note = await discardPartialReplacement(definition, base, properties, outcome.physicalId, deadline.answerEndsAt);
    return failedDecision(request, base.action, `${outcome.reason}. ${note}`);
  }
  return decide(request, base.action, outcome, replacing);
}

/**
 * Serves one valid request. Never throws: every failure becomes a FAILED decision.
 * @internal
 */
async function dispatch(request: CloudFormationCustomResourceEvent, context: DispatchContext): Promise<Decision> {
  const { log, deadline } = context;
  if (request.RequestType === 'Delete' && isFailedCreateMarker(request.PhysicalResourceId)) {
    log.record('crkit.received', receivedFields(request, undefined));
    log.info('delete of a resource whose create failed before creating anything: nothing to do');
    return { status: 'SUCCESS', reason: undefined, physicalId: request.PhysicalResourceId, data: {}, noEcho: false, action: 'delete', provenance: 'unchecked' };
  }
  const progress: Progress = { created: { id: undefined } };
  const traced = (decision: Decision): Decision => ({ ...decision, provenance: decision.provenance ?? progress.confirmation?.provenance ?? 'unchecked' });
  try {
    // One race against the deadline for the whole preparation and the resource's first step.
    const prepared = await within(deadline.signal, () => prepareAndRun(request, context, progress));
    if ('stop' in prepared) return prepared.stop;
    const { definition, action, base, ran } = prepared;
    const operation = { ...(context.budget ?? operationBudget(request.ResourceProperties, Date.now())), replacing: ran.replacing, step: 0, chain: undefined };
    const outcome = await settle(ran.outcome, { definition, base, properties: ran.properties, deadline, continuation: context.continuation, request, operation });
    if (outcome === 'deferred') return { ...failedDecision(request, action, 'in progress'), deferred: true };
    return traced(await finish(request, { definition, base, properties: ran.properties, replacing: ran.replacing, created: progress.created, deadline }, outcome));
  } catch (error) {
    const { definition, action, base } = progress;
    const created = progress.created.id;
    if (definition === undefined) log.record('crkit.received', receivedFields(request, undefined));
    const doing = `${action ?? request.RequestType.toLowerCase()} of ${request.ResourceType}`;
    const failure = summariseFailure(error, doing);
    const summary = { reason: failure.reason, physicalId: failure.physicalId ?? created };
    log.error(`${doing} failed`, { error });
    if (definition !== undefined && base !== undefined && isPartialReplacement(request, summary.physicalId)) {
      const note = await discardPartialReplacement(definition, base, undefined, summary.physicalId, deadline.answerEndsAt);
      return traced(failedDecision(request, action, `${summary.reason}. ${note}`));
    }
    return traced(failedDecision(request, action, summary.reason, summary.physicalId));
  }
}

export { baseInput, dispatch, finish, receivedFields };
export type { DispatchContext, Finishing };
