import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, createRegistry, defineResource } from '../../../framework/index.js';
import type { ResourceDrift } from '../../../framework/index.js';
import { checkStackDrift } from '../../../handlers/drift/check-stack.js';
import * as placementGroup from '../../../handlers/resources/placement-group/definition.js';
import { captureLogs } from '../../support/logs.js';
import { ec2Mock, fakeEc2 } from '../resources/placement-group/fake-ec2.js';
import type { FakeEc2 } from '../resources/placement-group/fake-ec2.js';
import { createInput, fastPacing, updateInput } from '../resources/placement-group/inputs.js';
import { fakeStackPorts } from './fake-stack.js';
import type { FakeStack } from './fake-stack.js';

const definition = placementGroup.placementGroupDefinition(fastPacing);
const stackTags = [{ Key: 'cost-center', Value: '42' }];

const template = (tagValue = '!Ref Environment') => `
Parameters:
  Environment: { Type: String }
  JoinToken: { Type: String, NoEcho: true }
Resources:
  Cluster:
    Type: Custom::PlacementGroup
    Properties:
      ServiceToken: !ImportValue crkit-ServiceToken
      Strategy: partition
      PartitionCount: 3
      Tags:
        - Key: environment
          Value: ${tagValue}
  Topic:
    Type: AWS::SNS::Topic
`;

let ec2: FakeEc2;
let stack: FakeStack;
let groupName: string;

async function check(
  registryDefinition = definition,
): Promise<{ drift: ResourceDrift; lines: string[] }> {
  const logs = captureLogs();
  const drifts = await checkStackDrift({
    stackName: 'web',
    ports: fakeStackPorts(stack),
    registry: createRegistry([registryDefinition]),
    signal: new AbortController().signal,
    log: createLogger({ sink: logs.sink, level: 'debug' }),
  });
  expect(drifts).toHaveLength(1);
  return { drift: drifts[0]!, lines: logs.lines };
}

beforeEach(async () => {
  ec2 = fakeEc2();
  const raw = {
    Strategy: 'partition',
    PartitionCount: '3',
    Tags: [{ Key: 'environment', Value: 'dev' }],
  };
  const outcome = await definition.create(createInput(raw, { stackTags }).input);
  if (outcome.kind !== 'succeeded') throw new Error(`create did not succeed: ${outcome.kind}`);
  groupName = outcome.physicalId;
  stack = {
    template: template(),
    parameters: { Environment: 'dev', JoinToken: '****' },
    tags: stackTags,
    resources: [
      {
        logicalResourceId: 'Cluster',
        physicalResourceId: groupName,
        resourceType: 'Custom::PlacementGroup',
        status: 'CREATE_COMPLETE',
      },
      {
        logicalResourceId: 'Topic',
        physicalResourceId: 'arn:aws:sns:us-east-1:123456789012:t',
        resourceType: 'AWS::SNS::Topic',
        status: 'CREATE_COMPLETE',
      },
    ],
  };
});
afterEach(() => {
  ec2Mock.reset();
});

