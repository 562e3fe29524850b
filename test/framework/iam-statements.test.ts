import { describe, expect, it } from 'vitest';
import { DefinitionError, defineResource, succeeded, z } from '../../framework/index.js';
import type { IamStatement } from '../../framework/index.js';

/** A definition with the given statements; the rest is the smallest valid type. */
function withStatements(iamStatements: unknown) {
  return defineResource({
    type: 'Custom::Statements',
    properties: z.strictObject({ Name: z.string() }),
    replaceOn: [],
    iamStatements: iamStatements as readonly IamStatement[],
    create: async () => succeeded('id'),
    update: async ({ physicalId }) => succeeded(physicalId),
    delete: async ({ physicalId }) => succeeded(physicalId),
  });
}

const Topics = 'arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:crkit-*';

describe("a definition's IAM statements", () => {
  it('are accepted with placeholders, conditions, a Deny and an empty list alike', () => {
    const statements: IamStatement[] = [
      {
        sid: 'Publish',
        actions: ['sns:Publish'],
        resources: [Topics],
        conditions: { StringEquals: { 'aws:ResourceAccount': '${AWS::AccountId}' } },
      },
      {
        effect: 'Deny',
        actions: ['sns:*'],
        resources: ['*'],
        conditions: { Bool: { 'aws:SecureTransport': ['false'] } },
      },
    ];
    expect(withStatements(statements).iamStatements).toEqual(statements);
    expect(withStatements([]).iamStatements).toEqual([]);
  });

  const malformed: [string, unknown, string][] = [
    ['missing', undefined, 'iamStatements must be a list of IAM statements'],
    ['a statement that is no object', ['sns:Publish'], 'iamStatements[0]: is not an object'],
    [
      'no actions',
      [{ actions: [], resources: ['*'] }],
      'iamStatements[0]: actions must be a non-empty list',
    ],
    [
      'an action without a service',
      [{ actions: ['Publish'], resources: ['*'] }],
      'action "Publish" must look like service:Action',
    ],
    [
      'a wildcard Allow',
      [{ actions: ['ec2:Describe*'], resources: ['*'] }],
      'action ec2:Describe* is a wildcard',
    ],
    ['no resources', [{ actions: ['sns:Publish'] }], 'resources must be a non-empty list'],
    [
      'a resource that is no ARN',
      [{ actions: ['sns:Publish'], resources: ['my-topic'] }],
      'resource "my-topic" must be an ARN pattern',
    ],
    [
      'a template parameter',
      [{ actions: ['sns:Publish'], resources: ['arn:aws:sns:${Prefix}:*'] }],
      '"${Prefix}" is not a placeholder; use ${AWS::Partition}, ${AWS::Region}, ${AWS::AccountId}',
    ],
    [
      'an unclosed placeholder',
      [{ actions: ['sns:Publish'], resources: ['arn:${AWS::Partition:sns'] }],
      'is not a placeholder',
    ],
    [
      'an unknown effect',
      [{ effect: 'allow', actions: ['sns:Publish'], resources: ['*'] }],
      "effect must be 'Allow' or 'Deny'",
    ],
    [
      'a sid with punctuation',
      [{ sid: 'Publish-Topics', actions: ['sns:Publish'], resources: ['*'] }],
      'sid must be 1 to 64 letters and digits',
    ],
    [
      'a sid used twice',
      [
        { sid: 'A', actions: ['sns:Publish'], resources: ['*'] },
        { sid: 'A', actions: ['sns:Subscribe'], resources: ['*'] },
      ],
      'iamStatements[1]: sid A is used twice',
    ],
    [
      'conditions that are a list',
      [{ actions: ['sns:Publish'], resources: ['*'], conditions: [] }],
      'conditions must be an object of operators',
    ],
    [
      'a condition value that is a number',
      [
        {
          actions: ['sns:Publish'],
          resources: ['*'],
          conditions: { NumericLessThan: { 'aws:MultiFactorAuthAge': 3600 } },
        },
      ],
      'must be a string or a non-empty list of strings',
    ],
    [
      'a condition with a foreign placeholder',
      [
        {
          actions: ['sns:Publish'],
          resources: ['*'],
          conditions: { StringEquals: { 'aws:SourceArn': '${AWS::StackName}' } },
        },
      ],
      'condition StringEquals aws:SourceArn: "${AWS::StackName}" is not a placeholder',
    ],
  ];

  it.each(malformed)(
    'are refused with a DefinitionError that says what is wrong: %s',
    (_name, statements, message) => {
      const define = () => withStatements(statements);
      expect(define).toThrow(DefinitionError);
      expect(define).toThrow(message);
    },
  );
});
