/**
 * A resource's expected properties, parsed one by one with the type's schema, as a request's
 * would be: in CloudFormation's request form (scalars as strings), then read back by the
 * schema (`"3"` → 3). Parsing one property at a time lets a property whose value cannot be
 * known (an attribute, an import, a NoEcho parameter) leave the others comparable.
 */
import * as z from 'zod/mini';
import type { Expected } from './types.js';
import { requestForm } from '../template/evaluate.js';
import { ProtocolKeys } from '../properties.js';
import type { PropertiesSchema } from '../properties.js';

type Shape = Readonly<Record<string, z.core.$ZodType>>;

/** The object schema's property schemas, or undefined when it is not a plain object schema. */
function shapeOf(schema: PropertiesSchema): Shape | undefined {
  const def = (
    schema as {
      readonly _zod?: { readonly def?: { readonly type?: unknown; readonly shape?: unknown } };
    }
  )._zod?.def;
  return def?.type === 'object' && typeof def.shape === 'object' && def.shape !== null
    ? (def.shape as Shape)
    : undefined;
}

/**
 * Each declared property's expected value, parsed; a value the schema refuses is not comparable
 * (the stack could not have been created with it). Protocol keys (ServiceToken) are left out.
 * @example
 * parsedExpected(schema, { PartitionCount: { kind: 'value', value: 3 } })
 * // { PartitionCount: { kind: 'value', value: 3 } }
 */
function parsedExpected(
  schema: PropertiesSchema,
  evaluated: Readonly<Record<string, Expected>>,
): Record<string, Expected> {
  const shape = shapeOf(schema);
  const out: Record<string, Expected> = {};
  for (const [name, expected] of Object.entries(evaluated)) {
    if ((ProtocolKeys as readonly string[]).includes(name)) continue;
    if (expected.kind === 'not-comparable') {
      out[name] = expected;
      continue;
    }
    const property = shape?.[name];
    if (property === undefined) {
      out[name] = { kind: 'not-comparable', why: 'the type does not declare this property' };
      continue;
    }
    const parsed = z.safeParse(property, requestForm(expected.value));
    out[name] = parsed.success
      ? { kind: 'value', value: parsed.data }
      : { kind: 'not-comparable', why: 'the template value does not parse with the type schema' };
  }
  return out;
}

/** The comparable values alone, as a type's `read` receives them. */
function comparableValues(expected: Readonly<Record<string, Expected>>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(expected).flatMap(([name, item]) =>
      item.kind === 'value' ? [[name, item.value]] : [],
    ),
  );
}

export { comparableValues, parsedExpected };
