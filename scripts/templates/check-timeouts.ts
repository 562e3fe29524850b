/**
 * Check `timeouts`: the numbers that must stay in order.
 * - An SQS queue feeding a function through an event source mapping has a VisibilityTimeout above
 *   the function's largest Timeout, or a message becomes visible (and runs twice) while still being
 *   handled.
 * - A custom resource's ServiceTimeout is above the largest Timeout of the function its
 *   ServiceToken reaches, or CloudFormation can stop waiting while an invocation is still working
 *   on the answer. crkit derives its continuation deadline from ServiceTimeout at run time and
 *   answers FAILED before it. A Timeout given by a parameter counts at the parameter's MaxValue, so
 *   the relation holds for any value.
 */
import { isCustomType } from './check-spec.js';
import {
  resolveResource,
  serviceTokenFunction,
  type Located,
  type TemplateSet,
} from './template-set.js';
import { isObject, type Finding, type Json, type LoadedTemplate } from './template.js';

/** Lambda's default Timeout and SQS's default VisibilityTimeout, in seconds. */
const LambdaDefaultTimeout = 3;
const SqsDefaultVisibilityTimeout = 30;

/** The largest Timeout a function can be deployed with, or a reason why it is unbounded. */
function timeoutBound(fn: Located): { seconds: number } | { problem: string } {
  const value = fn.resource.Properties?.Timeout;
  if (value === undefined) return { seconds: LambdaDefaultTimeout };
  const literal = numberOf(value);
  if (literal !== undefined) return { seconds: literal };
  const parameter =
    isObject(value) && typeof value.Ref === 'string'
      ? fn.template.parameters[value.Ref]
      : undefined;
  const max = parameter === undefined ? undefined : numberOf(parameter.MaxValue ?? null);
  if (max !== undefined) return { seconds: max };
  return {
    problem: `the Timeout of ${fn.name} has no upper bound (give its parameter a MaxValue)`,
  };
}

/** A literal number or numeric string. */
function numberOf(value: Json): number | undefined {
  if (typeof value === 'number') return value;
  return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : undefined;
}

/** A literal, or a Ref to a parameter's Default. */
function literalOrDefault(template: LoadedTemplate, value: Json): number | undefined {
  if (isObject(value) && typeof value.Ref === 'string')
    return numberOf(template.parameters[value.Ref]?.Default ?? null);
  return numberOf(value);
}

/**
 * Reports event source mappings and custom resources whose timeouts are out of order.
 * @example
 * const findings = checkTimeouts(handler, { all: [state, handler] });
 */
function checkTimeouts(template: LoadedTemplate, set: TemplateSet): Finding[] {
  const findings: Finding[] = [];
  const report = (path: string, message: string) =>
    findings.push({ check: 'timeouts', file: template.file, path, message });
  for (const [name, resource] of Object.entries(template.resources)) {
    const properties = resource.Properties ?? {};
    if (resource.Type === 'AWS::Lambda::EventSourceMapping') {
      const queue = resolveResource(set, template, properties.EventSourceArn);
      const fn = resolveResource(set, template, properties.FunctionName);
      if (
        queue?.resource.Type !== 'AWS::SQS::Queue' ||
        fn?.resource.Type !== 'AWS::Lambda::Function'
      )
        continue;
      const visibility = literalOrDefault(
        queue.template,
        queue.resource.Properties?.VisibilityTimeout ?? SqsDefaultVisibilityTimeout,
      );
      const bound = timeoutBound(fn);
      if ('problem' in bound) report(`Resources.${name}`, bound.problem);
      else if (visibility === undefined || visibility <= bound.seconds) {
        report(
          `Resources.${name}`,
          `queue ${queue.name} VisibilityTimeout ${visibility ?? '(not a literal)'} must ` +
            `exceed the Timeout of ${fn.name} (up to ${bound.seconds} s)`,
        );
      }
    }
    if (isCustomType(resource.Type) && properties.ServiceTimeout !== undefined) {
      const fn = serviceTokenFunction(set, template, properties.ServiceToken);
      if (fn === undefined) continue;
      const serviceTimeout = literalOrDefault(template, properties.ServiceTimeout);
      const bound = timeoutBound(fn);
      if ('problem' in bound) report(`Resources.${name}.ServiceTimeout`, bound.problem);
      else if (serviceTimeout === undefined || serviceTimeout <= bound.seconds) {
        report(
          `Resources.${name}.ServiceTimeout`,
          `ServiceTimeout ${serviceTimeout ?? '(not a literal)'} must exceed the ` +
            `handler's Timeout (up to ${bound.seconds} s, ${fn.template.file})`,
        );
      }
    }
  }
  return findings;
}

export { checkTimeouts, timeoutBound };
