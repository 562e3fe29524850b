/**
 * The IAM actions Custom::PlacementGroup calls, so the handler stack grants exactly these
 * (cloudformation:DescribeStacks, for stack tags and rollback detection, is the framework's).
 */

/**
 * `ec2:CreateTags` is needed twice: for tag updates, and because EC2 authorises CreateTags on
 * the new group when CreatePlacementGroup carries TagSpecifications.
 * @example
 * defineResource({ …, iamActions: placementGroupIamActions });
 */
const placementGroupIamActions = [
  'ec2:CreatePlacementGroup',
  'ec2:DescribePlacementGroups',
  'ec2:DeletePlacementGroup',
  'ec2:CreateTags',
  'ec2:DeleteTags',
  'ec2:DescribeInstanceTypes',
] as const;

export { placementGroupIamActions };
