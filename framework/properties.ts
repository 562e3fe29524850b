/**
 * Property parsing. CloudFormation sends every scalar as a string (`5` → `"5"`, `true` →
 * `"true"`), so schemas say where a string may be read back as a number or boolean; nothing
 * else is coerced. Error messages name the property path and never the value.
 */
import * as z from 'zod/mini';

/** Keys CloudFormation adds to every custom resource's properties. */
const ProtocolKeys = ['ServiceToken', 'ServiceTimeout'] as const;

/** A property schema: a zod object (use `z.strictObject` so unknown properties fail). */
type PropertiesSchema = z.core.$ZodType<Record<string, unknown>, Record<string, unknown>>;

/**
 * Longest numeric string read back as a number; a longer one is refused before any pattern
 * judges it. Any double can be written exactly enough to read back in 24 characters.
 */
const MaxNumericTextLength = 64;

/**
 * A whole number as text. Linear: one optional sign, then digits. Bounded: MaxNumericTextLength.
 */
const integerText = /^[+-]?\d+$/;
/**
 * A number as text: `12`, `1.`, `1.5`, `.5`, with an optional exponent. Linear: the digits
 * before a dot and after it can be split only one way. Bounded: MaxNumericTextLength.
 */
const numberText = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Lets anything but a string longer than MaxNumericTextLength through, so no pattern ever sees one.
 */
function withinNumericTextLength(what: string) {
  const short = (value: unknown) =>
    typeof value !== 'string' || value.length <= MaxNumericTextLength;
  return z.any().check(
    z.refine(short, {
      error: `must be ${what} of at most ${MaxNumericTextLength} characters`,
      abort: true,
    }),
  );
}

/**
 * A boolean property: `true`/`false`, or the strings `"true"`/`"false"` in any case.
 * @example
 * z.strictObject({ AllowMixedInstanceTypes: z.optional(cfnBoolean()) })
 */
function cfnBoolean() {
  const fromText = z.stringbool({ truthy: ['true'], falsy: ['false'], case: 'insensitive' });
  return z.union([z.boolean(), fromText], { error: 'must be true or false' });
}

/**
 * A numeric property within [min, max], given as a number or as text matching `text`.
 * @example
 * numericProperty({ min: 1, max: 7 }, 'a whole number', integerText, z.int());
 */
function numericProperty<Schema extends z.ZodMiniType<number, number>>(
  range: { readonly min: number; readonly max: number },
  what: string,
  text: RegExp,
  schema: Schema,
) {
  const fromText = z.pipe(
    z.string().check(z.regex(text)),
    z.transform((value: string) => Number(value)),
  );
  const bounds = [
    z.gte(range.min, { error: `must be at least ${range.min}` }),
    z.lte(range.max, { error: `must be at most ${range.max}` }),
  ];
  const within = schema.check(...bounds);
  return z.pipe(
    withinNumericTextLength(what),
    z.pipe(z.union([z.number(), fromText], { error: `must be ${what}` }), within),
  );
}

/**
 * A whole-number property within [min, max]; numeric strings of at most 64 characters are read
 * back.
 * @example
 * z.strictObject({ PartitionCount: z.optional(cfnInteger({ min: 1, max: 7 })) })
 */
function cfnInteger(range: { readonly min: number; readonly max: number }) {
  return numericProperty(
    range,
    'a whole number',
    integerText,
    z.int({ error: 'must be a whole number' }),
  );
}

/**
 * A number property within [min, max]; numeric strings of at most 64 characters are read back.
 * @example
 * z.strictObject({ Ratio: cfnNumber({ min: 0, max: 1 }) })
 */
function cfnNumber(range: { readonly min: number; readonly max: number }) {
  return numericProperty(range, 'a number', numberText, z.number());
}

type Issue = z.core.$ZodIssue;

function pathOf(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path)
    out += typeof part === 'number' ? `[${part}]` : `${out === '' ? '' : '.'}${String(part)}`;
  return out;
}

