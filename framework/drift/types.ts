/**
 * Drift detection's types: what a type's `read` finds, what the stack expects, the verdict per
 * resource, and the read-only CloudFormation calls behind it. Exported by `index.ts` (types only)
 * and `drift.ts`.
 */
import type { Logger } from '../logging.js';
import type { RequestIdentity, StackTag } from '../resource.js';

/** What a type's `read` finds. `properties` holds only what the type can observe. */
type LiveState =
  | { readonly kind: 'gone' }
  | {
      readonly kind: 'found';
      readonly properties: Readonly<Record<string, unknown>>;
      readonly tags?: Readonly<Record<string, string>> | undefined;
      /**
       * Facts the type checks that are not template properties, each with the value the type
       * expects (an image's `State`: `available`; `EnaSupport` when the template leaves it to
       * its default). Compared and reported like properties. @default {}
       */
      readonly observations?: Readonly<
        Record<string, { readonly expected: unknown; readonly actual: unknown }>
      >;
    };

/** One declared property's expected value, or why it cannot be compared. */
type Expected =
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'not-comparable'; readonly why: string };

/** CloudFormation's drift statuses of one resource. */
type DriftStatus = 'IN_SYNC' | 'MODIFIED' | 'DELETED' | 'NOT_CHECKED';

/**
 * One difference; `propertyPath` is a JSON pointer as CloudFormation writes it (`/Strategy`,
 * `/Tags/team`).
 */
type PropertyDifference = {
  readonly propertyPath: string;
  readonly expectedValue: string | undefined;
  readonly actualValue: string | undefined;
  readonly differenceType: 'ADD' | 'REMOVE' | 'NOT_EQUAL';
};

/** The verdict on one resource. */
type ResourceDrift = {
  readonly stackId: string;
  readonly logicalResourceId: string;
  readonly physicalResourceId: string;
  readonly resourceType: string;
  readonly status: DriftStatus;
  readonly differences: readonly PropertyDifference[];
  readonly notComparable: readonly { readonly property: string; readonly why: string }[];
  /** Why the resource was not checked (NOT_CHECKED only). */
  readonly why?: string | undefined;
  /** When the check was made (ISO 8601). */
  readonly checkedAt: string;
};

/** What a type's `read` receives. */
type ReadInput<P> = {
  /** The physical id CloudFormation holds for the resource. */
  readonly physicalId: string;
  /** The properties the stack declares, parsed, for those whose value could be resolved. */
  readonly properties: Partial<P>;
  /** Aborted when the check must stop; pass it to every AWS call. */
  readonly signal: AbortSignal;
  /** Redacting logger bound to this resource. */
  readonly log: Logger;
  /** The resource's identity, built from the stack (`requestId` names the check, not a request). */
  readonly request: RequestIdentity;
};

/** What DescribeStacks says of a stack, for drift detection. NoEcho parameters read `****`. */
type DriftStack = {
  readonly stackId: string;
  readonly stackName: string;
  readonly status: string | undefined;
  readonly parameters: Readonly<Record<string, string>>;
  readonly tags: readonly StackTag[];
};

/** One resource of a stack, as DescribeStackResources reports it. */
type DriftStackResource = {
  readonly logicalResourceId: string;
  readonly physicalResourceId: string | undefined;
  readonly resourceType: string;
  readonly status: string | undefined;
};

/** One stack, as ListStacks reports it (deleted stacks left out). */
type DriftStackSummary = {
  readonly stackId: string;
  readonly stackName: string;
  readonly status: string | undefined;
};

/** The read-only CloudFormation calls drift detection makes. */
type DriftPorts = {
  /** cloudformation:GetTemplate (TemplateStage Processed): the template body, JSON or YAML. */
  getTemplate(stackName: string, signal?: AbortSignal): Promise<string>;
  /** cloudformation:DescribeStacks. */
  describeStack(stackName: string, signal?: AbortSignal): Promise<DriftStack>;
  /** cloudformation:DescribeStackResources. */
  describeStackResources(
    stackName: string,
    signal?: AbortSignal,
  ): Promise<readonly DriftStackResource[]>;
  /** cloudformation:ListStacks, every page, deleted stacks left out. */
  listStacks(signal?: AbortSignal): Promise<readonly DriftStackSummary[]>;
};

export type {
  DriftPorts,
  DriftStack,
  DriftStackResource,
  DriftStackSummary,
  DriftStatus,
  Expected,
  LiveState,
  PropertyDifference,
  ReadInput,
  ResourceDrift,
};
