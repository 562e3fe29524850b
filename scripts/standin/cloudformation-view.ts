/**
 * CloudFormation's view of a custom resource while it talks to the resource's provider: the
 * state it puts the resource in when it sends a request, and the state the answer leaves it in.
 * Every player of CloudFormation (tests, the simulator) goes through here, so the view a
 * handler reads with DescribeStackResource and DescribeStackEvents is the one real
 * CloudFormation would show.
 */
import type {
  CustomResourceAnswer,
  CustomResourceRequest,
  RequestType,
} from './custom-resource-request.js';
import { STACK_RESOURCE_TYPE } from './stack-events.js';
import { changeResource, recordEvent } from './stack-resources.js';
import type { StackRecord, StackStore } from './stacks.js';

/** The operation word of each request type in resource statuses (`CREATE_…`). */
const OPERATION: Readonly<Record<RequestType, string>> = {
  Create: 'CREATE',
  Update: 'UPDATE',
  Delete: 'DELETE',
};

const inProgress = (type: RequestType): string => `${OPERATION[type]}_IN_PROGRESS`;

/** The stack status of a stack first seen through a request of this type. */
const NEW_STACK_STATUS: Readonly<Record<RequestType, string>> = {
  Create: 'CREATE_IN_PROGRESS',
  Update: 'UPDATE_IN_PROGRESS',
  Delete: 'DELETE_IN_PROGRESS',
};

/**
 * A Delete of an id the resource no longer has, while the stack cleans up after a replacement
 * (`UPDATE_COMPLETE_CLEANUP_IN_PROGRESS` or `UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS`).
 */
const isCleanupDelete = (stack: StackRecord, request: CustomResourceRequest): boolean => {
  const current = stack.resources.get(request.LogicalResourceId);
  return (
    request.RequestType === 'Delete' &&
    stack.status.endsWith('_CLEANUP_IN_PROGRESS') &&
    current !== undefined &&
    current.physicalResourceId !== request.PhysicalResourceId
  );
};

/** The latest event about one physical id of a resource. */
const latestEventOf = (
  stack: StackRecord,
  logicalResourceId: string,
  physicalResourceId: string | undefined,
) =>
  stack.events
    .newestFirst()
    .find(
      (event) =>
        event.logicalResourceId === logicalResourceId &&
        event.physicalResourceId === physicalResourceId &&
        event.resourceType !== STACK_RESOURCE_TYPE,
    );

/**
 * Puts the resource in the state CloudFormation is in when it sends `request`, registering the
 * stack and the resource when new: Create → `CREATE_IN_PROGRESS` without a physical id; Update →
 * `UPDATE_IN_PROGRESS` and Delete → `DELETE_IN_PROGRESS` with the request's physical id. A
 * cleanup Delete leaves the resource as it is and only appends a `DELETE_IN_PROGRESS` event for
 * the old id. Returns false, changing nothing, for a RequestId already sent (a redelivery).
 */
const requestSent = (stacks: StackStore, request: CustomResourceRequest): boolean => {
  const stack =
    stacks.get(request.StackId) ??
    stacks.put({ stackId: request.StackId, status: NEW_STACK_STATUS[request.RequestType] });
  if (request.RequestId !== undefined) {
    if (stack.sentRequestIds.has(request.RequestId)) return false;
    stack.sentRequestIds.add(request.RequestId);
  }
  const state = {
    logicalResourceId: request.LogicalResourceId,
    resourceType: request.ResourceType,
    status: inProgress(request.RequestType),
  };
  if (isCleanupDelete(stack, request))
    recordEvent(stack, { ...state, physicalResourceId: request.PhysicalResourceId });
  else
    changeResource(stack, {
      ...state,
      physicalResourceId: request.RequestType === 'Create' ? undefined : request.PhysicalResourceId,
    });
  return true;
};

/** Whether the answer carries what CloudFormation needs to accept a SUCCESS. */
const usableSuccess = (answer: CustomResourceAnswer): boolean =>
  answer.Status === 'SUCCESS' &&
  typeof answer.PhysicalResourceId === 'string' &&
  answer.PhysicalResourceId !== '';

const finalStatus = (
  type: RequestType,
  answer: CustomResourceAnswer,
): { status: string; reason: string | undefined } =>
  usableSuccess(answer)
    ? { status: `${OPERATION[type]}_COMPLETE`, reason: undefined }
    : {
        status: `${OPERATION[type]}_FAILED`,
        reason: answer.Status === 'SUCCESS' ? 'Invalid PhysicalResourceId' : answer.Reason,
      };

/**
 * Records the answer to `request` as CloudFormation does: Create → `CREATE_COMPLETE` or
 * `CREATE_FAILED` with the answered id; Update → `UPDATE_COMPLETE` with the answered id or
 * `UPDATE_FAILED` keeping the old one; Delete → `DELETE_COMPLETE` or `DELETE_FAILED`. A cleanup
 * Delete only appends the event for the old id. Returns false, changing nothing, when
 * CloudFormation no longer waits for this answer (a second answer, or the resource moved on).
 */
const answerReceived = (
  stacks: StackStore,
  request: CustomResourceRequest,
  answer: CustomResourceAnswer,
): boolean => {
  const stack = stacks.get(request.StackId);
  const resource = stack?.resources.get(request.LogicalResourceId);
  if (stack === undefined || resource === undefined) return false;
  const { status, reason } = finalStatus(request.RequestType, answer);
  const state = {
    logicalResourceId: request.LogicalResourceId,
    resourceType: request.ResourceType,
    status,
    statusReason: reason,
  };
  if (
    request.RequestType === 'Delete' &&
    resource.physicalResourceId !== request.PhysicalResourceId
  ) {
    const pending =
      latestEventOf(stack, request.LogicalResourceId, request.PhysicalResourceId)?.status ===
      'DELETE_IN_PROGRESS';
    if (pending) recordEvent(stack, { ...state, physicalResourceId: request.PhysicalResourceId });
    return pending;
  }
  const waiting =
    resource.status === inProgress(request.RequestType) &&
    (request.RequestType === 'Create' ||
      resource.physicalResourceId === request.PhysicalResourceId);
  if (!waiting) return false;
  const keepsId =
    request.RequestType === 'Delete' ||
    (request.RequestType === 'Update' && !usableSuccess(answer));
  changeResource(stack, {
    ...state,
    physicalResourceId: keepsId ? resource.physicalResourceId : answer.PhysicalResourceId,
  });
  return true;
};

export { answerReceived, requestSent };
