/**
 * Check `environment`: a crkit handler function is told what it needs to trust its inputs.
 * - `CRKIT_CONTINUATION_QUEUE_ARN` names the queue `CRKIT_CONTINUATION_QUEUE_URL` names: the
 *   function accepts SQS records only when their eventSourceARN equals it, so every event source
 *   mapping of the function must read that queue.
 * - `CRKIT_CONTINUATION_SECRET_ARN` names the secret whose value signs continuation messages.
 */
import { environmentOf, resolveAll } from './crkit-wiring.js';
import { crkitFunctions, same, type Located, type TemplateSet } from './template-set.js';
import type { Finding, LoadedTemplate } from './template.js';

/**
 * Reports crkit functions whose environment lacks the continuation queue ARN or secret ARN, or
 * whose event source mappings read another queue than the one the function will accept records
 * from.
 * @example
 * const findings = checkEnvironment(handler, { all: [state, handler] });
 */
function checkEnvironment(template: LoadedTemplate, set: TemplateSet): Finding[] {
  const findings: Finding[] = [];
  const report = (path: string, message: string) =>
    findings.push({ check: 'environment', file: template.file, path, message });
  for (const fn of crkitFunctions(set).filter((located) => located.template === template)) {
    const path = `Resources.${fn.name}.Properties.Environment.Variables`;
    const environment = environmentOf(fn);
    const [byUrl] = resolveAll(set, fn.template, environment.CRKIT_CONTINUATION_QUEUE_URL);
    const [byArn] = resolveAll(set, fn.template, environment.CRKIT_CONTINUATION_QUEUE_ARN);
    if (environment.CRKIT_CONTINUATION_QUEUE_ARN === undefined) {
      report(
        path,
        'missing CRKIT_CONTINUATION_QUEUE_ARN: the function accepts SQS records only ' +
          'from the queue it names',
      );
    } else if (byUrl !== undefined && !same(byUrl, byArn)) {
      report(
        `${path}.CRKIT_CONTINUATION_QUEUE_ARN`,
        `CRKIT_CONTINUATION_QUEUE_ARN must name the queue CRKIT_CONTINUATION_QUEUE_URL ` +
          `names (${byUrl.name})`,
      );
    } else if (byArn !== undefined) {
      for (const problem of mappingsReadingOtherQueues(set, template, fn, byArn))
        report(problem.path, problem.message);
    }
    if (environment.CRKIT_CONTINUATION_SECRET_ARN === undefined) {
      report(
        path,
        'missing CRKIT_CONTINUATION_SECRET_ARN: the function signs and verifies ' +
          'continuation messages with the secret it names',
      );
    } else if (
      resolveAll(set, fn.template, environment.CRKIT_CONTINUATION_SECRET_ARN)[0]?.resource.Type !==
      'AWS::SecretsManager::Secret'
    ) {
      report(
        `${path}.CRKIT_CONTINUATION_SECRET_ARN`,
        'CRKIT_CONTINUATION_SECRET_ARN must name an AWS::SecretsManager::Secret of the ' +
          'crkit stacks',
      );
    }
  }
  return findings;
}

/**
 * Event source mappings of the function, in this template, that read another queue than `accepted`.
 */
function mappingsReadingOtherQueues(
  set: TemplateSet,
  template: LoadedTemplate,
  fn: Located,
  accepted: Located,
): { path: string; message: string }[] {
  return Object.entries(template.resources)
    .filter(([, resource]) => resource.Type === 'AWS::Lambda::EventSourceMapping')
    .filter(([, resource]) =>
      resolveAll(set, template, resource.Properties?.FunctionName).some((target) =>
        same(target, fn),
      ),
    )
    .filter(
      ([, resource]) =>
        !resolveAll(set, template, resource.Properties?.EventSourceArn).some((source) =>
          same(source, accepted),
        ),
    )
    .map(([name]) => ({
      path: `Resources.${name}.Properties.EventSourceArn`,
      message:
        `${fn.name} accepts SQS records only from ${accepted.name} ` +
        `(CRKIT_CONTINUATION_QUEUE_ARN), so ${name} must read that queue`,
    }));
}

export { checkEnvironment };
