import { beforeAll, describe, expect, it } from 'vitest';
import type { ResourceDefinition } from '../../framework/index.js';
import { loadBuiltInDefinitions } from '../../scripts/templates/built-in-definitions.js';
import {
  ResourcePolicyName,
  renderResourcePolicy,
} from '../../scripts/templates/resource-policy.js';
import { isObject, loadTemplate, type Json } from '../../scripts/templates/template.js';
import { variant } from '../support/template-variant.js';
import { pattern } from '../support/pattern.js';

const Handler = 'templates/crkit-handler.yaml';

/** The statements of the handler role's resource policy in a template file. */
function shippedStatements(file: string): Json {
  const role = loadTemplate(file).resources.Role?.Properties;
  const policies =
    isObject(role) && Array.isArray(role.Policies) ? (role.Policies as readonly Json[]) : [];
  const policy = policies.find(
    (candidate) => isObject(candidate) && candidate.PolicyName === ResourcePolicyName,
  );
  return isObject(policy) && isObject(policy.PolicyDocument)
    ? (policy.PolicyDocument.Statement ?? null)
    : null;
}

let builtIns: ResourceDefinition[];
beforeAll(async () => {
  builtIns = await loadBuiltInDefinitions();
});

describe('the shipped handler template', () => {
  it("holds exactly what the built-in definitions render as the role's resource policy", () => {
    expect(builtIns.map((definition) => definition.type)).toEqual([
      'Custom::PlacementGroup',
      'Custom::SriovAmiRegistration',
    ]);
    expect(shippedStatements(Handler)).toEqual(renderResourcePolicy(builtIns));
  });

  it('no longer matches when the template drifts from the definitions', () => {
    const loosened = variant(
      Handler,
      pattern(
        /(- Sid: PlacementGroupChangeOwned[\s\S]*?placement-group\/\*'\n)\s+Condition:\n[^\n]+\n/,
        /[^\n]+\n/,
      ),
      '$1',
    );
    expect(shippedStatements(loosened)).not.toEqual(renderResourcePolicy(builtIns));
  });

  it('no longer matches when a definition drifts from the template', () => {
    const [placementGroup, sriovAmi] = builtIns;
    const withoutTheDescriptionGuard = {
      type: sriovAmi!.type,
      iamStatements: sriovAmi!.iamStatements.slice(0, -1),
    };
    expect(shippedStatements(Handler)).not.toEqual(
      renderResourcePolicy([placementGroup!, withoutTheDescriptionGuard]),
    );
  });
});
