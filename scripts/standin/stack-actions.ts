/**
 * The CloudFormation Query actions about stacks: DescribeStacks, DescribeStackResource,
 * DescribeStackResources and DescribeStackEvents, with CloudFormation's own `ValidationError`
 * messages.
 */
import { ApiError } from './errors.js';
import type { Params } from './query.js';
import type { StackEventRecord } from './stack-events.js';
import type { StackResourceRecord } from './stack-resources.js';
import type { StackRecord } from './stacks.js';
import type { World } from './world.js';
import { el, field, join, list } from './xml.js';
import type { Xml } from './xml.js';

/** A required parameter, missing: CloudFormation names it in camel case. */
const requiredParam = (params: Params, name: string): string => {
  const value = params[name];
  if (value === undefined || value === '') {
    const member = `${name.charAt(0).toLowerCase()}${name.slice(1)}`;
    throw new ApiError(
      'ValidationError',
      `1 validation error detected: Value null at '${member}' failed to satisfy ` +
        `constraint: Member must not be null`,
    );
  }
  return value;
};

const stackXml = (stack: StackRecord): Xml[] => [
  el('StackId', stack.stackId),
  el('StackName', stack.stackName),
  el('CreationTime', stack.creationTime.toISOString()),
  el('StackStatus', stack.status),
  field('StackStatusReason', stack.statusReason),
  el('DisableRollback', false),
  // CloudFormation masks a NoEcho parameter's value in every describe call.
  list(
    'Parameters',
    stack.parameters,
    (parameter) => [
      el('ParameterKey', parameter.key),
      el('ParameterValue', parameter.noEcho === true ? '****' : parameter.value),
    ],
    'member',
  ),
  list('Tags', stack.tags, (tag) => [el('Key', tag.Key), el('Value', tag.Value)], 'member'),
];

/**
 * A stack resource's fields, as DescribeStackResource (time in `LastUpdatedTimestamp`) and
 * DescribeStackResources (`Timestamp`) give them.
 */
const resourceFields = (
  stack: StackRecord,
  resource: StackResourceRecord,
  timeField: 'LastUpdatedTimestamp' | 'Timestamp',
): Xml[] => [
  el('StackName', stack.stackName),
  el('StackId', stack.stackId),
  el('LogicalResourceId', resource.logicalResourceId),
  field('PhysicalResourceId', resource.physicalResourceId),
  el('ResourceType', resource.resourceType),
  el(timeField, resource.lastUpdated.toISOString()),
  el('ResourceStatus', resource.status),
  field('ResourceStatusReason', resource.statusReason),
];

const resourceXml = (stack: StackRecord, resource: StackResourceRecord): Xml =>
  el('StackResourceDetail', ...resourceFields(stack, resource, 'LastUpdatedTimestamp'));

/** One `StackResources` member of DescribeStackResources. */
const resourceMemberXml = (stack: StackRecord, resource: StackResourceRecord): Xml[] =>
  resourceFields(stack, resource, 'Timestamp');

const eventXml = (event: StackEventRecord): Xml[] => [
  el('StackId', event.stackId),
  el('EventId', event.eventId),
  el('StackName', event.stackName),
  el('LogicalResourceId', event.logicalResourceId),
  field('PhysicalResourceId', event.physicalResourceId),
  el('ResourceType', event.resourceType),
  el('Timestamp', event.timestamp.toISOString()),
  el('ResourceStatus', event.status),
  field('ResourceStatusReason', event.statusReason),
];

/** DescribeStacks: all stacks, or one by id or name. */
const describeStacks = (world: World, params: Params): Xml => {
  const name = params.StackName;
  if (name === undefined) return list('Stacks', world.stacks.all(), stackXml, 'member');
  const stack = world.stacks.find(name);
  if (!stack) throw new ApiError('ValidationError', `Stack with id ${name} does not exist`);
  return list('Stacks', [stack], stackXml, 'member');
};

/** DescribeStackResource: one resource of a stack, by logical id. */
const describeStackResource = (world: World, params: Params): Xml => {
  const name = requiredParam(params, 'StackName');
  const logicalId = requiredParam(params, 'LogicalResourceId');
  const stack = world.stacks.find(name);
  if (!stack) throw new ApiError('ValidationError', `Stack '${name}' does not exist`);
  const resource = stack.resources.get(logicalId);
  if (!resource)
    throw new ApiError(
      'ValidationError',
      `Resource ${logicalId} does not exist for stack ${stack.stackName}`,
    );
  return resourceXml(stack, resource);
};

/**
 * DescribeStackResources: every resource of a stack by id or name (optionally one logical id),
 * unpaged as CloudFormation answers it.
 */
const describeStackResources = (world: World, params: Params): Xml => {
  const name = params.StackName;
  if (name === undefined || name === '')
    throw new ApiError(
      'ValidationError',
      'The stand-in finds stack resources by StackName only (PhysicalResourceId is not supported)',
    );
  const stack = world.stacks.find(name);
  if (!stack) throw new ApiError('ValidationError', `Stack with id ${name} does not exist`);
  const logicalId = params.LogicalResourceId;
  const resources = [...stack.resources.values()].filter(
    (resource) => logicalId === undefined || resource.logicalResourceId === logicalId,
  );
  return list(
    'StackResources',
    resources,
    (resource) => resourceMemberXml(stack, resource),
    'member',
  );
};

/** DescribeStackEvents: a stack's events, newest first, one page at a time. */
const describeStackEvents = (world: World, params: Params): Xml => {
  const name = requiredParam(params, 'StackName');
  const stack = world.stacks.find(name);
  if (!stack) throw new ApiError('ValidationError', `Stack [${name}] does not exist`);
  const page = stack.events.page(world.stacks.eventsPageSize, params.NextToken);
  return join(
    list('StackEvents', page.events, eventXml, 'member'),
    field('NextToken', page.nextToken),
  );
};

export { describeStackEvents, describeStackResource, describeStackResources, describeStacks };
