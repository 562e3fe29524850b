import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { CrkitCatalog } from '../../scripts/templates/catalog.js';
import { main } from '../../scripts/templates/check.js';
import { loadRegistryCatalog } from '../../scripts/templates/registry-catalog.js';
import { checkTemplates } from '../../scripts/templates/run.js';
import { loadTemplate } from '../../scripts/templates/template.js';
import type { CheckName } from '../../scripts/templates/template.js';
import { variant } from '../support/template-variant.js';

const State = 'templates/crkit-state.yaml';
const Handler = 'templates/crkit-handler.yaml';
const Examples = ['templates/examples/cluster-fleet.yaml', 'templates/examples/spread-group.yaml'];
const fixture = (name: string) => `test/fixtures/templates/${name}.yaml`;

let catalog: CrkitCatalog;
beforeAll(async () => {
  catalog = await loadRegistryCatalog();
});

const check = (files: string[], context = [State, Handler]) =>
  checkTemplates(files, { catalog, context });

describe('template checks', () => {
  it('find nothing in the crkit stacks and the examples', () => {
    // Prepare / Act
    const findings = check([State, Handler, ...Examples]);
    // Assess
    expect(findings).toEqual([]);
  });

  it(
    'give no NoEcho parameter of the examples a default (a secret in a template is no ' + 'secret)',
    () => {
      // Prepare / Act
      const defaulted = Examples.flatMap((file) =>
        Object.entries(loadTemplate(file).parameters)
          .filter(
            ([, parameter]) =>
              String(parameter.NoEcho) === 'true' && parameter.Default !== undefined,
          )
          .map(([name]) => `${file}: ${name}`),
      );
      // Assess
      expect(defaulted).toEqual([]);
    },
  );

  it('know both registered resource types the examples use', () => {
    expect([...catalog.keys()]).toEqual(
      expect.arrayContaining(['Custom::PlacementGroup', 'Custom::SriovAmiRegistration']),
    );
  });

  const defects: [string, CheckName, string][] = [
    ['parse-unknown-tag', 'parse', 'Bogus'],
    ['spec-unknown-type', 'spec', 'unknown resource type AWS::SNS::Topik'],
    ['spec-unknown-property', 'spec', 'unknown property VisibilityTimeoutSeconds'],
    ['spec-missing-required', 'spec', 'missing required property Protocol'],
    ['spec-primitive-type', 'spec', 'expected an integer, found "five-minutes"'],
    ['spec-nested-property', 'spec', 'unknown property PlacementGroupName'],
    ['references-ref-target', 'references', 'Ref to undeclared Topicc'],
    ['references-getatt-attribute', 'references', 'has no attribute PlacementGroupName'],
    ['references-sub-variable', 'references', '${Environment} is undeclared'],
    ['parameters-default', 'parameters', 'default nodejs20.x is not among AllowedValues'],
    ['custom-missing-service-timeout', 'custom', 'missing ServiceTimeout'],
    ['custom-schema', 'custom', 'crkit rejects the properties: Strategy'],
    [
      'custom-unregistered-type',
      'custom',
      'Custom::EncryptedVolume is not a registered crkit type',
    ],
    ['timeouts-service-timeout', 'timeouts', 'ServiceTimeout 120 must exceed'],
    ['timeouts-visibility', 'timeouts', 'VisibilityTimeout 60 must exceed the Timeout of Worker'],
    ['iam-wildcard-action', 'iam', 'wildcard action ec2:Describe*'],
  ];

  it.each(defects)('catch the defect in %s (%s)', (name, checkName, message) => {
    const findings = check([fixture(name)]);
    expect(findings).toEqual([
      expect.objectContaining({ check: checkName, message: expect.stringContaining(message) }),
    ]);
  });

  it('catch a handler role that lacks an action a resource lists', () => {
    const file = variant(Handler, '[ec2:DeregisterImage, ', '[');
    expect(check([file], [State])).toEqual([
      expect.objectContaining({
        check: 'iam',
        message: expect.stringContaining('does not grant ec2:DeregisterImage'),
      }),
    ]);
  });

  it('catch a handler role that grants an action nothing lists', () => {
    const file = variant(Handler, '[ec2:DescribeImages]', '[ec2:DescribeImages, ec2:RunInstances]');
    expect(check([file], [State])).toEqual([
      expect.objectContaining({
        check: 'iam',
        message: expect.stringContaining('grants ec2:RunInstances'),
      }),
    ]);
  });

  it('catch a handler Timeout that may exceed the queue VisibilityTimeout', () => {
    const file = variant(Handler, 'MaxValue: 300', 'MaxValue: 900');
    expect(check([file], [State])).toEqual([
      expect.objectContaining({
        check: 'timeouts',
        message: expect.stringContaining('VisibilityTimeout 360 must exceed'),
      }),
    ]);
  });

  it('catch a handler Timeout without an upper bound', () => {
    const file = variant(Handler, '    MaxValue: 300\n', '');
    expect(check([file], [State])).toEqual([
      expect.objectContaining({
        check: 'timeouts',
        message: expect.stringContaining('no upper bound'),
      }),
    ]);
  });

  it('catch an example whose ServiceTimeout a longer handler Timeout would overtake', () => {
    const handler = variant(Handler, 'MaxValue: 300', 'MaxValue: 900');
    const findings = check([Examples[1]!], [State, handler]);
    expect(findings).toEqual([
      expect.objectContaining({
        check: 'timeouts',
        message: expect.stringContaining('ServiceTimeout 600 must exceed'),
      }),
    ]);
  });
});

describe('check.ts', () => {
  it('exits 0 on the real templates and 1 on a defective one', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(await main([])).toBe(0);
    expect(await main([fixture('spec-unknown-type')])).toBe(1);
    vi.restoreAllMocks();
  });
});
