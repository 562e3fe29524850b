/**
 * The shared state of one simulation run: the stack as CloudFormation knows it, the machinery
 * it talks through, and the steps recorded so far.
 */
import type { Standin } from '../standin/index.js';
import type { LoadedTemplate } from '../templates/template.js';
import type { ContinuationRelay } from './continuations.js';
import type { LambdaPool } from './lambda-pool.js';
import type { ResourceWait } from './readiness-lag.js';
import type { ResponseServer } from '../../framework/testing/index.js';

/** How CloudFormation reaches the handler: ServiceToken = function ARN, or = SNS topic ARN. */
type Transport = 'direct' | 'sns';

/** What CloudFormation made of one request. */
const StepResults = ['SUCCESS', 'FAILED', 'INVALID', 'NO ANSWER', 'NOT SENT'] as const;
type StepResult = (typeof StepResults)[number];

/** One request CloudFormation sent, and how it ended. */
type Step = {
  readonly index: number;
  readonly stackStatus: string;
  readonly requestType: 'Create' | 'Update' | 'Delete';
  readonly logicalId: string;
  readonly resourceType: string;
  readonly requestId: string;
  readonly via: Transport;
  /** The PhysicalResourceId sent (Update, Delete). */
  readonly sentPhysicalId: string | undefined;
  readonly result: StepResult;
  /** The PhysicalResourceId answered. */
  readonly physicalId: string | undefined;
  /** The answer's Reason, or CloudFormation's own when it refused the answer or got none. */
  readonly reason: string | undefined;
  readonly data: Readonly<Record<string, string>>;
  readonly noEcho: boolean;
  readonly bodyBytes: number | undefined;
  /** The action the handler chose, from its signal record. */
  readonly action: string | undefined;
  /** Milliseconds from sending to the first answer. */
  readonly ms: number;
  /** Times the request was delivered (more than 1 for a redelivery). */
  readonly deliveries: number;
  /** Accepted PUTs received for the request. */
  readonly answers: number;
  /** True when every answer received had the same bytes. */
  /** Every answer to the request gave the same status and physical id. */
  readonly consistentAnswers: boolean;
  /**
   * Successful AWS calls that created something, made while serving redeliveries (offline only).
   */
  readonly redeliveryChanges: readonly string[];
  /**
   * Resources the request waited on (offline only): when each became ready, the answer's lag, the
   * calls it took.
   */
  readonly waits: readonly ResourceWait[];
  readonly note: string | undefined;
};

/** Something for the timeline. */
type SimEvent =
  | { readonly kind: 'status'; readonly status: string; readonly note?: string }
  | { readonly kind: 'step'; readonly step: Step }
  | { readonly kind: 'note'; readonly text: string }
  | { readonly kind: 'lines'; readonly lines: readonly string[] };

/** A custom resource as CloudFormation remembers it. */
type ResourceState = {
  readonly logicalId: string;
  readonly type: string;
  physicalId: string | undefined;
  properties: Record<string, unknown> | undefined;
  data: Record<string, string>;
};

/** One simulation. */
type Session = {
  readonly template: LoadedTemplate;
  readonly stackId: string;
  readonly stackName: string;
  readonly region: string;
  readonly account: string;
  readonly transport: Transport;
  parameters: Record<string, string>;
  readonly imports: Readonly<Record<string, string>>;
  readonly resources: Map<string, ResourceState>;
  readonly endpoint: ResponseServer;
  readonly lambda: LambdaPool;
  readonly relay: ContinuationRelay;
  readonly standin: Standin;
  readonly offline: boolean;
  readonly steps: Step[];
  status: string;
  /** Extra properties per resource, merged into what the template gives (fault injection). */
  readonly extraProperties: Map<string, Record<string, string>>;
  /** The redeliveries each request gets: warm (same container) or fresh (a new one). */
  redeliveries: readonly ('warm' | 'fresh')[];
  /** The function's timeout, ms. */
  lambdaTimeoutMs: number;
  emit(event: SimEvent): void;
};

export { StepResults };
export type { ResourceState, Session, SimEvent, Step, StepResult, Transport };
