/**
 * The part of `@aws-sdk/client-ec2` crkit's resources use, named one by one. `ec2()` imports
 * this module rather than the package: a dynamic `import()` of the package keeps all of its
 * several hundred commands (a 1 MB chunk that V8 must compile on every cold start, ~150 ms on a
 * 2-core machine), while named re-exports let the bundler drop the rest. A resource that needs
 * another command adds it here; the `Ec2` type makes a missing one a compile error.
 */
export {
  CreatePlacementGroupCommand,
  CreateTagsCommand,
  DeletePlacementGroupCommand,
  DeleteTagsCommand,
  DeregisterImageCommand,
  DescribeImagesCommand,
  DescribeInstanceTypesCommand,
  DescribePlacementGroupsCommand,
  EC2Client,
  ModifyImageAttributeCommand,
  RegisterImageCommand,
} from '@aws-sdk/client-ec2';
