/**
 * Which KMS key a `KmsMasterKeyId` or `KmsKeyId` names, when it is one declared in the templates of
 * the set (directly, or through an `AWS::KMS::Alias`): "a key of crkit's", as opposed to an AWS
 * managed key such as `alias/aws/sqs` or a key the checker cannot see.
 */
import { resolveResource, type Located, type TemplateSet } from './template-set.js';
import type { Json, LoadedTemplate } from './template.js';

/**
 * The declared `AWS::KMS::Key` a value names, or undefined.
 * @example
 * declaredKey(set, state, { Ref: 'Key' })?.name; // 'Key'
 * declaredKey(set, state, 'alias/aws/sqs');      // undefined
 */
function declaredKey(
  set: TemplateSet,
  template: LoadedTemplate,
  value: Json | undefined,
): Located | undefined {
  const target = resolveResource(set, template, value);
  if (target?.resource.Type === 'AWS::KMS::Key') return target;
  if (target?.resource.Type === 'AWS::KMS::Alias')
    return declaredKey(set, target.template, target.resource.Properties?.TargetKeyId);
  return undefined;
}

/** A short description of what a key property holds, for messages. */
function describeKeyValue(value: Json | undefined): string {
  if (value === undefined) return 'no key at all';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export { declaredKey, describeKeyValue };
