// The checks that hold the crkit stacks to their security contract: encryption with crkit's key,
// queue policies, the function's environment and the scope of its role. Each case changes one thing
// in a real template and expects exactly the finding that change deserves.
import { beforeAll, describe, expect, it } from 'vitest';
import type { CrkitCatalog } from '../../scripts/templates/catalog.js';
import { loadRegistryCatalog } from '../../scripts/templates/registry-catalog.js';
import { checkTemplates } from '../../scripts/templates/run.js';
import type { CheckName } from '../../scripts/templates/template.js';
import { variant } from '../support/template-variant.js';
import { pattern } from '../support/pattern.js';

/** The Deny that keeps ModifyImageAttribute to the Description. */
const OnlyTheImageDescription =
  /\n\s+- Sid: SriovAmiRegistrationOnlyTheImageDescription[\s\S]*?ec2:Attribute: \[Description\]/;

const State = 'templates/crkit-state.yaml';
const Handler = 'templates/crkit-handler.yaml';

let catalog: CrkitCatalog;
beforeAll(async () => {
  catalog = await loadRegistryCatalog();
});

/** A changed state template, checked against the real handler. */
const stateVariant = (from: string | RegExp, to: string) =>
  checkTemplates([variant(State, from, to)], { catalog, context: [Handler] });
/** A changed handler template, checked against the real state. */
const handlerVariant = (from: string | RegExp, to: string) =>
  checkTemplates([variant(Handler, from, to)], { catalog, context: [State] });
/** The one finding expected. */
const only = (check: CheckName, message: string) => [
  expect.objectContaining({ check, message: expect.stringContaining(message) }),
];

/** The InvokeDeadLetterQueuePolicy resource and the comment above it. */
const InvokeDlqPolicy =
  / {2}# Lambda sends a failed invocation's record[\s\S]*?(?=\n {2}LogGroup:)/;
