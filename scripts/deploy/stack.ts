/**
 * Deploys one stack through a change set: create or update, show the changes, execute, follow the
 * events until the stack settles. A change set without changes is deleted and counts as success.
 */
import {
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DescribeChangeSetCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  type CloudFormationClient,
  type DescribeChangeSetCommandOutput,
  type StackEvent,
} from '@aws-sdk/client-cloudformation';
import { formatEvent, trackEvents } from './events.js';
import type { PlannedStack } from './plan.js';

/** What deploying a stack needs besides the client. */
type StackIo = {
  readonly log: (line: string) => void;
  readonly sleep: (ms: number) => Promise<void>;
  /** Milliseconds between polls. @default 5000 */
  readonly pollMs?: number;
  /** Used to name change sets uniquely. */
  readonly now: () => Date;
};

/** A deployment failed; `events` are the failing stack events, for the report. */
class DeployError extends Error {
  override readonly name = 'DeployError';
  constructor(
    message: string,
    readonly events: readonly StackEvent[] = [],
  ) {
    super(message);
  }
}

/** The stack's status, or undefined when it does not exist. */
async function stackStatus(
  cloudformation: CloudFormationClient,
  stackName: string,
): Promise<string | undefined> {
  try {
    const output = await cloudformation.send(new DescribeStacksCommand({ StackName: stackName }));
    return output.Stacks?.[0]?.StackStatus;
  } catch (error) {
    if (error instanceof Error && /does not exist/.test(error.message)) return undefined;
    throw error;
  }
}

/**
 * CREATE for a new stack (or one left in REVIEW_IN_PROGRESS by an unexecuted change set), else
 * UPDATE.
 */
function changeSetType(status: string | undefined, stackName: string): 'CREATE' | 'UPDATE' {
  if (status === undefined || status === 'REVIEW_IN_PROGRESS') return 'CREATE';
  if (status === 'ROLLBACK_COMPLETE' || status === 'ROLLBACK_FAILED') {
    throw new DeployError(
      `${stackName} is ${status} after a failed first create; delete it, then deploy again`,
    );
  }
  if (status.endsWith('_IN_PROGRESS'))
    throw new DeployError(`${stackName} is busy (${status}); wait for it to settle`);
  return 'UPDATE';
}

/** True when a FAILED change set only says there was nothing to change. */
function isNoChange(reason: string | undefined): boolean {
  return /didn't contain changes|No updates are to be performed/i.test(reason ?? '');
}

/** Polls a change set until it is created or has failed. */
async function waitForChangeSet(
  cloudformation: CloudFormationClient,
  id: string,
  io: StackIo,
): Promise<DescribeChangeSetCommandOutput> {
  for (;;) {
    const output = await cloudformation.send(new DescribeChangeSetCommand({ ChangeSetName: id }));
    if (output.Status === 'CREATE_COMPLETE' || output.Status === 'FAILED') return output;
    await io.sleep(io.pollMs ?? 5000);
  }
}

/**
 * Deploys one stack; returns 'unchanged' when there was nothing to do. Throws `DeployError` with
 * the failing events when the stack does not reach CREATE_COMPLETE or UPDATE_COMPLETE.
 * @example
 * const stack = { stackName: 'crkit-state', templateFile, parameters: [], capabilities: [] };
 * await deployStack(cloudformation, stack, templateBody, io);
 */
async function deployStack(
  cloudformation: CloudFormationClient,
  stack: PlannedStack,
  templateBody: string,
  io: StackIo,
): Promise<'created' | 'updated' | 'unchanged'> {
  const type = changeSetType(await stackStatus(cloudformation, stack.stackName), stack.stackName);
  const name = `crkit-deploy-${io
    .now()
    .toISOString()
    .replace(/[^0-9]/g, '')
    .slice(0, 14)}`;
  io.log(`${stack.stackName}: creating change set ${name} (${type})`);
  const created = await cloudformation.send(
    new CreateChangeSetCommand({
      StackName: stack.stackName,
      ChangeSetName: name,
      ChangeSetType: type,
      TemplateBody: templateBody,
      Parameters: [...stack.parameters],
      Tags: [{ Key: 'crkit:stack', Value: stack.stackName }],
      ...(stack.capabilities.length > 0 ? { Capabilities: [...stack.capabilities] } : {}),
    }),
  );
  const changeSetId = created.Id ?? name;
  const changeSet = await waitForChangeSet(cloudformation, changeSetId, io);
  if (changeSet.Status === 'FAILED') {
    if (isNoChange(changeSet.StatusReason)) {
      io.log(`${stack.stackName}: no changes`);
      await cloudformation.send(
        new DeleteChangeSetCommand({ ChangeSetName: changeSetId, StackName: stack.stackName }),
      );
      return 'unchanged';
    }
    throw new DeployError(
      `${stack.stackName}: change set failed: ${changeSet.StatusReason ?? 'no reason given'}`,
    );
  }
  for (const change of changeSet.Changes ?? []) {
    const detail = change.ResourceChange;
    const replacement =
      detail?.Replacement === 'True'
        ? ' (replacement)'
        : detail?.Replacement === 'Conditional'
          ? ' (may replace)'
          : '';
    io.log(
      `  ${detail?.Action ?? '?'} ${detail?.LogicalResourceId ?? '?'} ` +
        `${detail?.ResourceType ?? ''}${replacement}`,
    );
  }
  await executeAndWait(cloudformation, stack.stackName, changeSetId, io);
  return type === 'CREATE' ? 'created' : 'updated';
}

/**
 * Executes a change set and prints events until the stack settles; throws `DeployError` unless it
 * completes.
 */
async function executeAndWait(
  cloudformation: CloudFormationClient,
  stackName: string,
  changeSetId: string,
  io: StackIo,
): Promise<void> {
  const events = trackEvents(cloudformation, stackName);
  await events.start();
  await cloudformation.send(
    new ExecuteChangeSetCommand({ ChangeSetName: changeSetId, StackName: stackName }),
  );
  io.log(`${stackName}: executing`);
  for (;;) {
    await io.sleep(io.pollMs ?? 5000);
    for (const event of await events.poll()) io.log(formatEvent(event));
    const status = (await stackStatus(cloudformation, stackName)) ?? 'DELETED';
    if (status.endsWith('_IN_PROGRESS')) continue;
    if (status === 'CREATE_COMPLETE' || status === 'UPDATE_COMPLETE')
      return void io.log(`${stackName}: ${status}`);
    for (const event of await events.poll()) io.log(formatEvent(event));
    throw new DeployError(`${stackName} ended in ${status}`, events.failures());
  }
}

export { DeployError, deployStack };
export type { StackIo };
