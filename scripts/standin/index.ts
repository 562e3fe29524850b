/**
 * crkit's loopback AWS stand-in: a fake EC2 / CloudFormation / SQS / Secrets Manager on
 * 127.0.0.1 that the real SDK v3 clients talk to unchanged. This file is the only door.
 */
export { startStandin } from './standin.js';
export { cloudFormationModel } from './cloudformation-model.js';
export type { CloudFormationModel } from './cloudformation-model.js';
export type { Standin, StandinOptions, StandinEnv } from './standin.js';
export type {
  StandinControls,
  StackEventView,
  StackRef,
  StackResourceSeed,
  StackResourceView,
} from './controls.js';
export { asCustomResourceRequest } from './custom-resource-request.js';
export type {
  CustomResourceAnswer,
  CustomResourceRequest,
  RequestType,
} from './custom-resource-request.js';
export { connectStandin } from './control-client.js';
export type { RemoteStandin } from './control-client.js';
export { CONTROL_ENDPOINTS, CONTROL_PREFIX } from './control-api.js';
export { toSqsEvent } from './sqs-event.js';
export { SAMPLE_SOURCE_IMAGES } from './seeds.js';
export type { ImageSeed, SeededImage } from './seeds.js';
export type { SnapshotSeed } from './snapshots.js';
export type { StackParameter, StackSeed } from './stacks.js';
export type { DeregisterOptions, ImageAttributeChange } from './out-of-band.js';
export type { FaultSpec, FaultEffect, FaultKind } from './faults.js';
export type { CallRecord, CallFilter } from './call-log.js';
export type { SentMessage, MessageAttribute } from './sqs-messages.js';
export type { ImageOutcome, StateReason } from './images.js';
export type { Readiness } from './readiness.js';
export type { ReadinessRecord } from './readiness-view.js';
export type { Tag } from './tags.js';
export { INSTANCE_TYPES } from './instance-type-table.js';
export type { InstanceTypeInfo } from './instance-type-table.js';
export { EC2_ACTIONS } from './ec2.js';
