/**
 * The deployment plan: which stacks, in which order, with which parameters. The state stack goes
 * first because the handler stack imports from it.
 */
import type { DeployOptions } from './args.js';

/** A CloudFormation parameter as the API takes it. */
type StackParameter = { readonly ParameterKey: string; readonly ParameterValue: string };

/**
 * A capability CloudFormation must be told the stack has; `CAPABILITY_NAMED_IAM` covers IAM
 * resources with fixed names.
 */
type StackCapability = 'CAPABILITY_IAM' | 'CAPABILITY_NAMED_IAM';

/** One stack to deploy. */
type PlannedStack = {
  readonly stackName: string;
  readonly templateFile: string;
  readonly parameters: readonly StackParameter[];
  /**
   * What the change set acknowledges: none for the state stack; the handler's role has a fixed
   * name.
   */
  readonly capabilities: readonly StackCapability[];
  /**
   * True for the handler stack: its role's resource policy is rendered from the served types'
   * statements.
   */
  readonly rendersResourcePolicy: boolean;
};

/** Everything the deploy will do, in order. */
type DeployPlan = {
  readonly region: string;
  readonly profile: string | undefined;
  readonly bucket: string;
  readonly codeKey: string;
  readonly stacks: readonly PlannedStack[];
  readonly serviceTokenExport: string;
};

const BundleFile = 'dist/handler.zip';

/**
 * The content-addressed S3 key of a bundle: a new build gives a new key, so the function always
 * updates.
 */
function codeKeyFor(prefix: string, sha256: string): string {
  return `${prefix}/handler/${sha256}.zip`;
}

/**
 * Builds the plan from the options and the bundle's key.
 * @example
 * const plan = planDeploy(options, codeKeyFor('crkit', 'ab12…'));
 */
function planDeploy(options: DeployOptions, codeKey: string): DeployPlan {
  const audit = {
    ParameterKey: 'AuditTopic',
    ParameterValue: options.audit ? 'Enabled' : 'Disabled',
  };
  const prefix = { ParameterKey: 'Prefix', ParameterValue: options.prefix };
  const organization =
    options.organizationId === undefined
      ? []
      : [{ ParameterKey: 'OrganizationId', ParameterValue: options.organizationId }];
  return {
    region: options.region,
    profile: options.profile,
    bucket: options.bucket,
    codeKey,
    serviceTokenExport: `${options.prefix}-ServiceToken`,
    stacks: [
      {
        stackName: `${options.prefix}-state`,
        templateFile: 'templates/crkit-state.yaml',
        parameters: [prefix, audit, ...organization],
        capabilities: [],
        rendersResourcePolicy: false,
      },
      {
        stackName: `${options.prefix}-handler`,
        templateFile: 'templates/crkit-handler.yaml',
        parameters: [
          prefix,
          audit,
          { ParameterKey: 'CodeBucket', ParameterValue: options.bucket },
          { ParameterKey: 'CodeKey', ParameterValue: codeKey },
        ],
        // The role is named PREFIX-handler-REGION so that the state stack's queue policies can name
        // it.
        capabilities: ['CAPABILITY_NAMED_IAM'],
        rendersResourcePolicy: true,
      },
    ],
  };
}

/** The plan as lines for the terminal. */
function describePlan(plan: DeployPlan): string[] {
  return [
    `region ${plan.region}, credentials ` +
      `${plan.profile === undefined ? 'from the default chain' : `from profile ${plan.profile}`}`,
    `1. crkit build, then upload ${BundleFile} to s3://${plan.bucket}/${plan.codeKey}`,
    ...plan.stacks.map(
      (stack, i) =>
        `${i + 2}. change set for ${stack.stackName} (${stack.templateFile}): ` +
        stack.parameters.map((p) => `${p.ParameterKey}=${p.ParameterValue}`).join(' ') +
        stack.capabilities.map((capability) => ` ${capability}`).join('') +
        (stack.rendersResourcePolicy ? ", the role's resource policy from the served types" : ''),
    ),
    `then print the export ${plan.serviceTokenExport}`,
  ];
}

export { BundleFile, codeKeyFor, describePlan, planDeploy };
export type { DeployPlan, PlannedStack, StackCapability, StackParameter };
