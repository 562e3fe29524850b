/**
 * Floor (b): a hand-written placement-group handler, paired with crkit's full bundle. It imports
 * the same SDK clients (EC2 and CloudFormation), creates them once per container, and makes the
 * least AWS calls the job needs: on Create the stack's tags (DescribeStacks, for cost
 * allocation) and CreatePlacementGroup with them; on an in-place Update the author's new tags
 * (the group's id from DescribePlacementGroups, then CreateTags); on Delete DeletePlacementGroup.
 * No idempotency, ownership checks, validation or logging.
 */
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  CreatePlacementGroupCommand,
  CreateTagsCommand,
  DeletePlacementGroupCommand,
  DescribePlacementGroupsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import type { PlacementStrategy, Tag } from '@aws-sdk/client-ec2';
import { answer, unwrap } from './answer.js';
import type { FloorRequest } from './answer.js';

const ec2 = new EC2Client({});
const cloudFormation = new CloudFormationClient({});

async function create(request: FloorRequest): Promise<string> {
  const stack = await cloudFormation.send(
    new DescribeStacksCommand({ StackName: request.StackId }),
  );
  const stackTags = (stack.Stacks?.[0]?.Tags ?? []).flatMap((tag) =>
    tag.Key !== undefined && !tag.Key.startsWith('aws:')
      ? [{ Key: tag.Key, Value: tag.Value ?? '' }]
      : [],
  );
  const stackName = request.StackId.split('/')[1] ?? 'stack';
  const groupName = `${stackName}-${request.LogicalResourceId}-${request.RequestId.slice(0, 8)}`;
  await ec2.send(
    new CreatePlacementGroupCommand({
      GroupName: groupName,
      Strategy: String(request.ResourceProperties.Strategy) as PlacementStrategy,
      TagSpecifications: [
        {
          ResourceType: 'placement-group',
          Tags: [
            { Key: 'crkit:stack-id', Value: request.StackId },
            ...((request.ResourceProperties.Tags as Tag[] | undefined) ?? []),
            ...stackTags,
          ],
        },
      ],
    }),
  );
  return groupName;
}

async function retag(groupName: string, tags: Tag[] | undefined): Promise<void> {
  if (tags === undefined || tags.length === 0) return;
  const found = await ec2.send(new DescribePlacementGroupsCommand({ GroupNames: [groupName] }));
  const groupId = found.PlacementGroups?.[0]?.GroupId;
  if (groupId !== undefined)
    await ec2.send(new CreateTagsCommand({ Resources: [groupId], Tags: tags }));
}

/**
 * Creates, keeps or deletes one placement group, then answers SUCCESS.
 * @example
 * await handler(createEvent);
 */
async function handler(event: unknown): Promise<void> {
  const request = unwrap(event);
  if (request.RequestType === 'Create') return answer(request, await create(request));
  const physicalId = request.PhysicalResourceId ?? '';
  if (request.RequestType === 'Delete')
    await ec2.send(new DeletePlacementGroupCommand({ GroupName: physicalId }));
  else await retag(physicalId, request.ResourceProperties.Tags as Tag[] | undefined);
  return answer(request, physicalId);
}

export { handler };
