/**
 * The drift check of one stack: for every crkit resource in it, the expected properties (the
 * processed template, the stack's parameters and its resources' physical ids, intrinsics
 * resolved), the type's `read`, and the comparison. Only reads: GetTemplate, DescribeStacks,
 * DescribeStackResources, and each type's Describe calls.
 *
 * A crkit resource is one whose type is in the registry and whose ServiceToken resolves to this
 * handler; when the token cannot be resolved (an `Fn::ImportValue`) the type alone decides.
 */
import { TemplateError, evaluate, notChecked } from '../../framework/drift.js';
import type { Logger, Registry, ResourceDefinition } from '../../framework/index.js';
import type {
  DriftPorts,
  DriftStack,
  DriftStackResource,
  EvalContext,
  Json,
  ResourceDrift,
} from '../../framework/drift.js';
import { builtInResources } from '../resources/index.js';
import { checkResource } from './check-resource.js';
import { evaluatedProperties } from './expected.js';
import { stackContext } from './stack-context.js';
import { parseStackTemplate } from './template.js';

/** What the check of one stack needs. */
type CheckStackInput = {
  readonly stackName: string;
  readonly ports: DriftPorts;
  /** crkit's registry (`createRegistry(builtInResources)`). */
  readonly registry: Registry;
  readonly signal: AbortSignal;
  readonly log: Logger;
  /**
   * The ServiceTokens that reach this handler (its function ARN, its SNS topic). A resource whose
   * ServiceToken resolves to another one is not crkit's. @default any: accepted by type
   */
  readonly serviceTokens?: readonly string[] | undefined;
};

/** Resource statuses in which CloudFormation's own drift detection does not look either. */
function unsettled(status: string | undefined): boolean {
  return (
    status === undefined ||
    status.endsWith('_IN_PROGRESS') ||
    status === 'CREATE_FAILED' ||
    status.startsWith('DELETE_')
  );
}

/** The ServiceToken as resolved, or undefined when it cannot be. */
function serviceTokenOf(properties: Json | undefined, context: EvalContext): string | undefined {
  if (typeof properties !== 'object' || properties === null || Array.isArray(properties))
    return undefined;
  const raw = (properties as Readonly<Record<string, Json>>).ServiceToken;
  if (raw === undefined) return undefined;
  try {
    const token = evaluate(raw, context);
    return typeof token === 'string' ? token : undefined;
  } catch (error) {
    if (error instanceof TemplateError) return undefined;
    throw error;
  }
}

type StackView = { readonly stack: DriftStack; readonly resources: readonly DriftStackResource[] };

async function checkOne(
  input: CheckStackInput,
  view: StackView,
  resource: DriftStackResource,
  properties: Json | undefined,
  context: EvalContext,
): Promise<ResourceDrift> {
  const checkedAt = new Date().toISOString();
  const identity = {
    stackId: view.stack.stackId,
    logicalResourceId: resource.logicalResourceId,
    physicalResourceId: resource.physicalResourceId ?? '',
    resourceType: resource.resourceType,
  };
  if (resource.physicalResourceId === undefined || unsettled(resource.status)) {
    return notChecked(
      identity,
      `the resource is ${resource.status ?? 'in no known state'}` +
        (resource.physicalResourceId === undefined ? ' and has no physical id' : ''),
      checkedAt,
    );
  }
  let definition: ResourceDefinition;
  try {
    definition = await input.registry.resolve(resource.resourceType);
  } catch (error) {
    return notChecked(
      identity,
      error instanceof Error ? error.message : 'its type could not be loaded',
      checkedAt,
    );
  }
  const log = input.log.child({
    stackId: identity.stackId,
    logicalResourceId: identity.logicalResourceId,
    resourceType: identity.resourceType,
  });
  return checkResource({
    identity,
    definition,
    evaluated: evaluatedProperties(properties, context),
    stack: view.stack,
    signal: input.signal,
    log,
    checkedAt,
  });
}

/**
 * Checks every crkit resource of one stack, one after the other (EC2 throttles bursts).
 * @example
 * const drifts = await checkStackDrift({ stackName: 'fleet', ports, registry, signal, log });
 */
async function checkStackDrift(input: CheckStackInput): Promise<readonly ResourceDrift[]> {
  const { ports, stackName, signal } = input;
  const [body, stack, resources] = await Promise.all([
    ports.getTemplate(stackName, signal),
    ports.describeStack(stackName, signal),
    ports.describeStackResources(stackName, signal),
  ]);
  const template = await parseStackTemplate(body);
  const context = stackContext(template, stack, resources);
  const types = new Set(input.registry.types);
  const drifts: ResourceDrift[] = [];
  for (const resource of resources) {
    if (!types.has(resource.resourceType)) continue;
    const properties = template.resources[resource.logicalResourceId]?.Properties;
    const token = serviceTokenOf(properties, context);
    if (
      token !== undefined &&
      input.serviceTokens !== undefined &&
      !input.serviceTokens.includes(token)
    )
      continue;
    drifts.push(await checkOne(input, { stack, resources }, resource, properties, context));
  }
  return drifts;
}

/** What listing needs. */
type ListCrkitStacksInput = {
  readonly ports: DriftPorts;
  readonly signal: AbortSignal;
  /** The types that make a stack crkit's. @default every built-in type */
  readonly registry?: Pick<Registry, 'types'> | undefined;
};

/**
 * The names of the stacks in the account and region that hold a resource of a crkit type
 * (DescribeStackResources per stack; the ServiceToken is judged by `checkStackDrift`).
 * @example
 * for (const stackName of await listCrkitStacks({ ports, signal })) …
 */
async function listCrkitStacks(input: ListCrkitStacksInput): Promise<readonly string[]> {
  const types = new Set(input.registry?.types ?? builtInResources.map((entry) => entry.type));
  const names: string[] = [];
  for (const summary of await input.ports.listStacks(input.signal)) {
    if (
      summary.status === 'DELETE_COMPLETE' ||
      summary.status === 'DELETE_IN_PROGRESS' ||
      summary.status === 'REVIEW_IN_PROGRESS'
    )
      continue;
    const resources = await input.ports.describeStackResources(summary.stackName, input.signal);
    if (resources.some((resource) => types.has(resource.resourceType)))
      names.push(summary.stackName);
  }
  return names;
}

export { checkStackDrift, listCrkitStacks };
export type { CheckStackInput, ListCrkitStacksInput };
