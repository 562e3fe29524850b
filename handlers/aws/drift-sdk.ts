/**
 * The part of `@aws-sdk/client-cloudformation` drift detection uses, in its own module so the
 * request path's CloudFormation module stays as small as it was (see ec2-sdk.ts).
 */
export {
  CloudFormationClient,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  GetTemplateCommand,
  ListStacksCommand,
} from '@aws-sdk/client-cloudformation';
