/**
 * Running a resource function: parse properties as the action requires, decide replacement
 * versus update in place from the declared replace-on list, freeze the input, call.
 */
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { ignoredMarks } from './created.js';
import { DefinitionError, PropertiesError } from './errors.js';
import { sameValue } from './same-value.js';
import { isOutcome, outcomeSecrets } from './outcome.js';
import type { Outcome } from './outcome.js';
import { parseProperties, sensitiveValues } from './properties.js';
import type { Redactor } from './redaction.js';
import type { AnyResourceDefinition, BaseInput } from './resource.js';

type Props = Record<string, unknown>;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

/**
 * Parses with the definition's schema. A sensitive value is masked in the form it was parsed
 * into too (`"0042"` is logged as `42` once parsed), from before anything can log it.
 */
function parsedWithSecrets(
  definition: AnyResourceDefinition,
  raw: Props,
  secrets: Redactor,
): ReturnType<typeof parseProperties> {
  const parsed = parseProperties(definition.properties, raw);
  if (parsed.ok) secrets.add(sensitiveValues(definition.sensitive ?? [], parsed.value));
  return parsed;
}

/** Parses or throws a PropertiesError naming which properties were wrong. */
function strict(
  definition: AnyResourceDefinition,
  raw: Props,
  which: string,
  secrets: Redactor,
): Props {
  const parsed = parsedWithSecrets(definition, raw, secrets);
  if (parsed.ok) return parsed.value;
  throw new PropertiesError(`Invalid ${which} for ${definition.type}: ${parsed.reason}`);
}

/** Parses, or gives undefined (logged) for properties that may be in an older format. */
function lenient(
  definition: AnyResourceDefinition,
  raw: Props,
  which: string,
  base: BaseInput,
  secrets: Redactor,
): Props | undefined {
  const parsed = parsedWithSecrets(definition, raw, secrets);
  if (parsed.ok) return parsed.value;
  base.log.warn(`the ${which} do not match the current schema; continuing without them`, {
    problem: parsed.reason,
  });
  return undefined;
}

/**
 * A replace-on property changed: compare parsed values, or raw ones when the old do not parse.
 * @internal
 */
function needsReplacement(
  definition: Pick<AnyResourceDefinition, 'replaceOn'>,
  next: Props,
  old: Props | undefined,
  rawNext: Props,
  rawOld: Props,
): boolean {
  return definition.replaceOn.some((key) =>
    old === undefined
      ? String(rawNext[key] ?? '') !== String(rawOld[key] ?? '')
      : !sameValue(next[key], old[key]),
  );
}

function checked(outcome: unknown, doing: string, secrets: Redactor): Outcome {
  if (!isOutcome(outcome))
    throw new DefinitionError(
      `${doing} returned no outcome; resource functions must return succeeded(), ` +
        `failed() or inProgress()`,
    );
  secrets.add(outcomeSecrets(outcome));
  return outcome;
}

/** A request's properties parsed and its call decided, before anything is called. */
type Planned = {
  readonly properties: Props | undefined;
  readonly replacing: boolean;
  readonly call: () => Promise<Outcome>;
};

function planUpdate(
  definition: AnyResourceDefinition,
  request: CloudFormationCustomResourceEvent & { RequestType: 'Update' },
  base: BaseInput,
  secrets: Redactor,
): Planned {
  const properties = deepFreeze(
    strict(definition, request.ResourceProperties, 'properties', secrets),
  );
  const oldProperties = deepFreeze(
    base.action === 'rollback'
      ? lenient(definition, request.OldResourceProperties, 'old properties', base, secrets)
      : strict(
          definition,
          request.OldResourceProperties,
          'old properties (OldResourceProperties)',
          secrets,
        ),
  );
  const doing = `${base.action} of ${definition.type}`;
  if (
    needsReplacement(
      definition,
      properties,
      oldProperties,
      request.ResourceProperties,
      request.OldResourceProperties,
    )
  ) {
    const replacing = { physicalId: request.PhysicalResourceId, properties: oldProperties };
    return {
      properties,
      replacing: true,
      call: async () =>
        checked(
          await definition.create(Object.freeze({ ...base, properties, replacing })),
          doing,
          secrets,
        ),
    };
  }
  const input = Object.freeze({
    ...base,
    ...ignoredMarks(base.log),
    properties,
    oldProperties,
    physicalId: request.PhysicalResourceId,
  });
  const run =
    base.action === 'rollback' && definition.rollback !== undefined
      ? definition.rollback
      : definition.update;
  return {
    properties,
    replacing: false,
    call: async () => checked(await run(input), doing, secrets),
  };
}

/**
 * Parses the properties as the action requires (a PropertiesError when they do not fit) and
 * decides what to call, calling nothing yet: bad input is refused before any AWS call.
 * @internal
 */
function planRun(
  definition: AnyResourceDefinition,
  request: CloudFormationCustomResourceEvent,
  base: BaseInput,
  secrets: Redactor,
): Planned {
  const doing = `${base.action} of ${definition.type}`;
  if (request.RequestType === 'Create') {
    const properties = deepFreeze(
      strict(definition, request.ResourceProperties, 'properties', secrets),
    );
    return {
      properties,
      replacing: false,
      call: async () =>
        checked(
          await definition.create(Object.freeze({ ...base, properties, replacing: undefined })),
          doing,
          secrets,
        ),
    };
  }
  if (request.RequestType === 'Delete') {
    const properties = deepFreeze(
      lenient(definition, request.ResourceProperties, 'properties', base, secrets),
    );
    const input = Object.freeze({
      ...base,
      ...ignoredMarks(base.log),
      properties,
      physicalId: request.PhysicalResourceId,
    });
    return {
      properties,
      replacing: false,
      call: async () => checked(await definition.delete(input), doing, secrets),
    };
  }
  return planUpdate(definition, request, base, secrets);
}

export { needsReplacement, planRun };
export type { Planned };
