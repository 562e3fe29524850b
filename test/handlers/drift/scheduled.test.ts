/**
 * The scheduled drift check through the real Lambda entry (handlers/entry.ts): an EventBridge
 * scheduled event from the configured rule in, `crkit.drift` records, the EMF metric and the
 * audit message out, and nothing but Describe/Get/List calls to CloudFormation and EC2. A forged
 * scheduled event (another rule) is rejected and makes no call at all.
 */
import {
  CloudFormationClient,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  GetTemplateCommand,
  ListStacksCommand,
} from '@aws-sdk/client-cloudformation';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MockInstance } from 'vitest';
import { lambdaContext } from '../../../framework/testing/index.js';
import type { TestContext } from '../../../framework/testing/index.js';
import { ec2Mock, fakeEc2 } from '../resources/placement-group/fake-ec2.js';
import type { FakeEc2 } from '../resources/placement-group/fake-ec2.js';
import { stackId } from './fake-stack.js';

const cfn = mockClient(CloudFormationClient);
const sns = mockClient(SNSClient);
const ruleArn = 'arn:aws:events:us-east-1:123456789012:rule/crkit-drift-check';
const topicArn = 'arn:aws:sns:us-east-1:123456789012:crkit-audit';
const serviceToken = 'arn:aws:sns:us-east-1:123456789012:crkit-requests';
const ownTags = [
  { Key: 'crkit:stack-id', Value: stackId },
  { Key: 'crkit:logical-id', Value: 'Cluster' },
];

const template = JSON.stringify({
  Resources: {
    Cluster: {
      Type: 'Custom::PlacementGroup',
      Properties: {
        ServiceToken: serviceToken,
        Strategy: 'cluster',
        Tags: [{ Key: 'team', Value: 'hpc' }],
      },
    },
    Other: {
      Type: 'Custom::PlacementGroup',
      Properties: {
        ServiceToken: 'arn:aws:sns:us-east-1:123456789012:someone-else',
        Strategy: 'cluster',
      },
    },
  },
});

const scheduledEvent = (resources: string[]) => ({
  version: '0',
  id: '53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa',
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '123456789012',
  time: '2026-12-03T04:00:00Z',
  region: 'us-east-1',
  resources,
  detail: {},
});

type Handler = (event: unknown, context: TestContext) => Promise<unknown>;
let handler: Handler;
let ec2: FakeEc2;
let stdout: MockInstance<typeof process.stdout.write>;
let lines: Record<string, unknown>[];

beforeAll(async () => {
  Object.assign(process.env, {
    CRKIT_DRIFT_SCHEDULE_ARN: ruleArn,
    CRKIT_AUDIT_TOPIC_ARN: topicArn,
    CRKIT_SERVICE_TOKEN: serviceToken,
    CRKIT_METRICS_NAMESPACE: 'crkit',
  });
  handler = ((await import('../../../handlers/entry.js')) as { handler: Handler }).handler;
});
afterAll(() => {
  stdout.mockRestore();
});

beforeEach(() => {
  lines = [];
  stdout?.mockRestore();
  stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    for (const line of String(chunk)
      .split('\n')
      .filter((item) => item.startsWith('{')))
      lines.push(JSON.parse(line) as Record<string, unknown>);
    return true;
  });
  cfn.reset();
  sns.reset();
  ec2 = fakeEc2();
  ec2.put({
    GroupName: 'web-Cluster-1',
    GroupId: 'pg-1',
    Strategy: 'cluster',
    State: 'available',
    Tags: [...ownTags],
  });
  cfn.on(ListStacksCommand).resolves({
    StackSummaries: [
      {
        StackName: 'web',
        StackId: stackId,
        StackStatus: 'UPDATE_COMPLETE',
        CreationTime: new Date(),
      },
      {
        StackName: 'plain',
        StackId: `${stackId}-plain`,
        StackStatus: 'CREATE_COMPLETE',
        CreationTime: new Date(),
      },
    ],
  });
  cfn.on(DescribeStackResourcesCommand, { StackName: 'plain' }).resolves({
    StackResources: [
      {
        LogicalResourceId: 'Bucket',
        ResourceType: 'AWS::S3::Bucket',
        PhysicalResourceId: 'b',
        ResourceStatus: 'CREATE_COMPLETE',
        Timestamp: new Date(),
      },
    ],
  });
  cfn.on(DescribeStackResourcesCommand, { StackName: 'web' }).resolves({
    StackResources: [
      {
        LogicalResourceId: 'Cluster',
        ResourceType: 'Custom::PlacementGroup',
        PhysicalResourceId: 'web-Cluster-1',
        ResourceStatus: 'CREATE_COMPLETE',
        Timestamp: new Date(),
      },
      {
        LogicalResourceId: 'Other',
        ResourceType: 'Custom::PlacementGroup',
        PhysicalResourceId: 'web-Other-1',
        ResourceStatus: 'CREATE_COMPLETE',
        Timestamp: new Date(),
      },
    ],
  });
  cfn.on(GetTemplateCommand).resolves({ TemplateBody: template });
  cfn.on(DescribeStacksCommand).resolves({
    Stacks: [
      {
        StackName: 'web',
        StackId: stackId,
        StackStatus: 'UPDATE_COMPLETE',
        CreationTime: new Date(),
        Parameters: [],
        Tags: [],
      },
    ],
  });
  sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
});

