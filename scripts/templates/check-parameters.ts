/**
 * Check `parameters`: every parameter has a known type, and its Default satisfies its own
 * constraints (AllowedValues, AllowedPattern, MinValue/MaxValue, MinLength/MaxLength).
 */
import type { Finding, Json, JsonObject, LoadedTemplate } from './template.js';

/**
 * Parameter types CloudFormation accepts, besides the AWS-specific ones matched by pattern below.
 */
const PlainTypes = new Set(['String', 'Number', 'List<Number>', 'CommaDelimitedList']);
const AwsSpecificType = new RegExp(
  '^(List<)?AWS::(EC2::[A-Za-z]+::(Id|Name)|Route53::HostedZone::Id' +
    '|SSM::Parameter::(Name|Value<.+>))>?$',
);

/**
 * Reports parameters with an unknown type or a default that breaks their constraints.
 * @example
 * const findings = checkParameters(loadTemplate('templates/crkit-handler.yaml'));
 */
function checkParameters(template: LoadedTemplate): Finding[] {
  const findings: Finding[] = [];
  for (const [name, parameter] of Object.entries(template.parameters)) {
    const path = `Parameters.${name}`;
    const type = parameter.Type;
    if (typeof type !== 'string' || !(PlainTypes.has(type) || AwsSpecificType.test(type))) {
      findings.push({
        check: 'parameters',
        file: template.file,
        path: `${path}.Type`,
        message: `unknown parameter type ${JSON.stringify(type)}`,
      });
      continue;
    }
    if (parameter.Default === undefined) continue;
    for (const message of defaultProblems(parameter, parameter.Default)) {
      findings.push({ check: 'parameters', file: template.file, path: `${path}.Default`, message });
    }
  }
  return findings;
}

/** Problems of a default value against its parameter's constraints. */
function defaultProblems(parameter: JsonObject, value: Json): string[] {
  const problems: string[] = [];
  const text = String(value);
  const allowed = parameter.AllowedValues;
  if (Array.isArray(allowed) && !allowed.some((candidate) => String(candidate) === text)) {
    problems.push(`default ${text} is not among AllowedValues`);
  }
  const pattern = parameter.AllowedPattern;
  // Bounded: the author's own AllowedPattern, tried on the author's own Default (at most 4,096
  // bytes, as CloudFormation allows).
  if (typeof pattern === 'string' && !new RegExp(`^(?:${pattern})$`).test(text)) {
    problems.push(`default ${JSON.stringify(text)} does not match AllowedPattern`);
  }
  if (parameter.Type === 'Number') {
    const number = Number(text);
    if (!Number.isFinite(number)) problems.push(`default ${text} is not a number`);
    if (parameter.MinValue !== undefined && number < Number(parameter.MinValue))
      problems.push(`default ${text} is below MinValue`);
    if (parameter.MaxValue !== undefined && number > Number(parameter.MaxValue))
      problems.push(`default ${text} is above MaxValue`);
  }
  if (parameter.MinLength !== undefined && text.length < Number(parameter.MinLength))
    problems.push('default is shorter than MinLength');
  if (parameter.MaxLength !== undefined && text.length > Number(parameter.MaxLength))
    problems.push('default is longer than MaxLength');
  return problems;
}

export { checkParameters };
