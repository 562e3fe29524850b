import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  type StackEvent,
} from '@aws-sdk/client-cloudformation';
import { HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { defineResource, succeeded, z, type IamStatement } from '../../framework/index.js';
import type { DeployOptions } from '../../scripts/deploy/args.js';
import { loadBuiltInDefinitions } from '../../scripts/templates/built-in-definitions.js';
import { renderResourcePolicy } from '../../scripts/templates/resource-policy.js';
import { loadTemplate } from '../../scripts/templates/template.js';
import { createClients } from '../../scripts/deploy/clients.js';
import { runDeploy, type DeployDeps } from '../../scripts/deploy/run.js';

// A scripted CloudFormation and S3: per-stack status sequences, change sets and events, with every
// call appended to one trace so tests can check the order.

/** How one stack behaves: statuses DescribeStacks returns in turn (undefined = does not exist). */
type StackScript = {
  statuses: (string | undefined)[];
  changeSet?: { status: 'CREATE_COMPLETE' | 'FAILED'; reason?: string };
  events?: StackEvent[];
};

const cloudformation = mockClient(CloudFormationClient);
const s3 = mockClient(S3Client);

/** Wires the mocks to the scripts; returns the trace of calls ("Command stack"). */
function scriptAws(
  stacks: Record<string, StackScript>,
  options: { objectExists?: boolean } = {},
): string[] {
  const trace: string[] = [];
  const script = (name: string | undefined) => {
    const found = stacks[name ?? ''];
    if (found === undefined) throw new Error(`unscripted stack ${name}`);
    return found;
  };
  const executed = new Set<string>();
  cloudformation.on(DescribeStacksCommand).callsFake(({ StackName }) => {
    trace.push(`DescribeStacks ${StackName}`);
    const statuses = script(StackName).statuses;
    const status = statuses.length > 1 ? statuses.shift() : statuses[0];
    if (status === undefined)
      throw Object.assign(new Error(`Stack with id ${StackName} does not exist`), {
        name: 'ValidationError',
      });
    const outputs = [
      {
        OutputKey: 'ServiceToken',
        OutputValue: 'arn:aws:sns:eu-west-1:123456789012:crkit-state-RequestTopic',
        ExportName: 'crkit-ServiceToken',
      },
    ];
    return {
      Stacks: [{ StackName, StackStatus: status, CreationTime: new Date(0), Outputs: outputs }],
    };
  });
  cloudformation.on(CreateChangeSetCommand).callsFake((input) => {
    trace.push(`CreateChangeSet ${input.StackName} ${input.ChangeSetType}`);
    return { Id: `cs/${input.StackName}`, StackId: `stack/${input.StackName}` };
  });
  const pending = new Set<string>();
  cloudformation.on(DescribeChangeSetCommand).callsFake(({ ChangeSetName }) => {
    trace.push(`DescribeChangeSet ${ChangeSetName}`);
    const name = String(ChangeSetName).slice('cs/'.length);
    if (!pending.has(name)) {
      pending.add(name);
      return { Status: 'CREATE_PENDING' };
    }
    const changeSet = script(name).changeSet ?? { status: 'CREATE_COMPLETE' };
    const changes = [
      {
        Type: 'Resource' as const,
        ResourceChange: {
          Action: 'Modify' as const,
          LogicalResourceId: 'Function',
          ResourceType: 'AWS::Lambda::Function',
          Replacement: 'False' as const,
        },
      },
    ];
    return {
      Status: changeSet.status,
      StatusReason: changeSet.reason,
      Changes: changeSet.status === 'CREATE_COMPLETE' ? changes : [],
    };
  });
  cloudformation.on(ExecuteChangeSetCommand).callsFake(({ StackName }) => {
    trace.push(`ExecuteChangeSet ${StackName}`);
    executed.add(String(StackName));
    return {};
  });
  cloudformation.on(DeleteChangeSetCommand).callsFake(({ StackName }) => {
    trace.push(`DeleteChangeSet ${StackName}`);
    return {};
  });
  cloudformation.on(DescribeStackEventsCommand).callsFake(({ StackName }) => {
    const events = executed.has(String(StackName)) ? (script(StackName).events ?? []) : [];
    return { StackEvents: [...events].reverse() };
  });
  s3.on(HeadObjectCommand).callsFake(({ Key }) => {
    trace.push(`HeadObject ${Key}`);
    if (options.objectExists === true) return {};
    throw Object.assign(new Error('NotFound'), {
      name: 'NotFound',
      $metadata: { httpStatusCode: 404 },
    });
  });
  s3.on(PutObjectCommand).callsFake(({ Key }) => {
    trace.push(`PutObject ${Key}`);
    return {};
  });
  return trace;
}

/** An event as CloudFormation reports it. */
function stackEvent(id: string, logicalId: string, status: string, reason?: string): StackEvent {
  return {
    EventId: id,
    StackId: 'stack',
    StackName: 'stack',
    LogicalResourceId: logicalId,
    ResourceType: 'AWS::Lambda::Function',
    ResourceStatus: status as StackEvent['ResourceStatus'],
    ResourceStatusReason: reason,
    Timestamp: new Date('2026-01-01T10:00:00Z'),
  };
}

/**
 * Deps that record output and build calls into `trace`; clients come from `createClients` (mocked).
 */
function fakeDeps(trace: string[], overrides: Partial<DeployDeps> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const bundle = new TextEncoder().encode('zip bytes');
  const deps: DeployDeps = {
    clients:
      overrides.clients ??
      (() => ({
        cloudformation: new CloudFormationClient({ region: 'eu-west-1' }),
        s3: new S3Client({ region: 'eu-west-1' }),
      })),
    build: async () => void trace.push('build'),
    readFile: async (path) =>
      path === 'dist/handler.zip' ? bundle : new Uint8Array(await readFile(path)),
    servedDefinitions: loadBuiltInDefinitions,
    log: (line) => out.push(line),
    error: (line) => err.push(line),
    sleep: async () => undefined,
    now: () => new Date('2026-01-01T10:00:00Z'),
    ...overrides,
  };
  return { deps, out, err, bundle };
}

const options: DeployOptions = {
  profile: undefined,
  region: 'eu-west-1',
  bucket: 'artifacts',
  prefix: 'crkit',
  audit: false,
  organizationId: undefined,
  dryRun: false,
};

afterEach(() => {
  cloudformation.reset();
  s3.reset();
});

/** A user's type that declares the given statements. */
function userType(iamStatements: readonly IamStatement[]) {
  return defineResource({
    type: 'Custom::RandomPassword',
    properties: z.strictObject({ Length: z.string() }),
    replaceOn: [],
    iamStatements,
    create: async () => succeeded('password'),
    update: async ({ physicalId }) => succeeded(physicalId),
    delete: async ({ physicalId }) => succeeded(physicalId),
  });
}

/** The handler change set's role policies by name, as the deploy sent them. */
async function deployedRolePolicies(deps: DeployDeps): Promise<Record<string, unknown>> {
  scriptAws({
    'crkit-state': { statuses: [undefined, 'CREATE_COMPLETE'] },
    'crkit-handler': { statuses: [undefined, 'CREATE_COMPLETE'] },
  });
  expect(await runDeploy(options, deps)).toBe(0);
  const handlerChangeSet = cloudformation.commandCalls(CreateChangeSetCommand)[1]!.args[0].input;
  const template = JSON.parse(handlerChangeSet.TemplateBody ?? '{}') as {
    Resources: {
      Role: {
        Properties: { Policies: { PolicyName: string; PolicyDocument: { Statement: unknown } }[] };
      };
    };
  };
  return Object.fromEntries(
    template.Resources.Role.Properties.Policies.map((policy) => [
      policy.PolicyName,
      policy.PolicyDocument.Statement,
    ]),
  );
}

/** The handler role's policies as the shipped template writes them. */
function shippedRolePolicies(): Record<string, unknown> {
  const role = loadTemplate('templates/crkit-handler.yaml').resources.Role!.Properties as {
    Policies: { PolicyName: string; PolicyDocument: { Statement: unknown } }[];
  };
  return Object.fromEntries(
    role.Policies.map((policy) => [policy.PolicyName, policy.PolicyDocument.Statement]),
  );
}

describe("runDeploy: the handler role's resource policy", () => {
  it("is rendered from the served built-in types, the framework's policy as written", async () => {
    const { deps, out } = fakeDeps([]);

    const policies = await deployedRolePolicies(deps);

    expect(policies).toEqual({
      framework: shippedRolePolicies().framework,
      resources: renderResourcePolicy(await loadBuiltInDefinitions()),
    });
    expect(out).toContain('serving Custom::PlacementGroup, Custom::SriovAmiRegistration');
  });

  it(
    "grants a user's type exactly the statement it declares and nothing of the built-in " + 'types',
    async () => {
      const statement: IamStatement = {
        sid: 'Secret',
        actions: ['secretsmanager:GetSecretValue'],
        resources: [
          'arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:app-*',
        ],
      };
      const { deps } = fakeDeps([], { servedDefinitions: async () => [userType([statement])] });

      const policies = await deployedRolePolicies(deps);

      expect(policies.resources).toEqual([
        {
          Sid: 'RandomPasswordSecret',
          Effect: 'Allow',
          Action: ['secretsmanager:GetSecretValue'],
          Resource: [{ 'Fn::Sub': statement.resources[0] }],
        },
      ]);
      expect(
        JSON.stringify(
          cloudformation.commandCalls(CreateChangeSetCommand)[1]!.args[0].input.TemplateBody,
        ),
      ).not.toContain('ec2:');
    },
  );

  it('is left out when the served types declare no statement', async () => {
    const { deps } = fakeDeps([], { servedDefinitions: async () => [userType([])] });

    const policies = await deployedRolePolicies(deps);

    expect(Object.keys(policies)).toEqual(['framework']);
  });

  it('fails the deploy before any AWS call when the served definitions cannot load', async () => {
    const trace = scriptAws({});
    const { deps, err } = fakeDeps(trace, {
      servedDefinitions: async () => {
        throw new Error('Cannot find module ./handler.js');
      },
    });

    expect(await runDeploy(options, deps)).toBe(1);
    expect(err).toEqual(['deploy failed: Cannot find module ./handler.js']);
    expect(trace).toEqual(['build']);
    expect(cloudformation.calls()).toHaveLength(0);
  });
});

describe('runDeploy', () => {
  it(
    'builds, uploads, then creates the state stack before the handler stack through change ' +
      'sets',
    async () => {
      // Prepare
      const trace = scriptAws({
        'crkit-state': {
          statuses: [undefined, 'CREATE_IN_PROGRESS', 'CREATE_COMPLETE'],
          events: [stackEvent('1', 'RequestTopic', 'CREATE_COMPLETE')],
        },
        'crkit-handler': { statuses: [undefined, 'CREATE_COMPLETE'] },
      });
      const { deps, out, bundle } = fakeDeps(trace);
      const key = `crkit/handler/${createHash('sha256').update(bundle).digest('hex')}.zip`;
      // Act
      const code = await runDeploy(options, deps);
      // Assess
      expect(code).toBe(0);
      expect(trace).toEqual([
        'build',
        `HeadObject ${key}`,
        `PutObject ${key}`,
        'DescribeStacks crkit-state',
        'CreateChangeSet crkit-state CREATE',
        'DescribeChangeSet cs/crkit-state',
        'DescribeChangeSet cs/crkit-state',
        'ExecuteChangeSet crkit-state',
        'DescribeStacks crkit-state',
        'DescribeStacks crkit-state',
        'DescribeStacks crkit-handler',
        'CreateChangeSet crkit-handler CREATE',
        'DescribeChangeSet cs/crkit-handler',
        'DescribeChangeSet cs/crkit-handler',
        'ExecuteChangeSet crkit-handler',
        'DescribeStacks crkit-handler',
        'DescribeStacks crkit-state',
      ]);
      const [stateChangeSet, handlerChangeSet] = cloudformation
        .commandCalls(CreateChangeSetCommand)
        .map((call) => call.args[0].input);
      expect(handlerChangeSet!.Parameters).toContainEqual({
        ParameterKey: 'CodeKey',
        ParameterValue: key,
      });
      expect(handlerChangeSet!.TemplateBody).toContain('AWS::Lambda::Function');
      expect(stateChangeSet!.TemplateBody).toContain('AWS::KMS::Key');
      expect(out).toContain('  10:00:00 CREATE_COMPLETE RequestTopic (AWS::Lambda::Function)');
      expect(out).toContain(
        'crkit-ServiceToken = arn:aws:sns:eu-west-1:123456789012:crkit-state-RequestTopic',
      );
    },
  );

  it(
    "acknowledges the handler role's fixed name (CAPABILITY_NAMED_IAM) for the handler " +
      'stack alone',
    async () => {
      // Prepare
      scriptAws({
        'crkit-state': { statuses: [undefined, 'CREATE_COMPLETE'] },
        'crkit-handler': { statuses: [undefined, 'CREATE_COMPLETE'] },
      });
      const { deps, out } = fakeDeps([]);
      // Act
      const code = await runDeploy(options, deps);
      // Assess
      expect(code).toBe(0);
      const [stateChangeSet, handlerChangeSet] = cloudformation
        .commandCalls(CreateChangeSetCommand)
        .map((call) => call.args[0].input);
      expect(stateChangeSet!.Capabilities).toBeUndefined();
      expect(handlerChangeSet!.Capabilities).toEqual(['CAPABILITY_NAMED_IAM']);
      expect(handlerChangeSet!.TemplateBody).toMatch(/"RoleName":/);
      expect(out.join('\n')).toMatch(/change set for crkit-handler .* CAPABILITY_NAMED_IAM/);
    },
  );

  it('gives the organization to the state stack, whose key and topic policies use it', async () => {
    scriptAws({
      'crkit-state': { statuses: [undefined, 'CREATE_COMPLETE'] },
      'crkit-handler': { statuses: [undefined, 'CREATE_COMPLETE'] },
    });
    const { deps } = fakeDeps([]);

    expect(await runDeploy({ ...options, organizationId: 'o-abcdefghij' }, deps)).toBe(0);

    const [stateChangeSet, handlerChangeSet] = cloudformation
      .commandCalls(CreateChangeSetCommand)
      .map((call) => call.args[0].input);
    expect(stateChangeSet!.Parameters).toContainEqual({
      ParameterKey: 'OrganizationId',
      ParameterValue: 'o-abcdefghij',
    });
    expect(handlerChangeSet!.Parameters?.map((parameter) => parameter.ParameterKey)).not.toContain(
      'OrganizationId',
    );
  });

  it('updates existing stacks and treats a change set without changes as success', async () => {
    const noChange = {
      status: 'FAILED' as const,
      reason:
        "The submitted information didn't contain changes. Submit different information " +
        'to create a change set.',
    };
    const trace = scriptAws(
      {
        'crkit-state': { statuses: ['UPDATE_COMPLETE'], changeSet: noChange },
        'crkit-handler': {
          statuses: [
            'CREATE_COMPLETE',
            'UPDATE_IN_PROGRESS',
            'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS',
            'UPDATE_COMPLETE',
          ],
        },
      },
      { objectExists: true },
    );
    const { deps, out } = fakeDeps(trace);

    const code = await runDeploy(options, deps);

    expect(code).toBe(0);
    expect(trace).toContain('CreateChangeSet crkit-state UPDATE');
    expect(trace).toContain('DeleteChangeSet crkit-state');
    expect(trace).not.toContain('ExecuteChangeSet crkit-state');
    expect(trace).toContain('ExecuteChangeSet crkit-handler');
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
    expect(out).toContain('crkit-state: no changes');
    expect(out).toContain('crkit-handler: UPDATE_COMPLETE');
  });

  it('exits 1 with the failing events when a stack rolls back', async () => {
    const trace = scriptAws({
      'crkit-state': {
        statuses: ['UPDATE_COMPLETE'],
        changeSet: { status: 'FAILED', reason: 'No updates are to be performed.' },
      },
      'crkit-handler': {
        statuses: ['UPDATE_COMPLETE', 'UPDATE_ROLLBACK_IN_PROGRESS', 'UPDATE_ROLLBACK_COMPLETE'],
        events: [
          stackEvent('1', 'Function', 'UPDATE_IN_PROGRESS'),
          stackEvent(
            '2',
            'Function',
            'UPDATE_FAILED',
            'Error occurred while GetObject. S3 Error Code: NoSuchKey',
          ),
          stackEvent('3', 'crkit-handler', 'UPDATE_ROLLBACK_COMPLETE'),
        ],
      },
    });
    const { deps, err } = fakeDeps(trace);

    const code = await runDeploy(options, deps);

    expect(code).toBe(1);
    expect(err).toEqual([
      'deploy failed: crkit-handler ended in UPDATE_ROLLBACK_COMPLETE',
      'failing events:',
      '  10:00:00 UPDATE_FAILED Function (AWS::Lambda::Function) Error occurred while ' +
        'GetObject. S3 Error Code: NoSuchKey',
    ]);
    expect(trace.at(-1)).toBe('DescribeStacks crkit-handler');
  });

  it('exits 1 with the reason when a change set fails for a real problem', async () => {
    const trace = scriptAws({
      'crkit-state': {
        statuses: [undefined],
        changeSet: {
          status: 'FAILED',
          reason: 'Template format error: Unresolved resource dependencies [Topicc]',
        },
      },
    });
    const { deps, err } = fakeDeps(trace);

    expect(await runDeploy(options, deps)).toBe(1);
    expect(err).toEqual([
      'deploy failed: crkit-state: change set failed: Template format error: Unresolved ' +
        'resource dependencies [Topicc]',
    ]);
    expect(cloudformation.commandCalls(ExecuteChangeSetCommand)).toHaveLength(0);
  });

  it('refuses a stack left in ROLLBACK_COMPLETE and says to delete it', async () => {
    const trace = scriptAws({ 'crkit-state': { statuses: ['ROLLBACK_COMPLETE'] } });
    const { deps, err } = fakeDeps(trace);

    expect(await runDeploy(options, deps)).toBe(1);
    expect(err[0]).toContain('delete it, then deploy again');
    expect(cloudformation.commandCalls(CreateChangeSetCommand)).toHaveLength(0);
  });

  it('makes no AWS call, and no build, in a dry run', async () => {
    const trace = scriptAws({});
    let clientsCreated = 0;
    const { deps, out } = fakeDeps(trace, {
      clients: (target) => {
        clientsCreated++;
        return createClients(target);
      },
    });

    const code = await runDeploy({ ...options, dryRun: true, profile: 'ops' }, deps);

    expect(code).toBe(0);
    expect(trace).toEqual([]);
    expect(clientsCreated).toBe(0);
    expect(cloudformation.calls()).toHaveLength(0);
    expect(s3.calls()).toHaveLength(0);
    expect(out.join('\n')).toMatch(
      /credentials from profile ops[\s\S]*crkit-state[\s\S]*crkit-handler/,
    );
  });

  it('passes --profile to the clients it creates', async () => {
    const trace = scriptAws({ 'crkit-state': { statuses: ['ROLLBACK_COMPLETE'] } });
    const { deps } = fakeDeps(trace, { clients: createClients });

    await runDeploy({ ...options, profile: 'ops' }, deps);

    const [s3Call] = s3.calls();
    const [cfnCall] = cloudformation.calls();
    expect((s3Call!.thisValue as { config: { profile?: string } }).config.profile).toBe('ops');
    expect((cfnCall!.thisValue as { config: { profile?: string } }).config.profile).toBe('ops');
  });

  it('leaves the profile to the default chain when none is given', () => {
    const clients = createClients({ region: 'eu-west-1', profile: undefined });
    expect((clients.cloudformation.config as { profile?: string }).profile).toBeUndefined();
  });
});
