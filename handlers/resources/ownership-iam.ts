/**
 * The IAM conditions that hold the handler's role to what crkit owns, shared by every resource
 * type that creates something in AWS: a creating call must carry the ownership tag, tags are
 * written by the creating call alone or on what is already owned, and changes and deletions reach
 * only what carries the ownership tag.
 */
import type { IamConditions } from '../../framework/index.js';
import { OwnershipTagKeys } from './ownership.js';

/** A CloudFormation stack of this partition and region, in any account. */
const AnyAccountStack = 'arn:${AWS::Partition}:cloudformation:${AWS::Region}:*:stack/*';

/**
 * A creating call is allowed only with `crkit:stack-id` in its tags (TagSpecifications). The tag
 * holds the requesting stack's id, which names another account when an organization publishes
 * requests.
 * @example
 * const create = { actions: ['ec2:RegisterImage'], conditions: createdWithOwnershipTag, … };
 */
const createdWithOwnershipTag: IamConditions = {
  StringLike: { [`aws:RequestTag/${OwnershipTagKeys.stackId}`]: AnyAccountStack },
};

/**
 * Tags written by the creating call itself (TagSpecifications), which is how `crkit:stack-id`
 * gets onto what crkit creates: `ec2:CreateTags` authorised only as part of `creatingAction`.
 * @example
 * const onCreate = taggedByCreatingCall('RegisterImage');
 */
function taggedByCreatingCall(creatingAction: string): IamConditions {
  return { StringEquals: { 'ec2:CreateAction': creatingAction } };
}

/**
 * Changing and deleting only what crkit created: crkit tags everything it creates with
 * `crkit:stack-id` on creation, and may not add that tag to anything else afterwards.
 * @example
 * const change = { actions: ['ec2:DeregisterImage'], conditions: ownedByCrkit, … };
 */
const ownedByCrkit: IamConditions = {
  Null: { [`aws:ResourceTag/${OwnershipTagKeys.stackId}`]: 'false' },
};

export { createdWithOwnershipTag, ownedByCrkit, taggedByCreatingCall };
