/**
 * Drift detection's AWS side: cloudformation:GetTemplate (Processed stage), DescribeStacks,
 * DescribeStackResources and ListStacks. Read calls only. The client module is imported on first
 * use, so the request path never loads it.
 */
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type {
  DriftPorts,
  DriftStack,
  DriftStackResource,
  DriftStackSummary,
} from '../../framework/drift.js';
import { instrument } from './instrument.js';

type Cfn = { readonly client: CloudFormationClient; readonly sdk: typeof import('./drift-sdk.js') };

/** Stack statuses ListStacks is asked for: every one but DELETE_COMPLETE. */
const LiveStackStatuses = [
  'CREATE_IN_PROGRESS',
  'CREATE_FAILED',
  'CREATE_COMPLETE',
  'ROLLBACK_IN_PROGRESS',
  'ROLLBACK_FAILED',
  'ROLLBACK_COMPLETE',
  'DELETE_IN_PROGRESS',
  'DELETE_FAILED',
  'UPDATE_IN_PROGRESS',
  'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS',
  'UPDATE_COMPLETE',
  'UPDATE_FAILED',
  'UPDATE_ROLLBACK_IN_PROGRESS',
  'UPDATE_ROLLBACK_FAILED',
  'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS',
  'UPDATE_ROLLBACK_COMPLETE',
  'REVIEW_IN_PROGRESS',
  'IMPORT_IN_PROGRESS',
  'IMPORT_COMPLETE',
  'IMPORT_ROLLBACK_IN_PROGRESS',
  'IMPORT_ROLLBACK_FAILED',
  'IMPORT_ROLLBACK_COMPLETE',
] as const;

/** Most ListStacks pages read (100 stacks a page). */
const MaxStackPages = 50;

/**
 * DriftPorts backed by CloudFormation. `client` is for tests and tools that point elsewhere
 * (the stand-in); by default the SDK's standard settings decide the endpoint and region.
 * @example
 * const drifts = await checkStackDrift({
 *   stackName, ports: cloudFormationDriftPorts(), registry, signal, log,
 * });
 */
/** The SDK's send options for an optional signal. */
const sendOptions = (signal: AbortSignal | undefined) =>
  signal === undefined ? {} : { abortSignal: signal };

function cloudFormationDriftPorts(client?: CloudFormationClient): DriftPorts {
  let loading: Promise<Cfn> | undefined;
  const cfn = (): Promise<Cfn> =>
    (loading ??= import('./drift-sdk.js').then((sdk) => ({
      client: client ?? instrument(new sdk.CloudFormationClient({})),
      sdk,
    })));

  const getTemplate = async (stackName: string, signal?: AbortSignal): Promise<string> => {
    const { client: cf, sdk } = await cfn();
    const answer = await cf.send(
      new sdk.GetTemplateCommand({ StackName: stackName, TemplateStage: 'Processed' }),
      sendOptions(signal),
    );
    return answer.TemplateBody ?? '';
  };

  const describeStack = async (stackName: string, signal?: AbortSignal): Promise<DriftStack> => {
    const { client: cf, sdk } = await cfn();
    const answer = await cf.send(
      new sdk.DescribeStacksCommand({ StackName: stackName }),
      sendOptions(signal),
    );
    const stack = answer.Stacks?.[0];
    const parameters: Record<string, string> = {};
    for (const parameter of stack?.Parameters ?? []) {
      if (parameter.ParameterKey !== undefined)
        parameters[parameter.ParameterKey] =
          parameter.ResolvedValue ?? parameter.ParameterValue ?? '';
    }
    const tags = (stack?.Tags ?? []).flatMap((tag) =>
      tag.Key !== undefined && tag.Value !== undefined ? [{ Key: tag.Key, Value: tag.Value }] : [],
    );
    return {
      stackId: stack?.StackId ?? stackName,
      stackName: stack?.StackName ?? stackName,
      status: stack?.StackStatus,
      parameters,
      tags,
    };
  };

  const describeStackResources = async (
    stackName: string,
    signal?: AbortSignal,
  ): Promise<readonly DriftStackResource[]> => {
    const { client: cf, sdk } = await cfn();
    const answer = await cf.send(
      new sdk.DescribeStackResourcesCommand({ StackName: stackName }),
      sendOptions(signal),
    );
    return (answer.StackResources ?? []).flatMap((resource) =>
      resource.LogicalResourceId === undefined || resource.ResourceType === undefined
        ? []
        : [
            {
              logicalResourceId: resource.LogicalResourceId,
              physicalResourceId: resource.PhysicalResourceId || undefined,
              resourceType: resource.ResourceType,
              status: resource.ResourceStatus,
            },
          ],
    );
  };

  const listStacks = async (signal?: AbortSignal): Promise<readonly DriftStackSummary[]> => {
    const { client: cf, sdk } = await cfn();
    const stacks: DriftStackSummary[] = [];
    let NextToken: string | undefined;
    for (let page = 0; page < MaxStackPages; page += 1) {
      const answer = await cf.send(
        new sdk.ListStacksCommand({ NextToken, StackStatusFilter: [...LiveStackStatuses] }),
        sendOptions(signal),
      );
      for (const summary of answer.StackSummaries ?? []) {
        if (
          summary.StackName !== undefined &&
          summary.StackId !== undefined &&
          summary.StackStatus !== 'DELETE_COMPLETE'
        ) {
          stacks.push({
            stackId: summary.StackId,
            stackName: summary.StackName,
            status: summary.StackStatus,
          });
        }
      }
      NextToken = answer.NextToken;
      if (NextToken === undefined || NextToken === '') break;
    }
    return stacks;
  };

  return { getTemplate, describeStack, describeStackResources, listStacks };
}

export { cloudFormationDriftPorts };
