/**
 * The two changes an image allows in place: its Description (ModifyImageAttribute) and its tags
 * (CreateTags overwrites; tags the author removed from `Tags` are deleted). Only on the image
 * itself, and only when its ownership tags name this stack and logical id: the snapshots it
 * references are the source's or the author's, and an image another resource owns is left alone.
 * Everything else is a replacement, decided by the framework.
 */
import { failed, succeeded } from '../../../framework/index.js';
import type { Outcome, UpdateInput } from '../../../framework/index.js';
import { describeOwner, isOwnedBy, isReservedTagKey } from '../ownership.js';
import { tagsToWrite } from '../stack-tags.js';
import { callEc2 } from '../ec2-call.js';
import { attributesOf, describeImage } from './image.js';
import type { SriovAmiProperties } from './schema.js';

/**
 * Brings the image's Description and tags to the properties.
 * @example
 * update: (input) => updateInPlace(input),
 */
async function updateInPlace(input: UpdateInput<SriovAmiProperties>): Promise<Outcome> {
  const { physicalId, properties, oldProperties, signal, request } = input;
  const image = await describeImage(input, physicalId);
  if (image === undefined) {
    return failed(
      `Image ${physicalId} no longer exists (deregistered outside CloudFormation?); ` +
        `change Name to register a new one`,
    );
  }
  if (!isOwnedBy(image.Tags, request)) {
    return failed(
      `Image ${physicalId} belongs to ${describeOwner(image.Tags)}, not to this ` +
        `resource; crkit changes only images it registered for the same resource`,
    );
  }
  // Read before any change: a failure to read the stack's tags fails the update, nothing changed.
  const tags = await tagsToWrite(input, properties.Tags);
  const description = properties.Description ?? '';
  if (description !== (image.Description ?? '')) {
    // Named by `Attribute`, so the role's policy can allow this one attribute (ec2:Attribute) and
    // never a launch permission.
    await callEc2(input, 'ModifyImageAttribute', ({ client, sdk }) =>
      client.send(
        new sdk.ModifyImageAttributeCommand({
          ImageId: physicalId,
          Attribute: 'description',
          Value: description,
        }),
        { abortSignal: signal },
      ),
    );
  }
  const kept = new Set(tags.map((tag) => tag.Key));
  const removed = (oldProperties?.Tags ?? [])
    .map((tag) => tag.Key)
    .filter((key) => !kept.has(key) && !isReservedTagKey(key));
  if (removed.length > 0) {
    const command = { Resources: [physicalId], Tags: removed.map((Key) => ({ Key })) };
    await callEc2(input, 'DeleteTags', ({ client, sdk }) =>
      client.send(new sdk.DeleteTagsCommand(command), { abortSignal: signal }),
    );
  }
  await callEc2(input, 'CreateTags', ({ client, sdk }) =>
    client.send(new sdk.CreateTagsCommand({ Resources: [physicalId], Tags: [...tags] }), {
      abortSignal: signal,
    }),
  );
  return succeeded(physicalId, attributesOf(image));
}

export { updateInPlace };
