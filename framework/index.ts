/**
 * crkit's public API: the only door into the framework.
 */
export { createHandler } from './handler.js';
export type { HandlerOptions, HandlerResult, InvocationContext } from './handler.js';
export { defineResource, Actions } from './resource.js';
export type * from './resource.js';
export type { IamConditionValue, IamConditions, IamStatement } from './iam.js';
export type * from './drift/types.js';
// Drift detection's functions (the comparison, the template evaluator) are exported by
// './drift.js' alone: only the scheduled check and the CLI load them, never a request.
export { succeeded, failed, inProgress } from './outcome.js';
export type { AttributeValue, ContinuationState, Outcome } from './outcome.js';
/**
 * zod/mini, which property schemas are written with; zod is a peer dependency, so this is the
 * project's one copy.
 */
export * as z from 'zod/mini';
export {
  cfnBoolean,
  cfnInteger,
  cfnNumber,
  parseProperties,
  sensitiveValues,
} from './properties.js';
export type { ParsedProperties, PropertiesSchema } from './properties.js';
export { createRegistry } from './registry.js';
export type { LazyResource, Registry, RegistryEntry } from './registry.js';
export type { ResourceEvent, StackDescription, StackPort, StackResourceView } from './stacks.js';
export type { Provenance } from './confirmation.js';
export { MaxDelaySeconds } from './long-operations/settle.js';
export type { ContinuationPort } from './long-operations/settle.js';
export { deterministicName } from './naming.js';
export { sameValue } from './same-value.js';
export { failedCreateMarker } from './physical-id.js';
export {
  AwsCallError,
  CrkitError,
  DeadlineError,
  DefinitionError,
  PropertiesError,
  ResourceError,
  UnknownResourceTypeError,
  isCrkitError,
} from './errors.js';
export { ThrottlingCodes, awsCallError, awsErrorCode } from './aws-failure.js';
export { recordAwsCall } from './scope.js';
export type { AwsCallRecord } from './scope.js';
export { createLogger } from './logging.js';
export type { Logger, LogSink } from './logging.js';
export type { SignalRecord } from './answer/signal-record.js';
export type { ForwardContext, SignalForwarder } from './answer/trail.js';
export type { ScheduledInput, ScheduledTask } from './scheduled.js';
export { readConfig } from './config.js';
export type { CrkitConfig } from './config.js';
export { sleep } from './deadline.js';
