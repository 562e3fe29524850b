/**
 * Template parameters for a simulated stack: defaults, then `--set` values, checked against
 * AllowedValues and Min/MaxValue as CloudFormation does. Offline, an `AWS::EC2::Image::Id`
 * parameter gets a matching source image seeded in the stand-in (the given id, or a sample),
 * other AWS-specific ids get placeholders, and a NoEcho parameter without a value gets a random
 * secret; against real AWS they must be given.
 */
import { randomBytes } from 'node:crypto';
import { SAMPLE_SOURCE_IMAGES } from '../standin/index.js';
import type { StackParameter, Standin } from '../standin/index.js';
import type { JsonObject, LoadedTemplate } from '../templates/template.js';

/** Placeholder ids for AWS-specific parameter types, offline only. */
const Placeholders: Readonly<Record<string, string>> = {
  'AWS::EC2::Subnet::Id': 'subnet-0a1b2c3d4e5f60718',
  'AWS::EC2::SecurityGroup::Id': 'sg-0a1b2c3d4e5f60718',
  'AWS::EC2::VPC::Id': 'vpc-0a1b2c3d4e5f60718',
  'AWS::EC2::KeyPair::KeyName': 'simulated-key',
  'AWS::EC2::AvailabilityZone::Name': 'us-east-1a',
};

/** Resolved parameters and what was done to get them. */
type ResolvedParameters = {
  readonly values: Record<string, string>;
  readonly notes: readonly string[];
};

let seeded = 0;

/**
 * Seeds a source image in the stand-in and returns its id (the given one, or a new one).
 * @example
 * const imageId = seedSourceImage(standin); // 'ami-…'
 */
function seedSourceImage(standin: Standin, imageId?: string): string {
  seeded += 1;
  const sample = SAMPLE_SOURCE_IMAGES.hvmUefi;
  return standin.seedImage({
    ...sample,
    name: `${sample.name}-${seeded}`,
    ...(imageId === undefined ? {} : { imageId }),
  }).imageId;
}

function check(name: string, parameter: JsonObject, value: string): void {
  const allowed = parameter.AllowedValues;
  if (Array.isArray(allowed) && !allowed.map(String).includes(value)) {
    throw new Error(
      `Parameter '${name}' must be one of AllowedValues (${allowed.map(String).join(', ')})`,
    );
  }
  if (parameter.Type === 'Number') {
    const number = Number(value);
    if (!Number.isFinite(number)) throw new Error(`Parameter '${name}' must be a number`);
    if (parameter.MinValue !== undefined && number < Number(parameter.MinValue))
      throw new Error(
        `Parameter '${name}' must be a number not less than ${String(parameter.MinValue)}`,
      );
    if (parameter.MaxValue !== undefined && number > Number(parameter.MaxValue))
      throw new Error(
        `Parameter '${name}' must be a number not greater than ${String(parameter.MaxValue)}`,
      );
  }
}

/** True for a parameter CloudFormation masks (`NoEcho: true`, or the string `"true"`). */
function isNoEcho(parameter: JsonObject | undefined): boolean {
  return parameter?.NoEcho === true || String(parameter?.NoEcho).toLowerCase() === 'true';
}

function valueFor(
  name: string,
  parameter: JsonObject,
  given: string | undefined,
  offline: boolean,
  standin: Standin,
  notes: string[],
): string {
  const type = String(parameter.Type ?? 'String');
  if (type === 'AWS::EC2::Image::Id' && offline) {
    const imageId = seedSourceImage(standin, given);
    notes.push(`${name}=${imageId}: a source image seeded in the stand-in`);
    return imageId;
  }
  if (given !== undefined) return given;
  if (parameter.Default !== undefined) return String(parameter.Default);
  if (offline && isNoEcho(parameter)) {
    notes.push(`${name}: a random placeholder secret (NoEcho, so shown as ****)`);
    const bytes = Math.max(8, Number(parameter.MinLength ?? 0));
    return `simulated-${randomBytes(bytes).toString('hex')}`;
  }
  const placeholder = Placeholders[type];
  if (offline && placeholder !== undefined) {
    notes.push(`${name}=${placeholder}: a placeholder (no resource of the stand-in uses it)`);
    return placeholder;
  }
  throw new Error(`Parameters: [${name}] must have values; pass --set ${name}=…`);
}

/**
 * Resolves every parameter of a template.
 * @example
 * const { values } = resolveParameters(template, { Environment: 'prod' },
 *   { offline: true, standin });
 */
function resolveParameters(
  template: LoadedTemplate,
  sets: Readonly<Record<string, string>>,
  options: { readonly offline: boolean; readonly standin: Standin },
): ResolvedParameters {
  const unknown = Object.keys(sets).filter((name) => template.parameters[name] === undefined);
  if (unknown.length > 0)
    throw new Error(`Parameters: [${unknown.join(', ')}] do not exist in the template`);
  const notes: string[] = [];
  const values: Record<string, string> = {};
  for (const [name, parameter] of Object.entries(template.parameters)) {
    values[name] = valueFor(name, parameter, sets[name], options.offline, options.standin, notes);
    check(name, parameter, values[name]);
  }
  return { values, notes };
}

/**
 * One parameter as the simulator prints it: a NoEcho value is masked as CloudFormation masks it.
 * @example
 * shownParameter(template, 'ClusterJoinToken', 's3cret…'); // 'ClusterJoinToken=****'
 */
function shownParameter(template: LoadedTemplate, name: string, value: string): string {
  return `${name}=${isNoEcho(template.parameters[name]) ? '****' : value}`;
}

/**
 * The parameters as CloudFormation keeps them for DescribeStacks: each value, NoEcho ones flagged
 * so that describe calls show `****`.
 * @example
 * standin.putStack({ stackId, parameters: stackParameters(template, values) });
 */
function stackParameters(
  template: LoadedTemplate,
  values: Readonly<Record<string, string>>,
): StackParameter[] {
  return Object.entries(values).map(([key, value]) => ({
    key,
    value,
    ...(isNoEcho(template.parameters[key]) ? { noEcho: true } : {}),
  }));
}

export { resolveParameters, seedSourceImage, shownParameter, stackParameters };
export type { ResolvedParameters };
