/**
 * The resource definition: a plain object that declares a ResourceType, its property schema,
 * which properties force replacement, which are sensitive, and its lifecycle functions.
 * Every function receives one frozen object and returns an Outcome.
 */
import type * as z from 'zod/mini';
import type { LiveState, ReadInput } from './drift/types.js';
import { DefinitionError } from './errors.js';
import { iamStatementsProblem } from './iam.js';
import type { IamStatement } from './iam.js';
import type { Logger } from './logging.js';
import type { ContinuationState, Outcome } from './outcome.js';
import type { PropertiesSchema } from './properties.js';

/** What the framework decided a request means. */
const Actions = ['create', 'update', 'rollback', 'delete'] as const;
type Action = (typeof Actions)[number];

/** A stack tag, as DescribeStacks reports it. */
type StackTag = { readonly Key: string; readonly Value: string };

/** The request's identity, for naming and ownership tags. */
type RequestIdentity = {
  readonly stackId: string;
  /** The stack's name, read from the StackId ARN. */
  readonly stackName: string;
  readonly requestId: string;
  readonly logicalResourceId: string;
  readonly resourceType: string;
};

/** What every resource function receives besides its properties. */
type BaseInput = {
  readonly action: Action;
  readonly request: RequestIdentity;
  /** Redacting logger bound to this request. */
  readonly log: Logger;
  /** Aborted when the invocation's working time is over; pass it to every AWS call. */
  readonly signal: AbortSignal;
  /** Milliseconds left for work before the framework must answer. */
  readonly remainingMs: () => number;
  /** The stack's own tags (for cost allocation), read once per request. */
  readonly stackTags: () => Promise<readonly StackTag[]>;
  /**
   * Called from `create` (also for a replacement): says that a resource now exists under
   * `physicalId`, before the work is done. If the request then fails in any way (the deadline
   * included), the answer names it, so the rollback's Delete (or, for a replacement, the
   * framework) removes it instead of leaving it behind. Not for `update` or `delete`.
   */
  readonly markCreated: (physicalId: string) => void;
  /**
   * Runs a creating call whose outcome may be lost (the deadline, a reset connection, no answer
   * from AWS), marking `physicalId` as created before the call: the answer then names it, and the
   * rollback's Delete looks for and removes whatever may exist. `physicalId` must let `delete`
   * find the thing without the call's answer (a deterministic name, or an id `delete` resolves by
   * name and ownership tags). When AWS refuses the call (a client error or throttling: nothing
   * was made), the mark is withdrawn. In `update` and `delete` it only runs the call.
   */
  readonly creating: <T>(physicalId: string, call: () => Promise<T>) => Promise<T>;
  /**
   * Registers a value this request must never log, such as a password the resource generates,
   * before it is first logged.
   */
  readonly secret: (value: string) => void;
};

/** Input of `create`; `replacing` is set when an update replaces the resource. */
type CreateInput<P> = BaseInput & {
  readonly properties: P;
  readonly replacing:
    | { readonly physicalId: string; readonly properties: P | undefined }
    | undefined;
};

/** Input of `update` and `rollback`. `oldProperties` is undefined only in a rollback whose
 * failed properties no longer parse (the update was refused before it changed anything). */
type UpdateInput<P> = BaseInput & {
  readonly properties: P;
  readonly oldProperties: P | undefined;
  readonly physicalId: string;
};

/** Input of `delete`. `properties` is undefined when the stored ones no longer parse
 * (an older format): a delete must still be able to succeed. */
type DeleteInput<P> = BaseInput & {
  readonly properties: P | undefined;
  readonly physicalId: string;
};

/** Input of `resume`: a long operation's next step. */
type ResumeInput<P> = BaseInput & {
  readonly properties: P | undefined;
  readonly physicalId: string | undefined;
  readonly state: ContinuationState;
};

/**
 * A resource type. Build one with `defineResource`.
 */
