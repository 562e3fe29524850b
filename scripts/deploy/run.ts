/**
 * The deploy, step by step: plan, build, upload, state stack, handler stack, print the
 * ServiceToken. Every effect comes in through `DeployDeps`, so tests run it against mocked clients.
 */
import { DescribeStacksCommand, type StackEvent } from '@aws-sdk/client-cloudformation';
import type { ResourceDefinition } from '../../framework/index.js';
import type { DeployOptions } from './args.js';
import { sha256Hex, uploadBundle } from './artifact.js';
import type { DeployClients } from './clients.js';
import { formatEvent } from './events.js';
import { BundleFile, codeKeyFor, describePlan, planDeploy } from './plan.js';
import { handlerTemplateBody } from './resource-policy.js';
import { DeployError, deployStack, type StackIo } from './stack.js';

/** The effects the deploy needs. */
type DeployDeps = StackIo & {
  /** Called only when AWS is really needed (never in a dry run). */
  readonly clients: (target: { region: string; profile: string | undefined }) => DeployClients;
  readonly build: () => Promise<void>;
  /** Reads a file relative to the repository root; undefined when it does not exist. */
  readonly readFile: (path: string) => Promise<Uint8Array | undefined>;
  /**
   * The definitions the deployed handler serves; the role's resource policy is rendered from them.
   */
  readonly servedDefinitions: () => Promise<readonly ResourceDefinition[]>;
  readonly error: (line: string) => void;
};

/**
 * Runs the deploy and returns the process exit code (0 success, 1 failure).
 * @example
 * process.exitCode = await runDeploy(parseDeployArgs(process.argv.slice(2)), defaultDeps());
 */
async function runDeploy(options: DeployOptions, deps: DeployDeps): Promise<number> {
  if (options.dryRun) {
    const existing = await deps.readFile(BundleFile);
    const key =
      existing === undefined
        ? codeKeyFor(options.prefix, '<sha256 of the built bundle>')
        : codeKeyFor(options.prefix, sha256Hex(existing));
    deps.log('dry run: nothing is built, uploaded or deployed');
    if (existing !== undefined)
      deps.log(`the key below is that of the existing ${BundleFile}; a new build may change it`);
    for (const line of describePlan(planDeploy(options, key))) deps.log(line);
    return 0;
  }
  try {
    await deps.build();
    const bundle = await deps.readFile(BundleFile);
    if (bundle === undefined) throw new DeployError(`${BundleFile} is missing after the build`);
    const plan = planDeploy(options, codeKeyFor(options.prefix, sha256Hex(bundle)));
    for (const line of describePlan(plan)) deps.log(line);
    const definitions = await deps.servedDefinitions();
    deps.log(
      `serving ` +
        `${definitions.map((definition) => definition.type).join(', ') || 'no resource types'}`,
    );
    const { cloudformation, s3 } = deps.clients({ region: plan.region, profile: plan.profile });
    const uploaded = await uploadBundle(s3, {
      bucket: plan.bucket,
      key: plan.codeKey,
      body: bundle,
    });
    deps.log(
      uploaded
        ? `uploaded s3://${plan.bucket}/${plan.codeKey}`
        : `s3://${plan.bucket}/${plan.codeKey} already there`,
    );
    for (const stack of plan.stacks) {
      const template = await deps.readFile(stack.templateFile);
      if (template === undefined) throw new DeployError(`${stack.templateFile} is missing`);
      const text = new TextDecoder().decode(template);
      await deployStack(
        cloudformation,
        stack,
        stack.rendersResourcePolicy ? handlerTemplateBody(text, definitions) : text,
        deps,
      );
    }
    const [stateStack] = plan.stacks;
    if (stateStack === undefined) throw new DeployError('the plan has no stack');
    const state = await cloudformation.send(
      new DescribeStacksCommand({ StackName: stateStack.stackName }),
    );
    const token = state.Stacks?.[0]?.Outputs?.find(
      (output) => output.ExportName === plan.serviceTokenExport,
    )?.OutputValue;
    if (token === undefined)
      throw new DeployError(`the state stack does not export ${plan.serviceTokenExport}`);
    deps.log(`${plan.serviceTokenExport} = ${token}`);
    deps.log(`template authors use: ServiceToken: !ImportValue ${plan.serviceTokenExport}`);
    return 0;
  } catch (error) {
    reportFailure(error, deps.error);
    return 1;
  }
}

/** Writes the failure, with the failing stack events when there are any. */
function reportFailure(error: unknown, write: (line: string) => void): void {
  write(`deploy failed: ${error instanceof Error ? error.message : String(error)}`);
  const events: readonly StackEvent[] = error instanceof DeployError ? error.events : [];
  if (events.length > 0) write('failing events:');
  for (const event of events) write(formatEvent(event));
}

export { runDeploy };
export type { DeployDeps };
