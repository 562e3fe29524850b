/**
 * A deployed stack for drift tests, behind DriftPorts: its processed template (text), parameters
 * as DescribeStacks shows them (NoEcho ones as `****`), tags and resources. Each port call is
 * logged by name, so a test can assert that drift detection only read.
 */
import type { DriftPorts, DriftStackResource, StackTag } from '../../../framework/index.js';

const stackId =
  'arn:aws:cloudformation:us-east-1:123456789012:stack/web/1b2c3d40-aaaa-11f0-8000-0a1b2c3d4e5f';

type FakeStack = {
  template: string;
  parameters: Record<string, string>;
  tags: StackTag[];
  resources: DriftStackResource[];
};

/** Ports answering for one stack named `web` (and listing it). */
function fakeStackPorts(stack: FakeStack, calls: string[] = []): DriftPorts {
  return {
    getTemplate: async () => {
      calls.push('GetTemplate');
      return stack.template;
    },
    describeStack: async () => {
      calls.push('DescribeStacks');
      return {
        stackId,
        stackName: 'web',
        status: 'UPDATE_COMPLETE',
        parameters: { ...stack.parameters },
        tags: [...stack.tags],
      };
    },
    describeStackResources: async () => {
      calls.push('DescribeStackResources');
      return [...stack.resources];
    },
    listStacks: async () => {
      calls.push('ListStacks');
      return [{ stackId, stackName: 'web', status: 'UPDATE_COMPLETE' }];
    },
  };
}

export { fakeStackPorts, stackId };
export type { FakeStack };