type ResourceDefinition<S extends PropertiesSchema = PropertiesSchema> = {
  /** `Custom::Name` as written in templates. */
  readonly type: string;
  /** Property schema; use `z.strictObject` so unknown properties fail. */
  readonly properties: S;
  /** Properties whose change makes an update a replacement. */
  readonly replaceOn: readonly (keyof z.output<S> & string)[];
  /** Properties whose values never appear in a log, error or Reason. @default [] */
  readonly sensitive?: readonly (keyof z.output<S> & string)[] | undefined;
  /** The `Fn::GetAtt` attributes answered on create and update. @default [] */
  readonly attributes?: readonly string[] | undefined;
  /**
   * The handler role's statements this type needs (actions, resource ARNs, conditions); the deploy
   * grants what the served types declare and nothing else. `[]` for a type that calls no AWS API.
   */
  readonly iamStatements: readonly IamStatement[];
  // Method syntax on purpose: it lets a typed definition stand where any definition is expected.
  create(input: CreateInput<z.output<S>>): Promise<Outcome>;
  update(input: UpdateInput<z.output<S>>): Promise<Outcome>;
  delete(input: DeleteInput<z.output<S>>): Promise<Outcome>;
  /** Undo an update. @default `update` back to the previous properties */
  rollback?(input: UpdateInput<z.output<S>>): Promise<Outcome>;
  /** Continue a long operation that returned `inProgress`. */
  resume?(input: ResumeInput<z.output<S>>): Promise<Outcome>;
  /**
   * Drift detection: the live values of the properties the type can observe, or `gone`. Reads
   * only (Describe/Get/List calls). Without it, the type's resources are NOT_CHECKED.
   */
  read?(input: ReadInput<z.output<S>>): Promise<LiveState>;
};

/** A definition with its schema type erased, as the registry holds it. */
type AnyResourceDefinition = ResourceDefinition<PropertiesSchema>;

/**
 * Declares a resource type; checks its shape at once, at cold start rather than on the first
 * request, and throws a DefinitionError that says what is wrong.
 * @example
 * const Echo = defineResource({
 *   type: 'Custom::Echo',
 *   properties: z.strictObject({ Value: z.string() }),
 *   replaceOn: [],
 *   iamStatements: [],
 *   create: async ({ properties }) => succeeded('echo', { Value: properties.Value }),
 *   update: async ({ physicalId, properties }) =>
 *     succeeded(physicalId, { Value: properties.Value }),
 *   delete: async ({ physicalId }) => succeeded(physicalId),
 * });
 */
function defineResource<S extends PropertiesSchema>(
  definition: ResourceDefinition<S>,
): ResourceDefinition<S> {
  const problem = definitionProblem(definition);
  if (problem !== undefined)
    throw new DefinitionError(`Invalid resource definition ${String(definition.type)}: ${problem}`);
  return Object.freeze(definition);
}

/** Names what is wrong with a would-be definition, or undefined. @internal */
function definitionProblem(candidate: unknown): string | undefined {
  if (typeof candidate !== 'object' || candidate === null)
    return 'the module does not export a definition object';
  const definition = candidate as Partial<Record<keyof AnyResourceDefinition, unknown>>;
  if (
    typeof definition.type !== 'string' ||
    !/^(Custom::[A-Za-z0-9_@-]{1,52}|AWS::CloudFormation::CustomResource)$/.test(definition.type)
  ) {
    return 'type must look like Custom::Name (at most 60 characters)';
  }
  for (const name of ['create', 'update', 'delete'] as const) {
    if (typeof definition[name] !== 'function') return `${name} must be a function`;
  }
  for (const name of ['rollback', 'resume', 'read'] as const) {
    if (definition[name] !== undefined && typeof definition[name] !== 'function')
      return `${name} must be a function`;
  }
  if (typeof definition.properties !== 'object' || definition.properties === null)
    return 'properties must be a zod schema';
  if (!Array.isArray(definition.replaceOn)) return 'replaceOn must be a list of property names';
  return iamStatementsProblem(definition.iamStatements);
}

export { Actions, defineResource, definitionProblem };
export type {
  Action,
  AnyResourceDefinition,
  BaseInput,
  CreateInput,
  DeleteInput,
  RequestIdentity,
  ResourceDefinition,
  ResumeInput,
  StackTag,
  UpdateInput,
};
