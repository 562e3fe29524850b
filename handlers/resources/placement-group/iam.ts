/**
 * What Custom::PlacementGroup needs from the handler's role (cloudformation:DescribeStacks, for
 * stack tags and rollback detection, is the framework's): least privilege, on this account's and
 * region's placement groups, creating only with the ownership tag and changing only what crkit
 * owns.
 */
import type { IamStatement } from '../../../framework/index.js';
import { createdWithOwnershipTag, ownedByCrkit, taggedByCreatingCall } from '../ownership-iam.js';

const Groups = 'arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:placement-group/*';

/**
 * `ec2:CreateTags` is needed twice: for tag updates, and because EC2 authorises CreateTags on the
 * new group when CreatePlacementGroup carries TagSpecifications.
 * @example
 * defineResource({ …, iamStatements: placementGroupIamStatements });
 */
const placementGroupIamStatements: readonly IamStatement[] = [
  // EC2 Describe* calls support no resource-level permissions.
  {
    sid: 'Describe',
    actions: ['ec2:DescribePlacementGroups', 'ec2:DescribeInstanceTypes'],
    resources: ['*'],
  },
  {
    sid: 'CreateTagged',
    actions: ['ec2:CreatePlacementGroup'],
    resources: [Groups],
    conditions: createdWithOwnershipTag,
  },
  {
    sid: 'TagOnCreate',
    actions: ['ec2:CreateTags'],
    resources: [Groups],
    conditions: taggedByCreatingCall('CreatePlacementGroup'),
  },
  {
    sid: 'ChangeOwned',
    actions: ['ec2:DeletePlacementGroup', 'ec2:CreateTags', 'ec2:DeleteTags'],
    resources: [Groups],
    conditions: ownedByCrkit,
  },
];

export { placementGroupIamStatements };
