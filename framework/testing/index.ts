/**
 * crkit/testing: what a test of a custom resource type needs — a loopback ResponseURL server,
 * CloudFormation requests and the SNS and SQS events that carry them, Lambda contexts, and a
 * Lambda-like runner, in this process or in a child process running a built bundle, and a check of
 * an answer against the protocol's rules.
 */
export * from './answer-check.js';
export { AnswerScripts } from './answer-script.js';
export type { AnswerScript, AnswerStep } from './answer-script.js';
export { startBystander } from './bystander.js';
export type { Bystander } from './bystander.js';
export { defaultQueueArn, defaultTopicArn, snsEvent, sqsEvent } from './events.js';
export { invokeInProcess } from './invoke.js';
export type { InProcessResult } from './invoke.js';
export { lambdaContext } from './lambda-context.js';
export type { ContextOptions, TestContext } from './lambda-context.js';
export { lambdaEnvironment } from './lambda-environment.js';
export { startLambdaProcess } from './lambda-process.js';
export type * from './lambda-process.js';
export { presignedUrl, requestKeyOf } from './presigned-url.js';
export type { ResponseTarget } from './presigned-url.js';
export type { ReceivedPut } from './received-put.js';
export { cloudFormationRequest, defaultServiceToken, newStackId } from './requests.js';
export type { CloudFormationRequest, RequestSpec, RequestType } from './requests.js';
export { startResponseServer } from './response-server.js';
export type { ConnectionCounts, ResponseServer, ResponseServerOptions } from './response-server.js';