const sentCommands = () =>
  [...cfn.calls(), ...ec2Mock.calls()].map((call) => (call.args[0] as object).constructor.name);

describe('the scheduled drift check', () => {
  it(
    'writes a crkit.drift record per crkit resource, the metric and the audit message, and ' +
      'only reads',
    async () => {
      await handler(scheduledEvent([ruleArn]), lambdaContext({ remainingMs: 60_000 }));

      const drifts = lines.filter((line) => line.type === 'crkit.drift');
      expect(drifts).toHaveLength(1);
      expect(drifts[0]).toMatchObject({
        stackId,
        logicalResourceId: 'Cluster',
        physicalResourceId: 'web-Cluster-1',
        resourceType: 'Custom::PlacementGroup',
        status: 'MODIFIED',
        differences: [
          { propertyPath: '/Tags/team', expectedValue: 'hpc', differenceType: 'REMOVE' },
        ],
      });
      const metrics = lines.find((line) => line.type === 'crkit.metrics');
      expect(metrics).toMatchObject({
        DriftedResources: 1,
        CheckedResources: 1,
        NotCheckedResources: 0,
      });
      expect(metrics?._aws).toMatchObject({
        CloudWatchMetrics: [
          {
            Namespace: 'crkit',
            Dimensions: [[]],
            Metrics: [
              { Name: 'DriftedResources', Unit: 'Count' },
              expect.anything(),
              expect.anything(),
            ],
          },
        ],
      });
      const published = sns.commandCalls(PublishCommand).map((call) => call.args[0].input);
      expect(published).toHaveLength(1);
      expect(published[0]?.TopicArn).toBe(topicArn);
      expect(JSON.parse(published[0]?.Message ?? '{}')).toMatchObject({
        type: 'crkit.drift',
        driftedCount: 1,
        drifted: [{ logicalResourceId: 'Cluster', status: 'MODIFIED' }],
      });
      const commands = sentCommands();
      expect(commands).toContain('GetTemplateCommand');
      expect(commands).toContain('DescribePlacementGroupsCommand');
      expect(
        commands.filter((name) => !/^(Describe|Get|List)[A-Za-z]*Command$/.test(name)),
      ).toEqual([]);
      expect(lines.filter((line) => line.type === 'crkit.rejected')).toEqual([]);
    },
  );

  it('publishes nothing when everything is in sync', async () => {
    ec2.put({
      GroupName: 'web-Cluster-1',
      GroupId: 'pg-1',
      Strategy: 'cluster',
      State: 'available',
      Tags: [...ownTags, { Key: 'team', Value: 'hpc' }],
    });

    await handler(scheduledEvent([ruleArn]), lambdaContext({ remainingMs: 60_000 }));

    expect(lines.filter((line) => line.type === 'crkit.drift').map((line) => line.status)).toEqual([
      'IN_SYNC',
    ]);
    expect(lines.find((line) => line.type === 'crkit.metrics')).toMatchObject({
      DriftedResources: 0,
    });
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it.each([
    ['another rule', [ruleArn.replace('crkit-drift-check', 'forged')]],
    ['no rule', []],
    ['the rule among others', [ruleArn, 'arn:aws:events:us-east-1:123456789012:rule/other']],
  ])('rejects a scheduled event naming %s, making no call at all', async (_name, resources) => {
    await handler(scheduledEvent(resources), lambdaContext({ remainingMs: 60_000 }));

    expect(lines.filter((line) => line.type === 'crkit.rejected')).toMatchObject([
      { via: 'schedule', why: 'the scheduled event does not come from the configured schedule' },
    ]);
    expect(sentCommands()).toEqual([]);
    expect(sns.calls()).toHaveLength(0);
    expect(
      lines.filter((line) => line.type === 'crkit.drift' || line.type === 'crkit.metrics'),
    ).toEqual([]);
  });
});
