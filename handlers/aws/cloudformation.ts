/**
 * The stack port's AWS side: cloudformation:DescribeStacks (rollback detection, cleanup phase,
 * stack tags), DescribeStackResource and DescribeStackEvents (confirming that CloudFormation sent
 * a request). The client module is imported on first use. CloudFormation answers an unknown stack
 * or logical id with the error code `ValidationError` and texts that differ per call, so only
 * the code is read.
 */
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type {
  ResourceEvent,
  StackDescription,
  StackPort,
  StackResourceView,
} from '../../framework/index.js';
import { awsErrorCode } from '../../framework/index.js';
import { instrument } from './instrument.js';

/** Most pages of events read to find a cleanup's Delete (newest first, 100 a page). */
const MaxEventPages = 3;

let client:
  | Promise<{ client: CloudFormationClient; module: typeof import('./cloudformation-sdk.js') }>
  | undefined;

function loadClient() {
  client ??= import('./cloudformation-sdk.js').then((module) => ({
    client: instrument(new module.CloudFormationClient({})),
    module,
  }));
  return client;
}

async function describe(stackId: string, signal: AbortSignal): Promise<StackDescription> {
  const { client: cfn, module } = await loadClient();
  const answer = await cfn.send(new module.DescribeStacksCommand({ StackName: stackId }), {
    abortSignal: signal,
  });
  const stack = answer.Stacks?.[0];
  const tags = (stack?.Tags ?? []).flatMap((tag) =>
    tag.Key !== undefined && tag.Value !== undefined ? [{ Key: tag.Key, Value: tag.Value }] : [],
  );
  return { status: stack?.StackStatus, tags };
}

async function resource(
  stackId: string,
  logicalResourceId: string,
  signal: AbortSignal,
): Promise<StackResourceView> {
  const { client: cfn, module } = await loadClient();
  try {
    const { StackResourceDetail: detail } = await cfn.send(
      new module.DescribeStackResourceCommand({
        StackName: stackId,
        LogicalResourceId: logicalResourceId,
      }),
      { abortSignal: signal },
    );
    if (detail?.ResourceType === undefined || detail.ResourceStatus === undefined)
      return { found: false };
    return {
      found: true,
      resourceType: detail.ResourceType,
      status: detail.ResourceStatus,
      physicalId: detail.PhysicalResourceId || undefined,
    };
  } catch (error) {
    if (awsErrorCode(error) === 'ValidationError') return { found: false };
    throw error;
  }
}

async function resourceEvents(
  stackId: string,
  logicalResourceId: string,
  signal: AbortSignal,
): Promise<readonly ResourceEvent[]> {
  const { client: cfn, module } = await loadClient();
  const events: ResourceEvent[] = [];
  let NextToken: string | undefined;
  for (let page = 0; page < MaxEventPages; page += 1) {
    const answer = await cfn.send(
      new module.DescribeStackEventsCommand({ StackName: stackId, NextToken }),
      { abortSignal: signal },
    );
    for (const event of answer.StackEvents ?? []) {
      if (event.LogicalResourceId === logicalResourceId && event.ResourceStatus !== undefined)
        events.push({
          physicalId: event.PhysicalResourceId || undefined,
          status: event.ResourceStatus,
        });
    }
    NextToken = answer.NextToken;
    if (NextToken === undefined || NextToken === '') break;
  }
  return events;
}

/**
 * A StackPort backed by CloudFormation's read calls.
 * @example
 * createHandler({ resources, stacks: cloudFormationStacks() });
 */
function cloudFormationStacks(): StackPort {
  return { describe, resource, resourceEvents };
}

export { cloudFormationStacks };
