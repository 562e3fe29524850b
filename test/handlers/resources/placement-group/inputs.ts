/**
 * Inputs for calling the resource's functions directly, as the framework would: frozen, with a
 * capturing logger and a controllable time budget.
 */
import type {
  ContinuationState,
  CreateInput,
  DeleteInput,
  ResumeInput,
  StackTag,
  UpdateInput,
} from '../../../../framework/index.js';
import { createLogger, parseProperties } from '../../../../framework/index.js';
import type { Pacing } from '../../../../handlers/resources/placement-group/pacing.js';
import {
  type PlacementGroupProperties,
  placementGroupProperties,
} from '../../../../handlers/resources/placement-group/schema.js';
import { captureLogs } from '../../../support/logs.js';
import type { LogCapture } from '../../../support/logs.js';
import { creationMarks } from '../../../../framework/created.js';
import type { CreatedMark } from '../../../../framework/created.js';

const stackId =
  'arn:aws:cloudformation:us-east-1:123456789012:stack/web/1b2c3d40-aaaa-11f0-8000-0a1b2c3d4e5f';
const request = {
  stackId,
  stackName: 'web',
  requestId: 'req-1',
  logicalResourceId: 'Cluster',
  resourceType: 'Custom::PlacementGroup',
} as const;

/** Fast waits for tests. */
const fastPacing: Pacing = { firstDelayMs: 2, maxDelayMs: 8, reserveMs: 0 };

type Options = {
  readonly remainingMs?: number;
  readonly stackTags?: readonly StackTag[] | Error;
  readonly action?: 'create' | 'update' | 'rollback' | 'delete';
  readonly mark?: CreatedMark;
};

/** Parses raw (string-valued) properties as CloudFormation sends them. */
function props(raw: Record<string, unknown>): PlacementGroupProperties {
  const parsed = parseProperties(placementGroupProperties, raw);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}

function base(options: Options, logs: LogCapture) {
  const stackTags = options.stackTags ?? [];
  return {
    action: options.action ?? 'create',
    request,
    log: createLogger({ sink: logs.sink, level: 'debug' }),
    signal: new AbortController().signal,
    remainingMs: () => options.remainingMs ?? 60_000,
    stackTags: async () => {
      if (stackTags instanceof Error) throw stackTags;
      return stackTags;
    },
    ...creationMarks(options.mark ?? { id: undefined }),
    secret: () => undefined,
  };
}

function createInput(
  raw: Record<string, unknown>,
  options: Options & {
    readonly replacing?: { physicalId: string; properties: PlacementGroupProperties };
  } = {},
) {
  const logs = captureLogs();
  const input: CreateInput<PlacementGroupProperties> = Object.freeze({
    ...base(options, logs),
    properties: props(raw),
    replacing: options.replacing,
  });
  return { input, logs };
}

function updateInput(
  raw: Record<string, unknown>,
  oldRaw: Record<string, unknown>,
  physicalId: string,
  options: Options = {},
) {
  const logs = captureLogs();
  const input: UpdateInput<PlacementGroupProperties> = Object.freeze({
    ...base({ action: 'update', ...options }, logs),
    properties: props(raw),
    oldProperties: props(oldRaw),
    physicalId,
  });
  return { input, logs };
}

function deleteInput(physicalId: string, options: Options = {}) {
  const logs = captureLogs();
  const input: DeleteInput<PlacementGroupProperties> = Object.freeze({
    ...base({ action: 'delete', ...options }, logs),
    properties: undefined,
    physicalId,
  });
  return { input, logs };
}

function resumeInput(
  state: ContinuationState,
  physicalId: string | undefined,
  raw?: Record<string, unknown>,
  options: Options = {},
) {
  const logs = captureLogs();
  const input: ResumeInput<PlacementGroupProperties> = Object.freeze({
    ...base(options, logs),
    properties: raw === undefined ? undefined : props(raw),
    physicalId,
    state,
  });
  return { input, logs };
}

/** The ownership tags this request's groups carry. */
const ours = [
  { Key: 'crkit:stack-id', Value: stackId },
  { Key: 'crkit:logical-id', Value: 'Cluster' },
];

export {
  createInput,
  deleteInput,
  fastPacing,
  ours,
  props,
  request,
  resumeInput,
  stackId,
  updateInput,
};
