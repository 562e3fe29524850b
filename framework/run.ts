/**
 * Running a resource function: parse properties as the action requires, decide replacement
 * versus update in place from the declared replace-on list, freeze the input, call.
 */
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { DefinitionError, PropertiesError } from './errors.js';
import { sameValue } from './naming.js';
import { isOutcome } from './outcome.js';
import type { Outcome } from './outcome.js';
import { parseProperties } from './properties.js';
import type { AnyResourceDefinition, BaseInput } from './resource.js';

type Props = Record<string, unknown>;

/** What running produced, with what dispatch needs to check it. */
type Ran = { readonly outcome: Outcome; readonly properties: Props | undefined; readonly replacing: boolean };

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

/** `markCreated` outside create would name the wrong thing in a failed answer: it is ignored there. */
function ignoredMark(base: BaseInput): BaseInput['markCreated'] {
  return (physicalId) => base.log.warn('markCreated is for create; ignored in update and delete', { physicalId });
}

/** Parses or throws a PropertiesError naming which properties were wrong. */
function strict(definition: AnyResourceDefinition, raw: Props, which: string): Props {
  const parsed = parseProperties(definition.properties, raw);
  if (parsed.ok) return parsed.value;
  throw new PropertiesError(`Invalid ${which} for ${definition.type}: ${parsed.reason}`);
}

/** Parses, or gives undefined (logged) for properties that may be in an older format. */
function lenient(definition: AnyResourceDefinition, raw: Props, which: string, base: BaseInput): Props | undefined {
  const parsed = parseProperties(definition.properties, raw);
  if (parsed.ok) return parsed.value;
  base.log.warn(`the ${which} do not match the current schema; continuing without them`, { problem: parsed.reason });
  return undefined;
}

/** A replace-on property changed: compare parsed values, or raw ones when the old do not parse. */
function needsReplacement(definition: AnyResourceDefinition, next: Props, old: Props | undefined, rawNext: Props, rawOld: Props): boolean {
  return definition.replaceOn.some((key) =>
    old === undefined ? String(rawNext[key] ?? '') !== String(rawOld[key] ?? '') : !sameValue(next[key], old[key]),
  );
}

function checked(outcome: unknown, doing: string): Outcome {
  if (isOutcome(outcome)) return outcome;
  throw new DefinitionError(`${doing} returned no outcome; resource functions must return succeeded(), failed() or inProgress()`);
}

async function runUpdate(definition: AnyResourceDefinition, request: CloudFormationCustomResourceEvent & { RequestType: 'Update' }, base: BaseInput): Promise<Ran> {
  const properties = deepFreeze(strict(definition, request.ResourceProperties, 'properties'));
  const oldProperties = deepFreeze(
    base.action === 'rollback'
      ? lenient(definition, request.OldResourceProperties, 'old properties', base)
      : strict(definition, request.OldResourceProperties, 'old properties (OldResourceProperties)'),
  );
  const doing = `${base.action} of ${definition.type}`;
  if (needsReplacement(definition, properties, oldProperties, request.ResourceProperties, request.OldResourceProperties)) {
    const replacing = { physicalId: request.PhysicalResourceId, properties: oldProperties };
    const outcome = checked(await definition.create(Object.freeze({ ...base, properties, replacing })), doing);
    return { outcome, properties, replacing: true };
  }
  const input = Object.freeze({ ...base, markCreated: ignoredMark(base), properties, oldProperties, physicalId: request.PhysicalResourceId });
  const run = base.action === 'rollback' && definition.rollback !== undefined ? definition.rollback : definition.update;
  return { outcome: checked(await run(input), doing), properties, replacing: false };
}

/**
 * Calls the definition's function for the request's action.
 * @internal
 */
async function runResource(definition: AnyResourceDefinition, request: CloudFormationCustomResourceEvent, base: BaseInput): Promise<Ran> {
  const doing = `${base.action} of ${definition.type}`;
  if (request.RequestType === 'Create') {
    const properties = deepFreeze(strict(definition, request.ResourceProperties, 'properties'));
    const outcome = checked(await definition.create(Object.freeze({ ...base, properties, replacing: undefined })), doing);
    return { outcome, properties, replacing: false };
  }
  if (request.RequestType === 'Delete') {
    const properties = deepFreeze(lenient(definition, request.ResourceProperties, 'properties', base));
    const outcome = checked(await definition.delete(Object.freeze({ ...base, markCreated: ignoredMark(base), properties, physicalId: request.PhysicalResourceId })), doing);
    return { outcome, properties, replacing: false };
  }
  return runUpdate(definition, request, base);
}

export { runResource };
export type { Ran };
