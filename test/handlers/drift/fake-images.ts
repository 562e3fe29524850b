/**
 * A small in-memory EC2 for registered images, behind aws-sdk-client-mock: a source image,
 * RegisterImage making an available image from its input, tag and description changes, and
 * DescribeImages by id (unknown ids refused as EC2 does).
 */
import {
  CreateTagsCommand,
  DeleteTagsCommand,
  DescribeImagesCommand,
  EC2Client,
  ModifyImageAttributeCommand,
  RegisterImageCommand,
} from '@aws-sdk/client-ec2';
import type { Image } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { ec2Error, sourceImage } from '../resources/sriov-ami/support.js';

const imagesMock = mockClient(EC2Client);
const newImageId = 'ami-0ccccccccccccccc3';

/** Resets the mock; returns the images by id (the source image included). */
function fakeImages(): Map<string, Image> {
  imagesMock.reset();
  const images = new Map<string, Image>([[sourceImage().ImageId!, sourceImage()]]);
  imagesMock.on(DescribeImagesCommand).callsFake((input: { ImageIds?: string[] }) => {
    const found = (input.ImageIds ?? []).map((id) => images.get(id));
    if (found.some((image) => image === undefined)) throw ec2Error('InvalidAMIID.NotFound');
    return { Images: found.map((image) => structuredClone(image)) };
  });
  imagesMock.on(RegisterImageCommand).callsFake((input) => {
    images.set(newImageId, {
      ImageId: newImageId,
      State: 'available',
      Name: input.Name,
      Description: input.Description,
      Architecture: input.Architecture,
      BootMode: input.BootMode,
      RootDeviceName: input.RootDeviceName,
      RootDeviceType: 'ebs',
      VirtualizationType: 'hvm',
      SriovNetSupport: input.SriovNetSupport,
      EnaSupport: input.EnaSupport,
      BlockDeviceMappings: input.BlockDeviceMappings,
      Tags: input.TagSpecifications?.[0]?.Tags ?? [],
    });
    return { ImageId: newImageId };
  });
  imagesMock.on(CreateTagsCommand).callsFake((input) => {
    const image = images.get(input.Resources?.[0] ?? '');
    if (image !== undefined)
      image.Tags = [
        ...(image.Tags ?? []).filter(
          (tag) => !input.Tags?.some((item: { Key?: string }) => item.Key === tag.Key),
        ),
        ...(input.Tags ?? []),
      ];
    return {};
  });
  imagesMock.on(DeleteTagsCommand).callsFake((input) => {
    const image = images.get(input.Resources?.[0] ?? '');
    if (image !== undefined)
      image.Tags = (image.Tags ?? []).filter(
        (tag) => !input.Tags?.some((item: { Key?: string }) => item.Key === tag.Key),
      );
    return {};
  });
  imagesMock.on(ModifyImageAttributeCommand).callsFake((input) => {
    const image = images.get(input.ImageId ?? '');
    if (image !== undefined && input.Attribute === 'description') image.Description = input.Value;
    return {};
  });
  return images;
}

export { fakeImages, imagesMock, newImageId };
