/**
 * Check `iam`: no policy in the template allows a wildcard action (`*`, `ec2:*`, `ec2:Describe*`)
 * or uses NotAction, and the role of each crkit handler grants exactly what the registered resource
 * types' statements allow plus what the framework needs (catalog.ts `FrameworkActions`): nothing
 * missing, nothing extra. How far those grants reach is checked in check-iam-scope.ts.
 */
import { FrameworkActions, type CrkitCatalog } from './catalog.js';
import { actionsOf, resourceStatements, type Statement } from './policy-statements.js';
import { crkitFunctions, resolveResource, type TemplateSet } from './template-set.js';
import { isObject, type Finding, type LoadedTemplate } from './template.js';

/**
 * Reports wildcard actions and a crkit handler role that grants too little or too much.
 * @example
 * const findings = checkIam(handler, { all: [state, handler] }, catalog);
 */
function checkIam(template: LoadedTemplate, set: TemplateSet, catalog: CrkitCatalog): Finding[] {
  const findings: Finding[] = [];
  const report = (path: string, message: string) =>
    findings.push({ check: 'iam', file: template.file, path, message });
  for (const [name, resource] of Object.entries(template.resources)) {
    for (const { path, body } of resourceStatements(
      name,
      resource.Properties ?? {},
      resource.Type,
    )) {
      if (body.Effect !== 'Allow') continue;
      if ('NotAction' in body) report(path, 'Allow with NotAction grants everything else');
      for (const action of actionsOf(body))
        if (action.includes('*')) report(path, `wildcard action ${action}`);
    }
  }
  const required = new Map<string, string>();
  for (const action of Object.keys(FrameworkActions)) required.set(action.toLowerCase(), action);
  for (const entry of catalog.values())
    for (const action of entry.allowedActions) required.set(action.toLowerCase(), action);
  for (const fn of crkitFunctions(set).filter((located) => located.template === template)) {
    const role = resolveResource(set, template, fn.resource.Properties?.Role);
    if (role?.resource.Type !== 'AWS::IAM::Role' || role.template !== template) {
      report(
        `Resources.${fn.name}.Properties.Role`,
        'the crkit handler role must be declared in the same template',
      );
      continue;
    }
    const granted = new Map<string, string>();
    for (const { body } of grantsOfRole(template, role.name))
      for (const action of actionsOf(body)) granted.set(action.toLowerCase(), action);
    for (const [key, action] of required)
      if (!granted.has(key))
        report(`Resources.${role.name}`, `does not grant ${action}, which crkit needs`);
    for (const [key, action] of granted)
      if (!required.has(key))
        report(
          `Resources.${role.name}`,
          `grants ${action}, which no registered resource or the framework needs`,
        );
  }
  return findings;
}

/**
 * Statements of a role's inline policies and of policy resources attached to it, Allow and Deny.
 */
function statementsOfRole(template: LoadedTemplate, roleName: string): Statement[] {
  const statements: Statement[] = [];
  for (const [name, resource] of Object.entries(template.resources)) {
    const properties = resource.Properties ?? {};
    const attached =
      Array.isArray(properties.Roles) &&
      properties.Roles.some((role) => isObject(role) && role.Ref === roleName);
    if (name === roleName || attached)
      statements.push(...resourceStatements(name, properties, resource.Type));
  }
  return statements;
}

/** Allow statements of a role's inline policies and of policy resources attached to it. */
function grantsOfRole(template: LoadedTemplate, roleName: string): Statement[] {
  return statementsOfRole(template, roleName).filter(
    (statement) => statement.body.Effect === 'Allow',
  );
}

export { checkIam, grantsOfRole, statementsOfRole };
