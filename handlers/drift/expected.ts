/**
 * One resource's declared properties, evaluated against the deployed stack, property by
 * property: a value, or why it cannot be compared. A property removed by `AWS::NoValue` is not
 * declared.
 */
import { TemplateError, evaluate } from '../../framework/drift.js';
import type { EvalContext, Expected, Json, JsonObject } from '../../framework/drift.js';

/**
 * The evaluated properties of a template resource.
 * @example
 * evaluatedProperties(template.resources.Cluster?.Properties, context)
 * // { Strategy: { kind: 'value', value: 'cluster' }, … }
 */
function evaluatedProperties(
  properties: Json | undefined,
  context: EvalContext,
): Record<string, Expected> {
  const out: Record<string, Expected> = {};
  if (typeof properties !== 'object' || properties === null || Array.isArray(properties))
    return out;
  for (const [name, raw] of Object.entries(properties as JsonObject)) {
    try {
      const evaluated = evaluate({ [name]: raw }, context) as Record<string, unknown>;
      if (name in evaluated) out[name] = { kind: 'value', value: evaluated[name] };
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      out[name] = { kind: 'not-comparable', why: error.message };
    }
  }
  return out;
}

export { evaluatedProperties };
