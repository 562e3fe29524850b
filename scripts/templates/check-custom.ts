/**
 * Check `custom`: every custom resource has a ServiceToken and a ServiceTimeout (an integer from 1
 * to 3600: the default of an hour is rarely what a template author wants). One whose ServiceToken
 * reaches a crkit handler must be a registered type, and its properties must pass that type's
 * schema.
 */
import type { CrkitCatalog } from './catalog.js';
import { isCustomType } from './check-spec.js';
import { toRequestForm } from './request-form.js';
import { crkitFunctions, same, serviceTokenFunction, type TemplateSet } from './template-set.js';
import { isObject, type Finding, type Json, type LoadedTemplate } from './template.js';

/**
 * A ServiceTimeout, literal or the default of the parameter it refers to, as an integer; else
 * undefined.
 */
function serviceTimeoutValue(template: LoadedTemplate, value: Json): number | undefined {
  const raw =
    isObject(value) && typeof value.Ref === 'string'
      ? template.parameters[value.Ref]?.Default
      : value;
  const text = typeof raw === 'number' || typeof raw === 'string' ? String(raw) : '';
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

/**
 * Reports custom resources without ServiceToken or a valid ServiceTimeout, and crkit resources that
 * crkit's registry does not know or whose properties its schema rejects.
 * @example
 * const findings = checkCustom(example, { all: [example, state, handler] }, catalog);
 */
function checkCustom(template: LoadedTemplate, set: TemplateSet, catalog: CrkitCatalog): Finding[] {
  const findings: Finding[] = [];
  const report = (path: string, message: string) =>
    findings.push({ check: 'custom', file: template.file, path, message });
  const handlers = crkitFunctions(set);
  for (const [name, resource] of Object.entries(template.resources)) {
    if (!isCustomType(resource.Type)) continue;
    const path = `Resources.${name}.Properties`;
    const properties = resource.Properties ?? {};
    if (properties.ServiceToken === undefined) report(path, 'missing ServiceToken');
    if (properties.ServiceTimeout === undefined)
      report(path, 'missing ServiceTimeout (1–3600 s; without it CloudFormation waits an hour)');
    else {
      const seconds = serviceTimeoutValue(template, properties.ServiceTimeout);
      if (seconds === undefined || seconds < 1 || seconds > 3600)
        report(`${path}.ServiceTimeout`, 'ServiceTimeout must be an integer from 1 to 3600');
    }
    const fn = serviceTokenFunction(set, template, properties.ServiceToken ?? null);
    if (!handlers.some((handler) => same(handler, fn))) continue;
    const entry = catalog.get(resource.Type);
    if (entry === undefined) {
      report(
        `Resources.${name}.Type`,
        `${resource.Type} is not a registered crkit type (known: ` +
          `${[...catalog.keys()].join(', ')})`,
      );
      continue;
    }
    const outcome = entry.validate(toRequestForm(template, properties) as Record<string, unknown>);
    if (!outcome.ok) report(path, `crkit rejects the properties: ${outcome.reason}`);
  }
  return findings;
}

export { checkCustom };
