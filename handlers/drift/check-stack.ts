/**
 * The drift check of one stack: for every crkit resource in it, the expected properties (the
 * processed template, the stack's parameters and its resources' physical ids, intrinsics
 * resolved), the type's `read`, and the comparison. Only reads.
 */
import type { DriftPorts, Logger, Registry, ResourceDrift } from '../../framework/index.js';

/** What the check of one stack needs. */
type CheckStackInput = {
  readonly stackName: string;
  readonly ports: DriftPorts;
  /** crkit's registry (`createRegistry(resourceCatalog)`). */
  readonly registry: Registry;
  readonly signal: AbortSignal;
  readonly log: Logger;
  /**
   * The ServiceTokens that reach this handler (its function ARN, its SNS topic). A resource whose
   * ServiceToken resolves to another one is not crkit's. @default any: accepted by type
   */
  readonly serviceTokens?: readonly string[];
};

/**
 * Checks every crkit resource of one stack.
 * @example
 * const drifts = await checkStackDrift({ stackName: 'fleet', ports, registry, signal, log });
 */
async function checkStackDrift(input: CheckStackInput): Promise<readonly ResourceDrift[]> {
  void input;
  throw new Error('not implemented yet');
}

/** What listing needs. */
type ListCrkitStacksInput = {
  readonly ports: DriftPorts;
  readonly signal: AbortSignal;
  /** The types that make a stack crkit's. @default every type of `resourceCatalog` */
  readonly registry?: Pick<Registry, 'types'>;
};

/**
 * The names of the stacks in the account and region that hold a crkit resource.
 * @example
 * for (const stackName of await listCrkitStacks({ ports, signal })) …
 */
async function listCrkitStacks(input: ListCrkitStacksInput): Promise<readonly string[]> {
  void input;
  throw new Error('not implemented yet');
}

export { checkStackDrift, listCrkitStacks };
export type { CheckStackInput, ListCrkitStacksInput };
