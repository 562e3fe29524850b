/**
 * The stack port's AWS side: cloudformation:DescribeStacks. The client module is imported on
 * first use, so requests that never need it (Create, Delete) do not pay for loading it.
 */
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { StackDescription, StackPort } from '../../framework/index.js';
import { instrument } from './instrument.js';

let client: Promise<{ client: CloudFormationClient; module: typeof import('./cloudformation-sdk.js') }> | undefined;

function loadClient() {
  client ??= import('./cloudformation-sdk.js').then((module) => ({ client: instrument(new module.CloudFormationClient({})), module }));
  return client;
}

/**
 * A StackPort backed by DescribeStacks.
 * @example
 * createHandler({ resources, stacks: cloudFormationStacks() });
 */
function cloudFormationStacks(): StackPort {
  return {
    async describe(stackId: string, signal: AbortSignal): Promise<StackDescription> {
      const { client: cfn, module } = await loadClient();
      const answer = await cfn.send(new module.DescribeStacksCommand({ StackName: stackId }), { abortSignal: signal });
      const stack = answer.Stacks?.[0];
      const tags = (stack?.Tags ?? []).flatMap((tag) => (tag.Key !== undefined && tag.Value !== undefined ? [{ Key: tag.Key, Value: tag.Value }] : []));
      return { status: stack?.StackStatus, tags };
    },
  };
}

export { cloudFormationStacks };
