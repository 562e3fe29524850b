/**
 * Values that CloudFormation only knows at deploy time, written down so that two templates can be
 * compared: parameters become their defaults, pseudo parameters stay as `${AWS::Region}` and the
 * like, imports are followed to the exporting template. Lets the checker see that a policy's `!Sub
 * 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${Prefix}-handler-${AWS::Region}'` names the
 * role another template calls `${Prefix}-handler-${AWS::Region}`.
 */
import { PseudoParameters, importName } from './intrinsics.js';
import { findExport, type TemplateSet } from './template-set.js';
import { isObject, type Json, type LoadedTemplate } from './template.js';
import { replacePlaceholders } from '../../framework/drift.js';

/**
 * The value as comparable text, or undefined when it depends on something else (a resource's
 * attribute, a condition, a parameter of unknown value is kept as `${Name}`).
 * @example
 * symbolicText(set, state,
 *   { 'Fn::Sub': 'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${Prefix}' });
 * // 'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:crkit'
 */
function symbolicText(
  set: TemplateSet,
  template: LoadedTemplate,
  value: Json | undefined,
): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (!isObject(value)) return undefined;
  if (typeof value.Ref === 'string') return nameText(template, value.Ref, {});
  if ('Fn::Sub' in value) return subText(set, template, value['Fn::Sub']);
  if ('Fn::ImportValue' in value) {
    const name = importName(template, value);
    const exported = name === undefined ? undefined : findExport(set, name);
    return exported === undefined
      ? undefined
      : symbolicText(set, exported.template, exported.value);
  }
  const join = value['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    const parts = (join[1] as readonly Json[]).map((part) => symbolicText(set, template, part));
    return parts.every((part) => part !== undefined) ? parts.join(join[0]) : undefined;
  }
  return undefined;
}

/**
 * `Fn::Sub` text with its variables written down; undefined when one names a resource or attribute.
 */
function subText(set: TemplateSet, template: LoadedTemplate, argument: Json): string | undefined {
  const [text, variables] = Array.isArray(argument)
    ? [argument[0], argument[1]]
    : [argument, undefined];
  if (typeof text !== 'string') return undefined;
  const local: Record<string, string | undefined> = {};
  if (isObject(variables))
    for (const [name, item] of Object.entries(variables))
      local[name] = symbolicText(set, template, item);
  let unresolved = false;
  const result = replacePlaceholders(text, 'all', (inner) => {
    if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
    const resolved = nameText(template, inner.trim(), local);
    if (resolved === undefined) unresolved = true;
    return resolved ?? `\${${inner}}`;
  });
  return unresolved ? undefined : result;
}

/**
 * A name in `Ref` or `${…}`: a local Sub variable, a parameter (its default, else `${Name}`), a
 * pseudo parameter.
 */
function nameText(
  template: LoadedTemplate,
  name: string,
  local: Record<string, string | undefined>,
): string | undefined {
  if (name in local) return local[name];
  if (PseudoParameters.has(name)) return `\${${name}}`;
  const parameter = template.parameters[name];
  if (parameter === undefined) return undefined;
  const fallback = parameter.Default;
  return typeof fallback === 'string' || typeof fallback === 'number'
    ? String(fallback)
    : `\${${name}}`;
}

export { symbolicText };
