/**
 * What the template checker needs to know about crkit's registered resource types. The real catalog
 * comes from `handlers/resources/index.ts` (see registry-catalog.ts); tests may pass a small one of
 * their own.
 */

/** The outcome of validating a custom resource's properties. */
type Validation = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** One registered type, as the checker sees it. */
type CatalogEntry = {
  /** The actions the type's IAM statements allow; the handler role must grant each. */
  readonly allowedActions: readonly string[];
  /** `Fn::GetAtt` names the type answers, when declared. */
  readonly attributes: readonly string[] | undefined;
  /** Validates properties in request form (strings, as CloudFormation sends them). */
  readonly validate: (properties: Record<string, unknown>) => Validation;
};

/** Registered types by `Custom::Name`. */
type CrkitCatalog = ReadonlyMap<string, CatalogEntry>;

/**
 * Actions the framework itself needs, beside those of the resources, with why.
 * @example
 * FrameworkActions['cloudformation:DescribeStacks']; // 'rollback detection and stack tags'
 */
const FrameworkActions: Readonly<Record<string, string>> = {
  'cloudformation:DescribeStacks': 'rollback detection and stack tags',
  'cloudformation:DescribeStackResource':
    'confirming every request with CloudFormation before changing anything',
  'cloudformation:DescribeStackEvents':
    'confirming every request with CloudFormation before changing anything',
  'secretsmanager:GetSecretValue': 'the HMAC key that signs and verifies continuation messages',
  'kms:GenerateDataKey':
    'sending to the KMS-encrypted queues and publishing to the KMS-encrypted audit topic',
  'kms:Decrypt': 'the KMS-encrypted queues and audit topic, and the continuation secret',
  'sqs:SendMessage': 'continuations, and failed asynchronous invocations to the dead-letter queue',
  'sqs:ReceiveMessage': 'the continuation queue event source mapping',
  'sqs:DeleteMessage': 'the continuation queue event source mapping',
  'sqs:GetQueueAttributes': 'the continuation queue event source mapping',
  'sns:Publish': 'the optional audit topic',
  'cloudformation:GetTemplate': 'the optional scheduled drift check (expected values)',
  'cloudformation:DescribeStackResources': 'the optional scheduled drift check (physical ids)',
  'cloudformation:ListStacks': 'the optional scheduled drift check (the stacks that use crkit)',
  'logs:CreateLogStream': 'the function log group (LoggingConfig)',
  'logs:PutLogEvents': 'the function log group (LoggingConfig)',
};

export { FrameworkActions };
export type { CatalogEntry, CrkitCatalog, Validation };
