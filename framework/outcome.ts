/**
 * What a resource function returns: a discriminated union built by named constructors.
 * The framework turns it into exactly one answer.
 */

/** A value CloudFormation can hand to `Fn::GetAtt`; sent as a string. */
type AttributeValue = string | number | boolean;

/** State carried between the steps of a long operation: small, JSON-safe, secret-free. */
type ContinuationState = Readonly<Record<string, string | number | boolean | readonly string[]>>;

/** The resource exists and is as asked. */
type Succeeded = {
  readonly kind: 'succeeded';
  readonly physicalId: string;
  readonly data: Readonly<Record<string, AttributeValue>>;
  readonly noEcho: boolean;
  /** Sent as the Reason of the SUCCESS answer: what the template author should know. */
  readonly note: string | undefined;
};

/** The resource refused or failed; `physicalId` names anything it left behind. */
type Failed = {
  readonly kind: 'failed';
  readonly reason: string;
  readonly physicalId: string | undefined;
};

/**
 * The work goes on; the framework resumes it with `state` on its own polling schedule, not
 * before `delaySeconds` when the resource asks for a longer gap.
 */
type InProgress = {
  readonly kind: 'in-progress';
  readonly waitingFor: string;
  readonly state: ContinuationState;
  readonly delaySeconds: number | undefined;
  readonly physicalId: string | undefined;
};

type Outcome = Succeeded | Failed | InProgress;

/**
 * The resource is in place. `noEcho` masks the attributes in `Fn::GetAtt`; `note` travels as the
 * SUCCESS answer's Reason (say, why a Delete left something in place).
 * @example
 * return succeeded(group.GroupName, { GroupId: group.GroupId, Strategy: 'cluster' });
 */
function succeeded(
  physicalId: string,
  data: Readonly<Record<string, AttributeValue>> = {},
  options: { readonly noEcho?: boolean | undefined; readonly note?: string | undefined } = {},
): Succeeded {
  return {
    kind: 'succeeded',
    physicalId,
    data,
    noEcho: options.noEcho ?? false,
    note: options.note,
  };
}

/**
 * The resource could not be put in place; `reason` is shown to the template author.
 * @example
 * return failed('c5n.18xlarge does not support spread placement', group.GroupName);
 */
function failed(reason: string, physicalId?: string): Failed {
  return { kind: 'failed', reason, physicalId };
}

/**
 * The work continues later (an image still pending, a group still in use). The framework looks
 * again about 1 s after the operation began, then at gaps of a tenth of the time waited (at most
 * 60 s); `delaySeconds` only lengthens the next gap (backing off from throttling, say).
 * @example
 * return inProgress({
 *   waitingFor: `image ${id} to become available`, state: { imageId: id }, physicalId: id,
 * });
 */
function inProgress(step: {
  readonly waitingFor: string;
  readonly state: ContinuationState;
  readonly delaySeconds?: number | undefined;
  readonly physicalId?: string | undefined;
}): InProgress {
  return {
    kind: 'in-progress',
    waitingFor: step.waitingFor,
    state: step.state,
    delaySeconds: step.delaySeconds,
    physicalId: step.physicalId,
  };
}

/** True when a resource function returned something other than an Outcome. @internal */
function isOutcome(value: unknown): value is Outcome {
  if (typeof value !== 'object' || value === null) return false;
  const kind = (value as { kind?: unknown }).kind;
  return kind === 'succeeded' || kind === 'failed' || kind === 'in-progress';
}

/**
 * The values an outcome makes secret: the Data of a NoEcho answer, to be masked from the moment
 * the resource returns them, before anything logs them.
 * @internal
 */
function outcomeSecrets(outcome: Outcome): string[] {
  return outcome.kind === 'succeeded' && outcome.noEcho
    ? Object.values(outcome.data).map(String)
    : [];
}

export { failed, inProgress, isOutcome, outcomeSecrets, succeeded };
export type { AttributeValue, ContinuationState, Failed, InProgress, Outcome, Succeeded };
