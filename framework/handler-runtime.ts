/**
 * What a handler keeps for the life of its container: its ports and settings, read once at cold
 * start, and the container's memory (answers given, continuation steps taken, secrets learnt).
 */
import { answerMemory } from './answer/answered.js';
import type { AnswerMemory } from './answer/answered.js';
import { originsFrom, readConfig } from './config.js';
import type { CrkitConfig, LogLevel } from './config.js';
import { SeenSteps } from './long-operations/continuation.js';
import { createLogger } from './logging.js';
import type { LogSink, Logger } from './logging.js';
import { Redactor } from './redaction.js';
import { createRegistry } from './registry.js';
import type { Registry, RegistryEntry } from './registry.js';
import type { ScheduledTask } from './scheduled.js';
import type { ContinuationPort } from './long-operations/settle.js';
import type { StackPort } from './stacks.js';
import type { SignalForwarder } from './answer/trail.js';

type HandlerOptions = {
  /** The resource types served. */
  readonly resources: readonly RegistryEntry[];
  /**
   * DescribeStacks, for rollback detection and stack tags. @default none: every Update is an update
   */
  readonly stacks?: StackPort | undefined;
  /** Where long operations go when an invocation runs out of time. @default none */
  readonly continuation?: ContinuationPort | undefined;
  /**
   * Called with a redacted copy of each signal record after the answer was sent (the audit topic);
   * cut off at the deadline (at most 5 s). Failures are logged, never fatal. @default none
   */
  readonly onSignal?: SignalForwarder | undefined;
  /**
   * Work an EventBridge schedule starts (the drift check); it must only read. @default none:
   * scheduled events are rejected
   */
  readonly scheduled?: ScheduledTask | undefined;
  /** Line writer. @default stdout */
  readonly logSink?: LogSink | undefined;
  /** @default from CRKIT_LOG_LEVEL, else 'info' */
  readonly logLevel?: LogLevel | undefined;
  /** Origins a ResponseURL may use besides https S3. @default from CRKIT_RESPONSE_ORIGINS */
  readonly responseOrigins?: readonly string[] | undefined;
  /** Most time kept back for the answer's PUT. @default 3000 */
  readonly answerReserveMs?: number | undefined;
};

/** What a handler keeps for the life of its container. @internal */
type Runtime = {
  readonly registry: Registry;
  readonly stacks: StackPort | undefined;
  readonly continuation: ContinuationPort | undefined;
  readonly onSignal: SignalForwarder | undefined;
  /** The task a schedule starts (the drift check), and the schedule allowed to start it. */
  readonly scheduled: ScheduledTask | undefined;
  readonly answerReserveMs: number | undefined;
  /** The container's logger; it asks `secrets` what to mask. */
  readonly log: Logger;
  /**
   * The container's secrets registry: NoEcho values answered stay masked for the container's
   * life (a later request may log them). Each request adds its own secrets on top of it.
   */
  readonly secrets: Redactor;
  readonly origins: readonly string[];
  readonly memory: AnswerMemory;
  /** Continuation steps served by this container (SQS delivers at least once). */
  readonly steps: SeenSteps;
  /** EMF namespace of the answer metrics; undefined writes none. */
  readonly metricsNamespace: string | undefined;
  /**
   * Why the settings are unusable, when they are: every request is then answered FAILED with it.
   */
  readonly misconfiguration: string | undefined;
};

/** The origins in force and, when a setting is unusable, why (logged once, here, at cold start). */
function settingsOf(
  options: HandlerOptions,
  config: CrkitConfig,
  log: Logger,
): { readonly origins: readonly string[]; readonly misconfiguration: string | undefined } {
  const given =
    options.responseOrigins === undefined
      ? undefined
      : originsFrom(options.responseOrigins, 'the responseOrigins option');
  const problems = given === undefined ? config.problems : given.problems;
  const misconfiguration =
    problems.length === 0 ? undefined : `crkit is misconfigured: ${problems.join('; ')}`;
  if (misconfiguration !== undefined)
    log.error(`${misconfiguration}; every request is answered FAILED until it is fixed`);
  return { origins: given?.origins ?? config.responseOrigins, misconfiguration };
}

/**
 * Reads the settings and makes the container's state.
 * @internal
 */
function createRuntime(options: HandlerOptions): Runtime {
  const config = readConfig();
  const secrets = new Redactor();
  const log = createLogger({
    level: options.logLevel ?? config.logLevel,
    sink: options.logSink,
    redactor: secrets,
  });
  const { origins, misconfiguration } = settingsOf(options, config, log);
  return {
    registry: createRegistry(options.resources),
    stacks: options.stacks,
    continuation: options.continuation,
    onSignal: options.onSignal,
    scheduled: options.scheduled,
    answerReserveMs: options.answerReserveMs,
    log,
    secrets,
    origins,
    memory: answerMemory(),
    steps: new SeenSteps(),
    metricsNamespace: config.metricsNamespace,
    misconfiguration,
  };
}

export { createRuntime };
export type { HandlerOptions, Runtime };
