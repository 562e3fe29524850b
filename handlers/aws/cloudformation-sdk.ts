/**
 * The part of `@aws-sdk/client-cloudformation` the stack port uses. Imported instead of the
 * package so the bundler keeps only these (see ec2-sdk.ts): every request loads this module.
 */
export {
  CloudFormationClient,
  DescribeStackEventsCommand,
  DescribeStackResourceCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
