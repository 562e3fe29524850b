/**
 * Whether a value in a policy names a given IAM role: `!GetAtt Role.Arn` of that very role, or text
 * that reads as its ARN (`arn:${AWS::Partition}:iam::${AWS::AccountId}:role/<path><RoleName>`),
 * which is how a template that is deployed before the role can name it.
 */
import { symbolicText } from './symbolic.js';
import { resolveResource, same, type Located, type TemplateSet } from './template-set.js';
import type { Json, LoadedTemplate } from './template.js';

/**
 * The role's ARN as comparable text, or undefined when the role has no predictable name.
 * @example
 * roleArnText(set, role);
 * // 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/crkit-handler-${AWS::Region}'
 */
function roleArnText(set: TemplateSet, role: Located): string | undefined {
  const properties = role.resource.Properties ?? {};
  const name = symbolicText(set, role.template, properties.RoleName);
  const path =
    properties.Path === undefined ? '/' : symbolicText(set, role.template, properties.Path);
  return name === undefined || path === undefined
    ? undefined
    : `arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role${path}${name}`;
}

/** True when `value`, written in `template`, names `role`. */
function namesRole(
  set: TemplateSet,
  template: LoadedTemplate,
  value: Json,
  role: Located,
): boolean {
  if (same(resolveResource(set, template, value), role)) return true;
  const expected = roleArnText(set, role);
  return expected !== undefined && symbolicText(set, template, value) === expected;
}

export { namesRole, roleArnText };
