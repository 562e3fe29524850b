/**
 * The kit's look at a type's `read`: the resource is read as a drift check reads it (the
 * properties as the stack declares them, parsed with the type's schema) and the framework's own
 * comparison gives the verdict. The kit cannot change a resource generically, so it changes the
 * expectation instead: it picks one property the read observes (an in-place one first), alters
 * its expected value (a string gets a suffix, a number + 1, a boolean flips), calls `read` again
 * with the altered properties and compares against them. A read that observes the resource
 * reports MODIFIED naming that property; one that echoes the properties it is given reports
 * IN_SYNC, and the invariant fails. Tags are not judged: how a type tags is its own business.
 */
import { comparableValues, compareDrift, parsedExpected } from '../../framework/drift.js';
import { createLogger, sensitiveValues } from '../../framework/index.js';
import type { Expected, ResourceDefinition, ResourceDrift } from '../../framework/index.js';

/** What one look found. */
type ReadProbe = {
  readonly label: string;
  readonly physicalId: string;
  /** The verdict against the declared properties, or the error the read threw. */
  readonly drift: ResourceDrift | undefined;
  readonly error: string | undefined;
  /**
   * The property the kit altered, and the verdict against the altered expectation (after create
   * only).
   */
  readonly altered?:
    | {
        readonly property: string;
        readonly drift: ResourceDrift | undefined;
        readonly error: string | undefined;
      }
    | 'nothing observable';
};

/** What the probe needs from the harness. */
type ProbeContext = {
  readonly definition: ResourceDefinition;
  readonly stackId: string;
  readonly logs: string[];
};

/** An altered value of the same kind, or undefined for a value the kit does not alter. */
function alteredValue(value: unknown): unknown {
  if (typeof value === 'string') return `${value}-crkit-conform`;
  if (typeof value === 'number') return value + 1;
  if (typeof value === 'boolean') return !value;
  return undefined;
}

const errorText = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

async function readAndCompare(
  context: ProbeContext,
  physicalId: string,
  expected: Readonly<Record<string, Expected>>,
): Promise<{
  drift: ResourceDrift | undefined;
  error: string | undefined;
  observed: readonly string[];
}> {
  const { definition } = context;
  const properties = comparableValues(expected);
  const log = createLogger({
    sink: (line) => void context.logs.push(line),
    fields: { check: 'conformance read' },
  });
  log.redactor.add(sensitiveValues(definition.sensitive ?? [], properties));
  const identity = {
    stackId: context.stackId,
    logicalResourceId: 'Resource',
    physicalResourceId: physicalId,
    resourceType: definition.type,
  };
  const request = {
    stackId: context.stackId,
    stackName: 'crkit-conform',
    requestId: 'conformance-read',
    logicalResourceId: 'Resource',
    resourceType: definition.type,
  };
  try {
    if (definition.read === undefined) throw new Error('the type declares no read');
    const live = await definition.read({
      physicalId,
      properties,
      signal: AbortSignal.timeout(30_000),
      log,
      request,
    });
    const drift = compareDrift({ identity, expected, live, sensitive: definition.sensitive ?? [] });
    return {
      drift,
      error: undefined,
      observed: live.kind === 'found' ? Object.keys(live.properties) : [],
    };
  } catch (error) {
    return { drift: undefined, error: errorText(error), observed: [] };
  }
}

/** Observed properties with a comparable expected value the kit can alter, in-place ones first. */
function alterable(
  definition: ResourceDefinition,
  expected: Readonly<Record<string, Expected>>,
  observed: readonly string[],
): string[] {
  const candidates = observed.filter((name) => {
    const item = expected[name];
    return item?.kind === 'value' && alteredValue(item.value) !== undefined;
  });
  return [
    ...candidates.filter((name) => !definition.replaceOn.includes(name)),
    ...candidates.filter((name) => definition.replaceOn.includes(name)),
  ];
}

/**
 * Reads the resource `physicalId` against the properties CloudFormation sent (`withAlteration`:
 * and once more with one observed property's expectation altered).
 * @example
 * const probe = await probeRead(context, 'after create', id, properties, true);
 */
async function probeRead(
  context: ProbeContext,
  label: string,
  physicalId: string,
  sent: Record<string, unknown>,
  withAlteration: boolean,
): Promise<ReadProbe> {
  const declared = Object.fromEntries(
    Object.entries(sent).map(([name, value]) => [
      name,
      { kind: 'value', value } satisfies Expected,
    ]),
  );
  const expected = parsedExpected(context.definition.properties, declared);
  const first = await readAndCompare(context, physicalId, expected);
  const probe = { label, physicalId, drift: first.drift, error: first.error };
  if (!withAlteration || first.drift === undefined) return probe;
  const property = alterable(context.definition, expected, first.observed)[0];
  if (property === undefined) return { ...probe, altered: 'nothing observable' };
  const original = expected[property] as { readonly value: unknown };
  const changed = await readAndCompare(context, physicalId, {
    ...expected,
    [property]: { kind: 'value', value: alteredValue(original.value) },
  });
  return { ...probe, altered: { property, drift: changed.drift, error: changed.error } };
}

export { probeRead };
export type { ProbeContext, ReadProbe };
