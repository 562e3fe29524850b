import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, createRegistry, defineResource } from '../../../framework/index.js';
import type { ResourceDrift } from '../../../framework/index.js';
import type { Image } from '@aws-sdk/client-ec2';
import { checkStackDrift } from '../../../handlers/drift/check-stack.js';
import { definition } from '../../../handlers/resources/sriov-ami/definition.js';
import { captureLogs } from '../../support/logs.js';
import { base, identity, parsed, stackTags } from '../resources/sriov-ami/support.js';
import { fakeImages, imagesMock, newImageId } from './fake-images.js';
import { fakeStackPorts } from './fake-stack.js';
import type { FakeStack } from './fake-stack.js';

const template = (description = "!Sub 'Copy of ${SourceImageId} for ${Environment}'") =>
  `
Parameters:
  SourceImageId: { Type: 'AWS::EC2::Image::Id' }
  Environment: { Type: String, Default: dev }
  Secret: { Type: String, NoEcho: true }
Conditions:
  IsProd: !Equals [!Ref Environment, prod]
Mappings:
  Teams: { dev: { Name: devs }, prod: { Name: ops } }
Resources:
  FastAmi:
    Type: Custom::SriovAmiRegistration
    Properties:
      ServiceToken: !Sub 'arn:aws:lambda:\${AWS::Region}:\${AWS::AccountId}:function:crkit'
      SourceImageId: !Ref SourceImageId
      Name: !Join ['-', [!Ref 'AWS::StackName', ` +
  `!Select [1, !Split ['-', !Ref SourceImageId]], sriov]]
      Description: ${description}
      SriovNetSupport: simple
      DriverConfirmed: 'true'
      Tags:
        - Key: team
          Value: !FindInMap [Teams, !Ref Environment, Name]
        - Key: tier
          Value: !If [IsProd, gold, silver]
`;

const raw = (environment: string) => ({
  SourceImageId: 'ami-0aaaaaaaaaaaaaaa1',
  Name: 'web-0aaaaaaaaaaaaaaa1-sriov',
  Description: `Copy of ami-0aaaaaaaaaaaaaaa1 for ${environment}`,
  SriovNetSupport: 'simple',
  DriverConfirmed: 'true',
  Tags: [
    { Key: 'team', Value: environment === 'prod' ? 'ops' : 'devs' },
    { Key: 'tier', Value: environment === 'prod' ? 'gold' : 'silver' },
  ],
});

let images: Map<string, Image>;
let stack: FakeStack;

async function check(
  registryDefinition = definition,
  serviceTokens?: readonly string[],
): Promise<{ drifts: readonly ResourceDrift[]; lines: string[] }> {
  const logs = captureLogs();
  const drifts = await checkStackDrift({
    stackName: 'web',
    ports: fakeStackPorts(stack),
    registry: createRegistry([registryDefinition]),
    signal: new AbortController().signal,
    log: createLogger({ sink: logs.sink, level: 'debug' }),
    serviceTokens,
  });
  return { drifts, lines: logs.lines };
}

async function checkOne(
  registryDefinition = definition,
): Promise<{ drift: ResourceDrift; lines: string[] }> {
  const { drifts, lines } = await check(registryDefinition);
  expect(drifts).toHaveLength(1);
  return { drift: drifts[0]!, lines };
}

const image = () => images.get(newImageId)!;

beforeEach(async () => {
  images = fakeImages();
  const outcome = await definition.create(
    Object.freeze({ ...base('create'), properties: parsed(raw('dev')), replacing: undefined }),
  );
  expect(outcome).toMatchObject({ kind: 'in-progress', physicalId: newImageId });
  stack = {
    template: template(),
    parameters: { SourceImageId: 'ami-0aaaaaaaaaaaaaaa1', Environment: 'dev', Secret: '****' },
    tags: stackTags,
    resources: [
      {
        logicalResourceId: identity.logicalResourceId,
        physicalResourceId: newImageId,
        resourceType: 'Custom::SriovAmiRegistration',
        status: 'CREATE_COMPLETE',
      },
    ],
  };
});
afterEach(() => {
  imagesMock.reset();
});

