/**
 * What a stack's template values stand for, as CloudFormation resolved them: parameters (from
 * DescribeStacks), pseudo parameters (from the StackId), and `Ref` of a resource (its physical
 * id, from DescribeStackResources). What cannot be known from outside the deployment is
 * unresolvable, never guessed: a NoEcho parameter (DescribeStacks shows `****`), `Fn::GetAtt`
 * (an attribute CloudFormation holds but does not show), `Fn::ImportValue`, AWS::NotificationARNs.
 */
import { UnresolvableError } from '../../framework/drift.js';
import type { DriftStack, DriftStackResource, EvalContext } from '../../framework/drift.js';
import type { StackTemplate } from './template.js';

/** What DescribeStacks shows for a NoEcho parameter. */
const MaskedParameter = '****';

function isNoEcho(template: StackTemplate, name: string): boolean {
  const flag = template.parameters[name]?.NoEcho;
  return flag === true || (typeof flag === 'string' && flag.toLowerCase() === 'true');
}

/**
 * Pseudo parameters read from the StackId ARN
 * (`arn:<partition>:cloudformation:<region>:<account>:stack/…`).
 */
function pseudoParameters(stack: DriftStack): Record<string, string> {
  const [, partition = 'aws', , region = '', account = ''] = stack.stackId.split(':');
  const suffix = partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  return {
    'AWS::StackName': stack.stackName,
    'AWS::StackId': stack.stackId,
    'AWS::Region': region,
    'AWS::AccountId': account,
    'AWS::Partition': partition,
    'AWS::URLSuffix': suffix,
  };
}

/**
 * The evaluation context of a deployed stack.
 * @example
 * evaluate(template.resources.Cluster.Properties, stackContext(template, stack, resources))
 */
function stackContext(
  template: StackTemplate,
  stack: DriftStack,
  resources: readonly DriftStackResource[],
): EvalContext {
  const parameters: Record<string, string> = { ...pseudoParameters(stack) };
  const hidden = new Set<string>();
  for (const [name, value] of Object.entries(stack.parameters)) {
    if (isNoEcho(template, name) || value === MaskedParameter) hidden.add(name);
    else parameters[name] = value;
  }
  const physicalIds = new Map(
    resources.map((resource) => [resource.logicalResourceId, resource.physicalResourceId]),
  );
  return {
    parameters,
    conditions: template.conditions,
    mappings: template.mappings,
    ref: (name) => {
      if (hidden.has(name))
        throw new UnresolvableError(`it comes from the NoEcho parameter ${name}`);
      if (name === 'AWS::NotificationARNs')
        throw new UnresolvableError('it comes from AWS::NotificationARNs');
      const physicalId = physicalIds.get(name);
      if (physicalId === undefined)
        throw new UnresolvableError(`it refers to ${name}, which has no physical id in the stack`);
      return physicalId;
    },
    attribute: (logicalId, name) => {
      throw new UnresolvableError(`it comes from Fn::GetAtt ${logicalId}.${name}`);
    },
    importValue: (name) => {
      throw new UnresolvableError(`it comes from Fn::ImportValue ${name}`);
    },
  };
}

export { MaskedParameter, stackContext };
