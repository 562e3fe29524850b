/**
 * What Custom::SriovAmiRegistration needs from the handler's role: least privilege, on this
 * region's images, registering only with the ownership tag, changing only what crkit owns, and
 * changing an image's Description and nothing else.
 */
import type { IamStatement } from '../../../framework/index.js';
import { createdWithOwnershipTag, ownedByCrkit, taggedByCreatingCall } from '../ownership-iam.js';

const Images = 'arn:${AWS::Partition}:ec2:${AWS::Region}::image/*';
const Snapshots = 'arn:${AWS::Partition}:ec2:${AWS::Region}::snapshot/*';

/**
 * The statements. The two Deny statements keep `ec2:ModifyImageAttribute` to the Description: no
 * launch permission (public, account, organization or OU sharing), no other attribute.
 * `ec2:Attribute` names the attribute a ModifyImageAttribute request changes; a request EC2 gives
 * no name is refused too.
 * @example
 * defineResource({ …, iamStatements: sriovAmiIamStatements });
 */
const sriovAmiIamStatements: readonly IamStatement[] = [
  // EC2 Describe* calls support no resource-level permissions.
  { sid: 'Describe', actions: ['ec2:DescribeImages'], resources: ['*'] },
  {
    sid: 'CreateTagged',
    actions: ['ec2:RegisterImage'],
    resources: [Images],
    conditions: createdWithOwnershipTag,
  },
  // RegisterImage is also authorised on the snapshots the new image will use; it reads them and
  // changes nothing on them. No tag condition: they are not created by the call.
  { sid: 'RegisterFromSnapshots', actions: ['ec2:RegisterImage'], resources: [Snapshots] },
  {
    sid: 'TagOnCreate',
    actions: ['ec2:CreateTags'],
    resources: [Images],
    conditions: taggedByCreatingCall('RegisterImage'),
  },
  {
    sid: 'ChangeOwned',
    actions: [
      'ec2:DeregisterImage',
      'ec2:ModifyImageAttribute',
      'ec2:CreateTags',
      'ec2:DeleteTags',
    ],
    resources: [Images],
    conditions: ownedByCrkit,
  },
  {
    sid: 'ImageAttributeMustBeNamed',
    effect: 'Deny',
    actions: ['ec2:ModifyImageAttribute'],
    resources: [Images],
    conditions: { Null: { 'ec2:Attribute': 'true' } },
  },
  {
    sid: 'OnlyTheImageDescription',
    effect: 'Deny',
    actions: ['ec2:ModifyImageAttribute'],
    resources: [Images],
    conditions: { 'ForAnyValue:StringNotEqualsIgnoreCase': { 'ec2:Attribute': ['Description'] } },
  },
];

export { sriovAmiIamStatements };