describe('drift of Custom::PlacementGroup', () => {
  it(
    'is IN_SYNC right after create, the template number 3 equal to the group partition ' + 'count',
    async () => {
      const { drift } = await check();

      expect(drift).toMatchObject({
        status: 'IN_SYNC',
        logicalResourceId: 'Cluster',
        physicalResourceId: groupName,
        resourceType: 'Custom::PlacementGroup',
        differences: [],
        notComparable: [],
      });
      expect(ec2.calls.at(-1)).toBe('DescribePlacementGroups');
    },
  );

  it('is IN_SYNC after an in-place update of the tags', async () => {
    const old = {
      Strategy: 'partition',
      PartitionCount: '3',
      Tags: [{ Key: 'environment', Value: 'dev' }],
    };
    const outcome = await definition.update(
      updateInput({ ...old, Tags: [{ Key: 'environment', Value: 'prod' }] }, old, groupName, {
        stackTags,
      }).input,
    );
    expect(outcome.kind).toBe('succeeded');
    stack.parameters.Environment = 'prod';

    expect((await check()).drift.status).toBe('IN_SYNC');
  });

  it('names each changed property: strategy, partition count, state', async () => {
    const group = ec2.groups.get(groupName)!;
    ec2.put({ ...group, Strategy: 'spread', PartitionCount: 2, State: 'pending' });

    const { drift } = await check();

    expect(drift.status).toBe('MODIFIED');
    expect(drift.differences).toEqual([
      {
        propertyPath: '/Strategy',
        expectedValue: 'partition',
        actualValue: 'spread',
        differenceType: 'NOT_EQUAL',
      },
      {
        propertyPath: '/PartitionCount',
        expectedValue: '3',
        actualValue: '2',
        differenceType: 'NOT_EQUAL',
      },
      {
        propertyPath: '/State',
        expectedValue: 'available',
        actualValue: 'pending',
        differenceType: 'NOT_EQUAL',
      },
    ]);
  });

  it('names a removed, a changed and an extra tag, ignoring AWS tags', async () => {
    const group = ec2.groups.get(groupName)!;
    const tags = (group.Tags ?? [])
      .filter((tag) => tag.Key !== 'environment')
      .map((tag) => (tag.Key === 'cost-center' ? { ...tag, Value: '43' } : tag));
    ec2.put({
      ...group,
      Tags: [...tags, { Key: 'manual', Value: 'by hand' }, { Key: 'aws:ec2:fleet-id', Value: 'x' }],
    });

    const { drift } = await check();

    expect(drift.status).toBe('MODIFIED');
    expect(drift.differences).toEqual([
      {
        propertyPath: '/Tags/environment',
        expectedValue: 'dev',
        actualValue: undefined,
        differenceType: 'REMOVE',
      },
      {
        propertyPath: '/Tags/cost-center',
        expectedValue: '42',
        actualValue: '43',
        differenceType: 'NOT_EQUAL',
      },
      {
        propertyPath: '/Tags/manual',
        expectedValue: undefined,
        actualValue: 'by hand',
        differenceType: 'ADD',
      },
    ]);
  });

  it('names an ownership tag that was changed', async () => {
    const group = ec2.groups.get(groupName)!;
    ec2.put({
      ...group,
      Tags: (group.Tags ?? []).map((tag) =>
        tag.Key === 'crkit:logical-id' ? { ...tag, Value: 'Other' } : tag,
      ),
    });

    const { drift } = await check();

    expect(drift.differences).toEqual([
      {
        propertyPath: '/Tags/crkit:logical-id',
        expectedValue: 'Cluster',
        actualValue: 'Other',
        differenceType: 'NOT_EQUAL',
      },
    ]);
  });

  it('is DELETED when the group was deleted behind CloudFormation', async () => {
    ec2.groups.delete(groupName);

    const { drift } = await check();

    expect(drift).toMatchObject({ status: 'DELETED', differences: [] });
  });

  it('reports tags fed by a NoEcho parameter as not comparable, comparing the rest', async () => {
    stack.template = template('!Ref JoinToken');
    const group = ec2.groups.get(groupName)!;
    ec2.put({ ...group, Strategy: 'cluster' });

    const { drift } = await check();

    expect(drift.notComparable).toEqual([
      { property: 'Tags', why: 'it comes from the NoEcho parameter JoinToken' },
    ]);
    expect(drift.differences.map((item) => item.propertyPath)).toEqual(['/Strategy']);
  });

  it(
    'never shows a sensitive property: both values read (sensitive), in the result and in ' +
      'the log',
    async () => {
      const sensitiveStrategy = defineResource({ ...definition, sensitive: ['Strategy'] });
      const group = ec2.groups.get(groupName)!;
      ec2.put({ ...group, Strategy: 'spread' });

      const { drift, lines } = await check(sensitiveStrategy);

      expect(drift.differences).toEqual([
        {
          propertyPath: '/Strategy',
          expectedValue: '(sensitive)',
          actualValue: '(sensitive)',
          differenceType: 'NOT_EQUAL',
        },
      ]);
      const written = JSON.stringify(drift) + lines.join('\n');
      expect(written).not.toContain('spread');
      expect(written).not.toContain('partition');
    },
  );

  it('is NOT_CHECKED, saying why, when its type has no read', async () => {
    const { read: _read, ...withoutRead } = definition;
    const { drift } = await check(defineResource(withoutRead));

    expect(drift).toMatchObject({
      status: 'NOT_CHECKED',
      why: 'Custom::PlacementGroup has no read',
    });
  });
});
