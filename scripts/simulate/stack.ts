/**
 * CloudFormation's stack operations over the custom resources of a template: create (rolling
 * back on failure), update (only resources whose properties changed; cleanup deletes of
 * replaced ids; rollback updates and rollback cleanup on failure) and delete. Each stack status
 * and each request moves the stand-in's view of the stack as it moves CloudFormation's.
 */
import { sendRequest } from './cloudformation.js';
import type { RequestSpec } from './cloudformation.js';
import { TemplateError } from '../../framework/drift.js';
import { stackParameters } from './parameters.js';
import { resolvedProperties } from './resolve.js';
import type { ResourceState, Session, Step } from './session.js';

async function run(session: Session, spec: RequestSpec): Promise<Step> {
  const step = await sendRequest(session, spec);
  session.steps.push(step);
  session.emit({ kind: 'step', step });
  return step;
}

function setStatus(session: Session, status: string, note?: string): void {
  session.status = status;
  session.standin.setStackStatus(session.stackId, status);
  session.emit({ kind: 'status', status, note });
}

/** Keeps the stack's parameters in CloudFormation's view (DescribeStacks) the session's. */
function recordParameters(session: Session): void {
  session.standin.putStack({
    stackId: session.stackId,
    parameters: stackParameters(session.template, session.parameters),
  });
}

/** A request CloudFormation could not even build fails its resource with the template error. */
function notSent(
  session: Session,
  state: ResourceState,
  requestType: Step['requestType'],
  error: TemplateError,
): Step {
  session.standin.setStackResource({
    stack: session.stackId,
    logicalResourceId: state.logicalId,
    resourceType: state.type,
    physicalResourceId: state.physicalId,
    status: `${requestType.toUpperCase()}_FAILED`,
    statusReason: error.message,
  });
  const step: Step = {
    index: session.steps.length + 1,
    stackStatus: session.status,
    requestType,
    logicalId: state.logicalId,
    resourceType: state.type,
    requestId: '-',
    via: session.transport,
    sentPhysicalId: state.physicalId,
    result: 'NOT SENT',
    physicalId: state.physicalId,
    reason: error.message,
    data: {},
    noEcho: false,
    bodyBytes: undefined,
    action: undefined,
    ms: 0,
    deliveries: 0,
    answers: 0,
    consistentAnswers: true,
    redeliveryChanges: [],
    waits: [],
    note: 'CloudFormation could not resolve the properties',
  };
  session.steps.push(step);
  session.emit({ kind: 'step', step });
  return step;
}

/** Properties for a resource now, or the TemplateError CloudFormation would fail it with. */
function propertiesOf(
  session: Session,
  state: ResourceState,
): Record<string, unknown> | TemplateError {
  try {
    return resolvedProperties(session, state.logicalId);
  } catch (error) {
    if (error instanceof TemplateError) return error;
    throw error;
  }
}

async function deleteAll(session: Session, order: readonly ResourceState[]): Promise<boolean> {
  let ok = true;
  for (const state of [...order].reverse()) {
    if (state.physicalId === undefined) continue;
    const step = await run(session, {
      requestType: 'Delete',
      logicalId: state.logicalId,
      resourceType: state.type,
      physicalId: state.physicalId,
      properties: state.properties ?? {},
    });
    if (step.result !== 'SUCCESS') ok = false;
  }
  return ok;
}

/**
 * Creates the stack; on a failure rolls back (Delete of every resource that has an id).
 * @example
 * const created = await createStack(session);
 */
async function createStack(session: Session): Promise<boolean> {
  setStatus(session, 'CREATE_IN_PROGRESS');
  const touched: ResourceState[] = [];
  for (const state of session.resources.values()) {
    const properties = propertiesOf(session, state);
    touched.push(state);
    const step =
      properties instanceof TemplateError
        ? notSent(session, state, 'Create', properties)
        : await run(session, {
            requestType: 'Create',
            logicalId: state.logicalId,
            resourceType: state.type,
            properties,
          });
    if (!(properties instanceof TemplateError)) state.properties = properties;
    state.physicalId = step.physicalId;
    state.data = { ...step.data };
    if (step.result !== 'SUCCESS') {
      setStatus(
        session,
        'ROLLBACK_IN_PROGRESS',
        `${state.logicalId} CREATE_FAILED: ${step.reason ?? ''}`,
      );
      const cleaned = await deleteAll(session, touched);
      setStatus(session, cleaned ? 'ROLLBACK_COMPLETE' : 'ROLLBACK_FAILED');
      return false;
    }
  }
  setStatus(session, 'CREATE_COMPLETE');
  return true;
}

export { createStack, deleteAll, propertiesOf, recordParameters, run, setStatus };
