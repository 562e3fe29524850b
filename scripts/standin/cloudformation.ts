/**
 * The CloudFormation service: one table from action to handler, the Query envelope, and the
 * `InvalidAction` answer for everything not implemented.
 */
import { ApiError } from './errors.js';
import type { Params } from './query.js';
import { unimplementedMessage } from './reply.js';
import type { Reply } from './reply.js';
import { listStacks } from './list-stacks.js';
import {
  describeStackEvents,
  describeStackResource,
  describeStackResources,
  describeStacks,
} from './stack-actions.js';
import { getTemplate } from './stack-template-actions.js';
import { errorReply, querySuccess } from './wire.js';
import type { World } from './world.js';
import type { Xml } from './xml.js';

const ACTIONS: Readonly<Record<string, (world: World, params: Params) => Xml>> = {
  DescribeStacks: describeStacks,
  DescribeStackResource: describeStackResource,
  DescribeStackResources: describeStackResources,
  DescribeStackEvents: describeStackEvents,
  GetTemplate: getTemplate,
  ListStacks: listStacks,
};

/** Answers one CloudFormation Query request. */
const handleCloudFormation = (
  world: World,
  action: string,
  params: Params,
  requestId: string,
): Reply => {
  const handler = ACTIONS[action];
  if (!handler) {
    return {
      ...errorReply(
        'cloudformation',
        requestId,
        400,
        'InvalidAction',
        unimplementedMessage('cloudformation', action),
      ),
      unimplemented: true,
    };
  }
  try {
    return querySuccess(action, requestId, handler(world, params));
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return errorReply('cloudformation', requestId, error.status, error.code, error.message);
  }
};

export { handleCloudFormation };