const CreateTaggedCondition = pattern(
  /(- Sid: PlacementGroupCreateTagged[\s\S]*?placement-group\/\*'\n)/,
  /\s+Condition:\n\s+StringLike:\n[^\n]+\n/,
);

describe('encryption check', () => {
  it("catches a queue without crkit's key", () => {
    const findings = stateVariant(
      '      KmsMasterKeyId: !Ref Key\n      DelaySeconds: 30',
      '      DelaySeconds: 30',
    );
    expect(findings).toEqual(
      only(
        'encryption',
        'ContinuationQueue (the continuation queue of Function) must be encrypted with a ' +
          'KMS key of the crkit stacks, not no key at all',
      ),
    );
  });

  it('catches a topic encrypted with an AWS managed key', () => {
    const findings = stateVariant(
      "custom-resource audit'\n      KmsMasterKeyId: !Ref Key",
      "custom-resource audit'\n      KmsMasterKeyId: alias/aws/sns",
    );
    expect(findings).toEqual(
      only(
        'encryption',
        'AuditTopicResource (the audit topic of Function) must be encrypted with a KMS ' +
          'key of the crkit stacks, not alias/aws/sns',
      ),
    );
  });

  it(
    'catches a key that would be deleted with the stack while the dead-letter queues it ' +
      'encrypts stay',
    () => {
      const findings = stateVariant(
        '    Type: AWS::KMS::Key\n    DeletionPolicy: Retain\n    UpdateReplacePolicy: Retain\n',
        '    Type: AWS::KMS::Key\n',
      );
      expect(findings).toEqual(
        only(
          'encryption',
          'Key encrypts the retained InvokeDeadLetterQueue, ContinuationDeadLetterQueue; ' +
            'give it DeletionPolicy: Retain',
        ),
      );
    },
  );

  it('catches a continuation secret shorter than the function expects', () => {
    const findings = stateVariant('PasswordLength: 64', 'PasswordLength: 32');
    expect(findings).toEqual(
      only(
        'encryption',
        'the continuation secret must be generated as a plain 64-character string ' +
          'without punctuation',
      ),
    );
  });

  it('catches a continuation secret left to the AWS managed key', () => {
    const findings = stateVariant("messages'\n      KmsKeyId: !Ref Key\n", "messages'\n");
    expect(findings).toEqual(
      only(
        'encryption',
        'the continuation secret must be encrypted with a KMS key of the crkit stacks, ' +
          'not no key at all',
      ),
    );
  });
});

describe('queue-policy check', () => {
  it('catches a queue whose policy allows plain HTTP', () => {
    const findings = stateVariant(
      pattern(
        /(ContinuationQueuePolicy:[\s\S]*?Statement:\n)\s+- Sid:/,
        / DenyInsecureTransport[\s\S]*?aws:SecureTransport: 'false'\n/,
      ),
      '$1',
    );
    expect(findings).toEqual(
      only(
        'queue-policy',
        'ContinuationQueue (the continuation queue of Function) has no queue policy ' +
          'statement that denies sqs:* to everyone when aws:SecureTransport is false',
      ),
    );
  });

  it('catches a queue without any policy', () => {
    const findings = stateVariant(InvokeDlqPolicy, '');
    expect(findings).toEqual(
      only(
        'queue-policy',
        'InvokeDeadLetterQueue (the OnFailure destination of AsyncInvokeConfig of ' +
          'Function) has no AWS::SQS::QueuePolicy',
      ),
    );
  });

  it("catches a sender restriction that names another role than the handler's", () => {
    const findings = stateVariant(
      ':role/${Prefix}-handler-${AWS::Region}',
      ':role/${Prefix}-deployer-${AWS::Region}',
    );
    expect(findings).toEqual(
      only(
        'queue-policy',
        'ContinuationQueue (the continuation queue of Function) is sent to by the ' +
          'handler alone, so its queue policy must deny sqs:SendMessage to every principal ' +
          'whose aws:PrincipalArn is not ' +
          'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/crkit-handler-${AWS::Region}',
      ),
    );
  });

  it('catches a dead-letter queue that someone may still send to', () => {
    const findings = stateVariant(
      /(- Sid: DenyEverySender\n[\s\S]*?Resource: !GetAtt ContinuationDeadLetterQueue.Arn\n)/,
      '$1            Condition:\n              Bool:\n                ' +
        "aws:SecureTransport: 'false'\n",
    );
    expect(findings).toEqual(
      only(
        'queue-policy',
        'ContinuationDeadLetterQueue (the dead-letter queue of ContinuationQueue of ' +
          'Function) is filled by SQS itself, so its queue policy must deny ' +
          'sqs:SendMessage to everyone',
      ),
    );
  });

  it('catches a handler role whose name the queue policies cannot know', () => {
    const handler = variant(
      Handler,
      /\n\s+# The state stack's queue policies[^\n]*\n\s+RoleName: [^\n]+/,
      '',
    );
    const findings = checkTemplates([State, handler], { catalog });
    const message =
      'is sent to by the handler alone, so its queue policy must deny sqs:SendMessage to ' +
      "every principal whose aws:PrincipalArn is not the handler's role (Role has no " +
      'RoleName that a policy in another stack could name)';
    expect(findings).toEqual([
      expect.objectContaining({
        check: 'queue-policy',
        path: 'Resources.ContinuationQueue',
        message: expect.stringContaining(message),
      }),
      expect.objectContaining({
        check: 'queue-policy',
        path: 'Resources.InvokeDeadLetterQueue',
        message: expect.stringContaining(message),
      }),
    ]);
  });
});

describe('environment check', () => {
  it('catches a function that is not told the continuation queue ARN', () => {
    const findings = handlerVariant(/\n\s+CRKIT_CONTINUATION_QUEUE_ARN: [^\n]+/, '');
    expect(findings).toEqual(only('environment', 'missing CRKIT_CONTINUATION_QUEUE_ARN'));
  });

  it('catches a continuation queue ARN that names another queue than the URL', () => {
    const findings = handlerVariant(
      "CRKIT_CONTINUATION_QUEUE_ARN: {'Fn::ImportValue': !Sub '${Prefix}-ContinuationQueueArn'}",
      "CRKIT_CONTINUATION_QUEUE_ARN: {'Fn::ImportValue': !Sub '${Prefix}-InvokeDlqArn'}",
    );
    expect(findings).toEqual(
      only(
        'environment',
        'CRKIT_CONTINUATION_QUEUE_ARN must name the queue CRKIT_CONTINUATION_QUEUE_URL ' +
          'names (ContinuationQueue)',
      ),
    );
  });

  it(
    'catches an event source mapping that reads a queue the function will not accept ' +
      'records from',
    () => {
      const findings = handlerVariant(
        "EventSourceArn: {'Fn::ImportValue': !Sub '${Prefix}-ContinuationQueueArn'}",
        "EventSourceArn: {'Fn::ImportValue': !Sub '${Prefix}-InvokeDlqArn'}",
      );
      expect(findings).toEqual([
        expect.objectContaining({
          check: 'timeouts',
          message: expect.stringContaining('VisibilityTimeout 30 must exceed'),
        }),
        expect.objectContaining({
          check: 'environment',
          message: expect.stringContaining(
            'Function accepts SQS records only from ContinuationQueue ' +
              '(CRKIT_CONTINUATION_QUEUE_ARN), so ContinuationMapping must read that queue',
          ),
        }),
      ]);
    },
  );

  it('catches a function that is not told the continuation secret', () => {
    const findings = handlerVariant(/\n\s+CRKIT_CONTINUATION_SECRET_ARN: [^\n]+/, '');
    expect(findings).toEqual(only('environment', 'missing CRKIT_CONTINUATION_SECRET_ARN'));
  });
});

describe("iam check: the handler role's scope", () => {
  it('catches a role that lacks a CloudFormation read the function confirms requests with', () => {
    const findings = handlerVariant(/\n\s+- cloudformation:DescribeStackResource/, '');
    expect(findings).toEqual(only('iam', 'does not grant cloudformation:DescribeStackResource'));
  });

  it("catches CloudFormation reads on other accounts' stacks", () => {
    const findings = handlerVariant(
      "cloudformation:${AWS::Region}:${AWS::AccountId}:stack/*'",
      "cloudformation:${AWS::Region}:*:stack/*'",
    );
    expect(findings).toEqual(
      only('iam', "grants CloudFormation reads beyond this account's and region's stacks"),
    );
  });

  it('catches the drift check reading templates of every stack', () => {
    const findings = handlerVariant(
      'Action: [cloudformation:GetTemplate, cloudformation:DescribeStackResources]\n     ' +
        '             Resource: !Sub ' +
        "'arn:${AWS::Partition}:cloudformation:${AWS::Region}:${AWS::AccountId}:stack/*'",
      'Action: [cloudformation:GetTemplate, cloudformation:DescribeStackResources]\n     ' +
        "             Resource: '*'",
    );
    expect(findings).toEqual(
      only('iam', "grants CloudFormation reads beyond this account's and region's stacks"),
    );
  });

  it('catches a role that cannot list the stacks the drift check looks at', () => {
    const findings = handlerVariant(
      '                  Action: cloudformation:ListStacks\n',
      '                  Action: cloudformation:ListExports\n',
    );
    expect(findings).toEqual([
      expect.objectContaining({
        check: 'iam',
        message: expect.stringContaining('does not grant cloudformation:ListStacks'),
      }),
      expect.objectContaining({
        check: 'iam',
        message: expect.stringContaining(
          'grants cloudformation:ListExports, which no registered resource or the framework needs',
        ),
      }),
    ]);
  });

  it('catches GetSecretValue on every secret', () => {
    const findings = handlerVariant(
      "Resource: {'Fn::ImportValue': !Sub '${Prefix}-ContinuationSecretArn'}",
      "Resource: '*'",
    );
    expect(findings).toEqual(
      only('iam', 'grants secretsmanager:GetSecretValue beyond the continuation secret'),
    );
  });

  it('catches KMS use on every key', () => {
    const findings = handlerVariant(
      "Resource: {'Fn::ImportValue': !Sub '${Prefix}-KeyArn'}",
      "Resource: '*'",
    );
    expect(findings).toEqual(only('iam', 'grants KMS use beyond the crkit key'));
  });

  it('catches creating calls that do not require the ownership tag', () => {
    const findings = handlerVariant(CreateTaggedCondition, '$1');
    expect(findings).toEqual(
      only(
        'iam',
        'grants ec2:CreatePlacementGroup/ec2:RegisterImage without requiring the ' +
          'crkit:stack-id tag in the creating call',
      ),
    );
  });

  it('catches tag writes on snapshots', () => {
    const findings = handlerVariant(
      /(- Sid: SriovAmiRegistrationChangeOwned[\s\S]*?::image\/\*'\n)/,
      "$1                  - !Sub 'arn:${AWS::Partition}:ec2:${AWS::Region}::snapshot/*'\n",
    );
    expect(findings).toEqual(only('iam', 'lets crkit write or delete tags on snapshots'));
  });

  it('catches ModifyImageAttribute without the Deny that keeps it to the Description', () => {
    const findings = handlerVariant(OnlyTheImageDescription, '');
    expect(findings).toEqual(
      only(
        'iam',
        'grants ec2:ModifyImageAttribute without the Deny statements that keep it to the ' +
          'Description',
      ),
    );
  });
});
