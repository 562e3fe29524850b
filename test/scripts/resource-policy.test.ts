import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { yamlParse } from 'yaml-cfn';
import type { IamStatement } from '../../framework/index.js';
import { ResourcePolicyError, handlerTemplateBody } from '../../scripts/deploy/resource-policy.js';
import { loadBuiltInDefinitions } from '../../scripts/templates/built-in-definitions.js';
import { renderResourcePolicy } from '../../scripts/templates/resource-policy.js';

/** Just what rendering reads of a definition. */
const declares = (type: string, iamStatements: readonly IamStatement[]) => ({
  type,
  iamStatements,
});

const Queues = 'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:jobs-*';

describe('renderResourcePolicy', () => {
  it(
    'turns placeholders into Fn::Sub, in resources and condition values, and leaves plain ' +
      'strings as they are',
    () => {
      const rendered = renderResourcePolicy([
        declares('Custom::Jobs', [
          {
            sid: 'Send',
            actions: ['sqs:SendMessage'],
            resources: [Queues, '*'],
            conditions: {
              StringLike: {
                'aws:SourceArn': ['arn:${AWS::Partition}:sns:${AWS::Region}:*:jobs', 'literal'],
              },
              Bool: { 'aws:SecureTransport': 'true' },
            },
          },
        ]),
      ]);

      expect(rendered).toEqual([
        {
          Sid: 'JobsSend',
          Effect: 'Allow',
          Action: ['sqs:SendMessage'],
          Resource: [{ 'Fn::Sub': Queues }, '*'],
          Condition: {
            Bool: { 'aws:SecureTransport': 'true' },
            StringLike: {
              'aws:SourceArn': [
                { 'Fn::Sub': 'arn:${AWS::Partition}:sns:${AWS::Region}:*:jobs' },
                'literal',
              ],
            },
          },
        },
      ]);
      expect(Object.keys(rendered[0]!.Condition ?? {})).toEqual(['Bool', 'StringLike']);
    },
  );

  it('keeps a Deny a Deny, and numbers the Sids of statements declared without one', () => {
    const rendered = renderResourcePolicy([
      declares('Custom::Jobs', [
        { actions: ['sqs:ReceiveMessage'], resources: [Queues] },
        { effect: 'Deny', actions: ['sqs:DeleteQueue'], resources: [Queues] },
      ]),
    ]);

    expect(rendered.map((statement) => [statement.Sid, statement.Effect])).toEqual([
      ['Jobs1', 'Allow'],
      ['Jobs2', 'Deny'],
    ]);
  });

  it('renders each action and resource once, and a statement two types declare alike once', () => {
    const shared: IamStatement = { actions: ['ec2:DescribeImages'], resources: ['*'] };
    const rendered = renderResourcePolicy([
      declares('Custom::Images', [
        shared,
        {
          sid: 'Tag',
          actions: ['ec2:CreateTags', 'EC2:createtags', 'ec2:DeleteTags'],
          resources: [Queues, Queues],
        },
      ]),
      declares('Custom::Copies', [{ sid: 'Describe', ...shared }]),
    ]);

    expect(rendered).toEqual([
      { Sid: 'CopiesDescribe', Effect: 'Allow', Action: ['ec2:DescribeImages'], Resource: ['*'] },
      {
        Sid: 'ImagesTag',
        Effect: 'Allow',
        Action: ['ec2:CreateTags', 'ec2:DeleteTags'],
        Resource: [{ 'Fn::Sub': Queues }],
      },
    ]);
  });

  it(
    'gives the same policy whatever order the types come in, types ordered by name and ' +
      'statements as declared',
    () => {
      const a = declares('Custom::Alpha', [
        { sid: 'Second', actions: ['s3:PutObject'], resources: ['arn:aws:s3:::b/*'] },
        { sid: 'First', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] },
      ]);
      const b = declares('Custom::Beta', [
        { sid: 'Only', actions: ['s3:ListBucket'], resources: ['arn:aws:s3:::b'] },
      ]);

      const forward = renderResourcePolicy([a, b]);
      const backward = renderResourcePolicy([b, a, a]);

      expect(backward).toEqual(forward);
      expect(forward.map((statement) => statement.Sid)).toEqual([
        'AlphaSecond',
        'AlphaFirst',
        'BetaOnly',
      ]);
    },
  );

  it('keeps Sids unique when two type names differ only in punctuation', () => {
    const rendered = renderResourcePolicy([
      declares('Custom::My-Type', [
        { sid: 'Read', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::one/*'] },
      ]),
      declares('Custom::MyType', [
        { sid: 'Read', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::two/*'] },
      ]),
    ]);

    expect(rendered.map((statement) => statement.Sid)).toEqual(['MyTypeRead', 'MyTypeRead2']);
  });

  it("gives a user's type exactly its own statement, and a type without statements none", () => {
    const own: IamStatement = {
      sid: 'Secret',
      actions: ['secretsmanager:GetSecretValue'],
      resources: [
        'arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:app-*',
      ],
    };

    expect(
      renderResourcePolicy([
        declares('Custom::RandomPassword', [own]),
        declares('Custom::Echo', []),
      ]),
    ).toEqual([
      {
        Sid: 'RandomPasswordSecret',
        Effect: 'Allow',
        Action: ['secretsmanager:GetSecretValue'],
        Resource: [
          {
            'Fn::Sub':
              'arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:app-*',
          },
        ],
      },
    ]);
    expect(renderResourcePolicy([declares('Custom::Echo', [])])).toEqual([]);
    expect(renderResourcePolicy([])).toEqual([]);
  });
});

describe('handlerTemplateBody', () => {
  it('refuses a template without exactly one role policy named resources', () => {
    const state = readFileSync('templates/crkit-state.yaml', 'utf8');
    const twoRoles =
      'Resources:\n  A: {Type: AWS::IAM::Role, Properties: {Policies: [{PolicyName: ' +
      'resources}]}}\n  B: {Type: AWS::IAM::Role, Properties: {Policies: [{PolicyName: ' +
      'resources}]}}\n';

    expect(() => handlerTemplateBody(state, [])).toThrow(
      new ResourcePolicyError(
        'the handler template must have one role with a policy named resources; found 0',
      ),
    );
    expect(() => handlerTemplateBody(twoRoles, [])).toThrow('found 2');
  });

  it(
    "changes nothing but the resource policy, and fits CloudFormation's 51,200-byte " +
      'TemplateBody',
    async () => {
      const text = readFileSync('templates/crkit-handler.yaml', 'utf8');

      const body = handlerTemplateBody(text, await loadBuiltInDefinitions());

      expect(JSON.parse(body)).toEqual(yamlParse(text));
      expect(Buffer.byteLength(body)).toBeLessThan(51_200);
    },
  );
});