describe('drift of Custom::SriovAmiRegistration', () => {
  it(
    'is IN_SYNC right after create, with Sub, Join, Select, Split, FindInMap and If ' + 'resolved',
    async () => {
      const { drift } = await checkOne();

      expect(drift).toMatchObject({
        status: 'IN_SYNC',
        physicalResourceId: newImageId,
        differences: [],
        notComparable: [],
      });
    },
  );

  it('is IN_SYNC after an in-place update of Description and tags', async () => {
    const update = {
      ...base('update'),
      properties: parsed(raw('prod')),
      oldProperties: parsed(raw('dev')),
      physicalId: newImageId,
    };
    expect((await definition.update(Object.freeze(update))).kind).toBe('succeeded');
    stack.parameters.Environment = 'prod';

    expect((await checkOne()).drift.status).toBe('IN_SYNC');
  });

  it(
    'names each flipped attribute: SriovNetSupport, EnaSupport left to its default, ' +
      'description, root snapshot',
    async () => {
      stack.template = template().replace(
        "      DriverConfirmed: 'true'",
        "      DriverConfirmed: 'true'\n      RootSnapshotId: snap-0aaaaaaaaaaaaaaa1",
      );
      Object.assign(image(), {
        SriovNetSupport: undefined,
        EnaSupport: false,
        Description: 'edited',
        BlockDeviceMappings: [
          { DeviceName: '/dev/xvda', Ebs: { SnapshotId: 'snap-0ddddddddddddddd4' } },
        ],
      });

      const { drift } = await checkOne();

      expect(drift.status).toBe('MODIFIED');
      expect(drift.differences).toEqual([
        {
          propertyPath: '/SriovNetSupport',
          expectedValue: 'simple',
          actualValue: undefined,
          differenceType: 'REMOVE',
        },
        {
          propertyPath: '/RootSnapshotId',
          expectedValue: 'snap-0aaaaaaaaaaaaaaa1',
          actualValue: 'snap-0ddddddddddddddd4',
          differenceType: 'NOT_EQUAL',
        },
        {
          propertyPath: '/Description',
          expectedValue: 'Copy of ami-0aaaaaaaaaaaaaaa1 for dev',
          actualValue: 'edited',
          differenceType: 'NOT_EQUAL',
        },
        {
          propertyPath: '/EnaSupport',
          expectedValue: 'true',
          actualValue: 'false',
          differenceType: 'NOT_EQUAL',
        },
      ]);
    },
  );

  it('names a tag removed behind its back', async () => {
    image().Tags = image().Tags!.filter((tag) => tag.Key !== 'tier');

    const { drift } = await checkOne();

    expect(drift.differences).toEqual([
      {
        propertyPath: '/Tags/tier',
        expectedValue: 'silver',
        actualValue: undefined,
        differenceType: 'REMOVE',
      },
    ]);
  });

  it.each(['failed', 'error', 'disabled'] as const)(
    'is MODIFIED, naming the state, when the image is %s',
    async (state) => {
      image().State = state;

      const { drift } = await checkOne();

      expect(drift).toMatchObject({
        status: 'MODIFIED',
        differences: [
          {
            propertyPath: '/State',
            expectedValue: 'available',
            actualValue: state,
            differenceType: 'NOT_EQUAL',
          },
        ],
      });
    },
  );

  it('is DELETED when the image is deregistered, or unknown to EC2', async () => {
    image().State = 'deregistered';
    expect((await checkOne()).drift.status).toBe('DELETED');

    images.delete(newImageId);
    expect((await checkOne()).drift.status).toBe('DELETED');
  });

  it('reports a property fed by a NoEcho parameter or an attribute as not comparable', async () => {
    stack.template = template('!Ref Secret').replace(
      '      SriovNetSupport: simple',
      '      SriovNetSupport: !GetAtt Other.Support',
    );

    const { drift } = await checkOne();

    expect(drift.status).toBe('IN_SYNC');
    expect(drift.notComparable).toEqual([
      { property: 'Description', why: 'it comes from the NoEcho parameter Secret' },
      { property: 'SriovNetSupport', why: 'it comes from Fn::GetAtt Other.Support' },
    ]);
  });

  it(
    'never shows a sensitive property: both values read (sensitive), in the result and in ' +
      'the log',
    async () => {
      const sensitiveDescription = defineResource({ ...definition, sensitive: ['Description'] });
      image().Description = 'hunter2-leaked-value';

      const { drift, lines } = await checkOne(sensitiveDescription);

      expect(drift.differences).toEqual([
        {
          propertyPath: '/Description',
          expectedValue: '(sensitive)',
          actualValue: '(sensitive)',
          differenceType: 'NOT_EQUAL',
        },
      ]);
      const written = JSON.stringify(drift) + lines.join('\n');
      expect(written).not.toContain('hunter2-leaked-value');
      expect(written).not.toContain('Copy of');
    },
  );

  it('checks only resources whose ServiceToken resolves to this handler', async () => {
    expect(
      (await check(definition, ['arn:aws:lambda:us-east-1:123456789012:function:crkit'])).drifts,
    ).toHaveLength(1);
    expect(
      (await check(definition, ['arn:aws:lambda:us-east-1:123456789012:function:other'])).drifts,
    ).toHaveLength(0);
  });
});