/** Describes one issue without quoting the input (it may be a secret). */
function describeIssue(issue: Issue): string {
  if (issue.code === 'unrecognized_keys') {
    const where = issue.path.length > 0 ? ` in ${pathOf(issue.path)}` : '';
    return `unknown propert${issue.keys.length > 1 ? 'ies' : 'y'} ${issue.keys.join(', ')}${where}`;
  }
  const where = pathOf(issue.path) || '(properties)';
  if (issue.message !== '' && issue.message !== 'Invalid input')
    return `${where}: ${issue.message}`;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? `${where}: is required`
        : `${where}: must be of type ${issue.expected}`;
    case 'invalid_value':
      return (
        `${where}: must be one of ` +
        `${issue.values.map((value) => JSON.stringify(value)).join(', ')}`
      );
    case 'too_big':
      return (
        `${where}: must be at most ` +
        `${String(issue.maximum)}${issue.origin === 'number' ? '' : ' long'}`
      );
    case 'too_small':
      return (
        `${where}: must be at least ` +
        `${String(issue.minimum)}${issue.origin === 'number' ? '' : ' long'}`
      );
    case 'invalid_format':
      return `${where}: has the wrong format`;
    default:
      return `${where}: is invalid`;
  }
}

/** Outcome of parsing properties. */
type ParsedProperties<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: string };

/**
 * Parses raw CloudFormation properties with a schema, after removing ServiceToken and
 * ServiceTimeout.
 * @example
 * const parsed = parseProperties(schema, event.ResourceProperties);
 * if (!parsed.ok) return failed(parsed.reason);
 */
function parseProperties<S extends PropertiesSchema>(
  schema: S,
  raw: Readonly<Record<string, unknown>>,
): ParsedProperties<z.output<S>> {
  const own: Record<string, unknown> = { ...raw };
  for (const key of ProtocolKeys) delete own[key];
  // reportInput lets an issue tell a missing property from a mistyped one; the input is never
  // quoted.
  const result = z.safeParse(schema, own, { reportInput: true });
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues;
  const shown = issues.slice(0, 5).map(describeIssue);
  const more = issues.length > shown.length ? `; and ${issues.length - shown.length} more` : '';
  return { ok: false, reason: `${shown.join('; ')}${more}` };
}

/**
 * Every string found under the named top-level properties, for redaction by value.
 * @example
 * sensitiveValues(['Password'], { Password: 'hunter2' }) // ['hunter2']
 */
function sensitiveValues(keys: readonly string[], raw: unknown): string[] {
  if (typeof raw !== 'object' || raw === null) return [];
  const found: string[] = [];
  const visit = (value: unknown): void => {
    if (typeof value === 'string' || typeof value === 'number') found.push(String(value));
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(visit);
  };
  for (const key of keys) visit((raw as Record<string, unknown>)[key]);
  return found.filter((value) => value !== '');
}

/**
 * The top-level property names a schema declares, or undefined when it is not a plain object
 * schema.
 * @internal
 */
function declaredNames(schema: PropertiesSchema): ReadonlySet<string> | undefined {
  const def = (
    schema as {
      readonly _zod?: { readonly def?: { readonly type?: unknown; readonly shape?: unknown } };
    }
  )._zod?.def;
  if (def?.type !== 'object' || typeof def.shape !== 'object' || def.shape === null)
    return undefined;
  return new Set([...Object.keys(def.shape), ...ProtocolKeys]);
}

/**
 * What may be logged of raw properties: the values of declared properties (sensitive ones are
 * masked by the logger), and only the names of the others. A misspelled `Pasword` is unknown to
 * the schema, so nothing marks its value sensitive: its value must never be written.
 * @internal
 */
function loggableProperties(
  schema: PropertiesSchema | undefined,
  raw: Readonly<Record<string, unknown>> | undefined,
): { readonly values: Record<string, unknown> | undefined; readonly unknown: readonly string[] } {
  if (raw === undefined) return { values: undefined, unknown: [] };
  const declared = schema === undefined ? undefined : declaredNames(schema);
  const values: Record<string, unknown> = {};
  const unknown: string[] = [];
  for (const [name, value] of Object.entries(raw)) {
    if (declared?.has(name) === true) values[name] = value;
    else unknown.push(name);
  }
  return { values, unknown };
}

export {
  MaxNumericTextLength,
  ProtocolKeys,
  cfnBoolean,
  cfnInteger,
  cfnNumber,
  loggableProperties,
  parseProperties,
  sensitiveValues,
};
export type { ParsedProperties, PropertiesSchema };
