/**
 * Stack update and delete. An update sends Update only to resources whose properties changed;
 * an answer with a new physical id is a replacement, whose old id gets a Delete in the cleanup
 * phase. When the update fails (a custom resource, or a resource downstream), CloudFormation
 * rolls back: an Update back to the previous properties for resources updated in place, and, in
 * the rollback cleanup, a Delete of the new id of each resource that had been replaced.
 */
import { isDeepStrictEqual } from 'node:util';
import { TemplateError } from '../../framework/drift.js';
import type { ResourceState, Session, Step } from './session.js';
import { deleteAll, propertiesOf, recordParameters, run, setStatus } from './stack.js';

type Before = {
  readonly physicalId: string | undefined;
  readonly properties: Record<string, unknown> | undefined;
  readonly data: Record<string, string>;
};
type Change = {
  readonly state: ResourceState;
  readonly before: Before;
  readonly attempted: Record<string, unknown>;
  replaced: boolean;
  newId: string | undefined;
};

type UpdateOptions = {
  /** A resource (not custom) that fails after the custom resources were updated. */
  readonly failDownstream?: string;
};

function snapshot(state: ResourceState): Before {
  return { physicalId: state.physicalId, properties: state.properties, data: { ...state.data } };
}

async function updateOne(
  session: Session,
  state: ResourceState,
  changes: Change[],
): Promise<Step | 'unchanged' | TemplateError> {
  const properties = propertiesOf(session, state);
  if (properties instanceof TemplateError) return properties;
  if (isDeepStrictEqual(properties, state.properties)) return 'unchanged';
  const change: Change = {
    state,
    before: snapshot(state),
    attempted: properties,
    replaced: false,
    newId: undefined,
  };
  changes.push(change);
  const step = await run(session, {
    requestType: 'Update',
    logicalId: state.logicalId,
    resourceType: state.type,
    physicalId: state.physicalId,
    properties,
    oldProperties: state.properties,
  });
  if (step.result !== 'SUCCESS') return step;
  change.replaced = step.physicalId !== change.before.physicalId;
  change.newId = step.physicalId;
  state.physicalId = step.physicalId;
  state.properties = properties;
  state.data = { ...step.data };
  return step;
}

async function rollBack(
  session: Session,
  changes: readonly Change[],
  why: string,
): Promise<boolean> {
  setStatus(session, 'UPDATE_ROLLBACK_IN_PROGRESS', why);
  let ok = true;
  for (const change of [...changes].reverse()) {
    const { state, before } = change;
    if (change.replaced) {
      // No request: CloudFormation points the resource back at the old id, which still exists.
      session.standin.setStackResource({
        stack: session.stackId,
        logicalResourceId: state.logicalId,
        resourceType: state.type,
        physicalResourceId: before.physicalId,
        status: 'UPDATE_COMPLETE',
      });
      state.physicalId = before.physicalId;
      state.properties = before.properties;
      state.data = { ...before.data };
      continue;
    }
    const step = await run(session, {
      requestType: 'Update',
      logicalId: state.logicalId,
      resourceType: state.type,
      physicalId: state.physicalId,
      properties: before.properties ?? {},
      oldProperties: change.attempted,
    });
    if (step.result === 'SUCCESS') state.data = { ...step.data };
    else ok = false;
    state.properties = before.properties;
  }
  const replaced = changes.filter((change) => change.replaced);
  if (replaced.length > 0) setStatus(session, 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS');
  for (const change of [...replaced].reverse()) {
    const step = await run(session, {
      requestType: 'Delete',
      logicalId: change.state.logicalId,
      resourceType: change.state.type,
      physicalId: change.newId,
      properties: change.attempted,
    });
    if (step.result !== 'SUCCESS') ok = false;
  }
  setStatus(session, ok ? 'UPDATE_ROLLBACK_COMPLETE' : 'UPDATE_ROLLBACK_FAILED');
  return false;
}

/**
 * Updates the stack to new parameters.
 * @example
 * await updateStack(session, { ...session.parameters, Environment: 'staging' });
 */
async function updateStack(
  session: Session,
  parameters: Record<string, string>,
  options: UpdateOptions = {},
): Promise<boolean> {
  const previous = session.parameters;
  session.parameters = parameters;
  recordParameters(session);
  setStatus(session, 'UPDATE_IN_PROGRESS');
  const changes: Change[] = [];
  for (const state of session.resources.values()) {
    const outcome = await updateOne(session, state, changes);
    if (outcome === 'unchanged') continue;
    const failure =
      outcome instanceof TemplateError
        ? outcome.message
        : outcome.result === 'SUCCESS'
          ? undefined
          : `${state.logicalId} UPDATE_FAILED: ${outcome.reason ?? ''}`;
    if (failure !== undefined) {
      session.parameters = previous;
      recordParameters(session);
      return rollBack(session, changes, failure);
    }
  }
  if (options.failDownstream !== undefined) {
    session.parameters = previous;
    recordParameters(session);
    return rollBack(
      session,
      changes,
      `${options.failDownstream} UPDATE_FAILED (simulated failure downstream of the ` +
        `custom resources)`,
    );
  }
  const replaced = changes.filter((change) => change.replaced);
  if (replaced.length > 0) setStatus(session, 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS');
  for (const change of [...replaced].reverse()) {
    const { state, before } = change;
    await run(session, {
      requestType: 'Delete',
      logicalId: state.logicalId,
      resourceType: state.type,
      physicalId: before.physicalId,
      properties: before.properties ?? {},
    });
  }
  setStatus(session, 'UPDATE_COMPLETE');
  return true;
}

/**
 * Deletes the stack: Delete of every custom resource, in reverse creation order.
 * @example
 * await deleteStack(session);
 */
async function deleteStack(session: Session): Promise<boolean> {
  setStatus(session, 'DELETE_IN_PROGRESS');
  const ok = await deleteAll(session, [...session.resources.values()]);
  setStatus(session, ok ? 'DELETE_COMPLETE' : 'DELETE_FAILED');
  return ok;
}

export { deleteStack, updateStack };
export type { UpdateOptions };
