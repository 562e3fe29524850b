/**
 * Turns a custom resource's template properties into what the handler would receive: every scalar
 * as a string (CloudFormation sends `5` as `"5"`), parameters at their defaults, and other
 * intrinsics as plausible placeholders of the right shape. The result feeds crkit's own property
 * schemas.
 */
import { intrinsicName, isNoValue } from './intrinsics.js';
import { replacePlaceholders } from '../../framework/drift.js';
import type { Json, JsonObject, LoadedTemplate } from './template.js';

/** Example values for parameters without a default, by parameter type. */
const TypePlaceholders: Readonly<Record<string, string>> = {
  'AWS::EC2::Image::Id': 'ami-0123456789abcdef0',
  'AWS::EC2::Subnet::Id': 'subnet-0123456789abcdef0',
  'AWS::EC2::SecurityGroup::Id': 'sg-0123456789abcdef0',
  'AWS::EC2::VPC::Id': 'vpc-0123456789abcdef0',
  'AWS::EC2::KeyPair::KeyName': 'key-name',
  Number: '1',
};

/** Placeholders for `Fn::GetAtt` attributes whose format a schema may check. */
const AttributePlaceholders: Readonly<Record<string, string>> = {
  ImageId: 'ami-0123456789abcdef0',
  RootSnapshotId: 'snap-0123456789abcdef0',
  SnapshotId: 'snap-0123456789abcdef0',
  GroupId: 'pg-0123456789abcdef0',
};

/**
 * The request form of a property value; undefined when the value disappears (`AWS::NoValue`).
 * @example
 * toRequestForm(template, { ServiceTimeout: 600, EnaSupport: true });
 * // { ServiceTimeout: '600', EnaSupport: 'true' }
 */
function toRequestForm(template: LoadedTemplate, value: Json): unknown {
  if (value === null) return undefined;
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value))
    return (value as readonly Json[])
      .filter((item) => !isNoValue(item))
      .map((item) => toRequestForm(template, item));
  const intrinsic = intrinsicName(value);
  if (intrinsic === undefined) return mapEntries(template, value as JsonObject);
  return intrinsicPlaceholder(template, intrinsic, value as JsonObject);
}

function mapEntries(template: LoadedTemplate, value: JsonObject): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (isNoValue(item)) continue;
    result[key] = toRequestForm(template, item);
  }
  return result;
}

function intrinsicPlaceholder(
  template: LoadedTemplate,
  intrinsic: string,
  value: JsonObject,
): unknown {
  const argument = value[intrinsic];
  switch (intrinsic) {
    case 'Ref': {
      const name = String(argument);
      const parameter = template.parameters[name];
      if (parameter === undefined)
        return name.startsWith('AWS::') ? pseudoPlaceholder(name) : `${name}-id`;
      const fallback = TypePlaceholders[String(parameter.Type)] ?? `${name}-value`;
      return parameter.Default === undefined ? fallback : String(parameter.Default);
    }
    case 'Fn::GetAtt': {
      const attribute = Array.isArray(argument)
        ? String(argument[1])
        : String(argument).split('.').slice(1).join('.');
      return AttributePlaceholders[attribute] ?? `${attribute}-value`;
    }
    case 'Fn::If':
      return Array.isArray(argument) ? toRequestForm(template, argument[1] ?? null) : undefined;
    case 'Fn::Sub': {
      const text = String(Array.isArray(argument) ? argument[0] : argument);
      return replacePlaceholders(text, 'variables', (name) =>
        String(subPlaceholder(template, name.trim())),
      );
    }
    default:
      return 'placeholder';
  }
}

/** A `${Name}` or `${Resource.Attribute}` variable's placeholder. */
function subPlaceholder(template: LoadedTemplate, name: string): unknown {
  const dot = name.indexOf('.');
  if (dot > 0)
    return intrinsicPlaceholder(template, 'Fn::GetAtt', {
      'Fn::GetAtt': [name.slice(0, dot), name.slice(dot + 1)],
    });
  return intrinsicPlaceholder(template, 'Ref', { Ref: name });
}

function pseudoPlaceholder(name: string): string {
  const values: Record<string, string> = {
    'AWS::AccountId': '123456789012',
    'AWS::Region': 'us-east-1',
    'AWS::Partition': 'aws',
    'AWS::StackName': 'stack',
    'AWS::URLSuffix': 'amazonaws.com',
  };
  return values[name] ?? 'placeholder';
}

export { toRequestForm };
