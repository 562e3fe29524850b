/**
 * The EC2 service: one table from action to handler, the response envelope, DryRun and the
 * `InvalidAction` answer for everything not implemented.
 */
import { ApiError } from './errors.js';
import {
  deregisterImage,
  describeImageAttribute,
  describeImages,
  modifyImageAttribute,
} from './image-actions.js';
import { describeInstanceTypes } from './instance-types.js';
import {
  createPlacementGroup,
  deletePlacementGroup,
  describePlacementGroups,
} from './placement-group-actions.js';
import type { Params } from './query.js';
import { registerImage } from './register-image.js';
import { unimplementedMessage } from './reply.js';
import type { Reply } from './reply.js';
import { deleteSnapshot, describeSnapshots } from './snapshot-actions.js';
import { createTags, deleteTags } from './tag-actions.js';
import { ec2Success, errorReply } from './wire.js';
import type { World } from './world.js';
import type { Xml } from './xml.js';

/** One EC2 action: reads Query params, changes state, returns the response body. */
type Ec2Action = (world: World, params: Params) => Xml;

const ACTIONS: Readonly<Record<string, Ec2Action>> = {
  CreatePlacementGroup: createPlacementGroup,
  DescribePlacementGroups: describePlacementGroups,
  DeletePlacementGroup: deletePlacementGroup,
  CreateTags: createTags,
  DeleteTags: deleteTags,
  DescribeInstanceTypes: describeInstanceTypes,
  RegisterImage: registerImage,
  DescribeImages: describeImages,
  DeregisterImage: deregisterImage,
  ModifyImageAttribute: modifyImageAttribute,
  DescribeImageAttribute: describeImageAttribute,
  DescribeSnapshots: describeSnapshots,
  DeleteSnapshot: deleteSnapshot,
};

/** Answers one EC2 Query request. */
const handleEc2 = (world: World, action: string, params: Params, requestId: string): Reply => {
  const handler = ACTIONS[action];
  if (!handler) {
    return {
      ...errorReply('ec2', requestId, 400, 'InvalidAction', unimplementedMessage('ec2', action)),
      unimplemented: true,
    };
  }
  try {
    if (params.DryRun === 'true') {
      // EC2 answers a permitted DryRun with an error, status 412.
      throw new ApiError(
        'DryRunOperation',
        'Request would have succeeded, but DryRun flag is set.',
        412,
      );
    }
    return ec2Success(action, requestId, handler(world, params));
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return errorReply('ec2', requestId, error.status, error.code, error.message);
  }
};

/** The EC2 actions the stand-in implements. */
const EC2_ACTIONS: readonly string[] = Object.keys(ACTIONS);

export { handleEc2, EC2_ACTIONS };
