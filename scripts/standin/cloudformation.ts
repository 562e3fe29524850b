/**
 * The CloudFormation service: DescribeStacks by stack id or name, with the Query error
 * `ValidationError` for a stack that does not exist.
 */
import { ApiError } from './errors.js';
import type { Params } from './query.js';
import { unimplementedMessage } from './reply.js';
import type { Reply } from './reply.js';
import type { StackRecord } from './stacks.js';
import { errorReply, querySuccess } from './wire.js';
import type { World } from './world.js';
import { el, field, list } from './xml.js';
import type { Xml } from './xml.js';

const stackXml = (stack: StackRecord): Xml[] => [
  el('StackId', stack.stackId),
  el('StackName', stack.stackName),
  el('CreationTime', stack.creationTime.toISOString()),
  el('StackStatus', stack.status),
  field('StackStatusReason', stack.statusReason),
  el('DisableRollback', false),
  list('Tags', stack.tags, (tag) => [el('Key', tag.Key), el('Value', tag.Value)], 'member'),
];

const describeStacks = (world: World, params: Params): Xml => {
  const name = params['StackName'];
  if (name === undefined) return list('Stacks', world.stacks.all(), stackXml, 'member');
  const stack = world.stacks.find(name);
  if (!stack) throw new ApiError('ValidationError', `Stack with id ${name} does not exist`);
  return list('Stacks', [stack], stackXml, 'member');
};

/** Answers one CloudFormation Query request. */
const handleCloudFormation = (world: World, action: string, params: Params, requestId: string): Reply => {
  if (action !== 'DescribeStacks') {
    return { ...errorReply('cloudformation', requestId, 400, 'InvalidAction', unimplementedMessage('cloudformation', action)), unimplemented: true };
  }
  try {
    return querySuccess(action, requestId, describeStacks(world, params));
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return errorReply('cloudformation', requestId, error.status, error.code, error.message);
  }
};

export { handleCloudFormation };
