/**
 * A custom resource's properties as CloudFormation sends them now: intrinsics evaluated
 * against the parameters and the answers received so far, scalars turned into strings.
 */
import { TemplateError, condition, evaluate, requestForm } from '../../framework/drift.js';
import type { EvalContext } from '../../framework/drift.js';
import { isJsonObject } from '../../framework/drift.js';
import type { Session } from './session.js';

/** The evaluation context of a session. */
function contextOf(session: Session): EvalContext {
  const parameters = {
    ...session.parameters,
    'AWS::StackName': session.stackName,
    'AWS::StackId': session.stackId,
    'AWS::Region': session.region,
    'AWS::AccountId': session.account,
    'AWS::Partition': 'aws',
    'AWS::URLSuffix': 'amazonaws.com',
  };
  return {
    parameters,
    conditions: session.template.conditions,
    mappings: isJsonObject(session.template.body.Mappings) ? session.template.body.Mappings : {},
    ref: (logicalId) => {
      const custom = session.resources.get(logicalId);
      if (custom !== undefined) {
        if (custom.physicalId === undefined)
          throw new TemplateError(`${logicalId} has no physical id yet`);
        return custom.physicalId;
      }
      if (session.template.resources[logicalId] === undefined)
        throw new TemplateError(`Unresolved resource dependencies [${logicalId}]`);
      return `${logicalId.toLowerCase()}-simulated`;
    },
    attribute: (logicalId, name) => {
      const custom = session.resources.get(logicalId);
      if (custom === undefined) return `${logicalId}.${name}-simulated`;
      const value = custom.data[name];
      if (value === undefined)
        throw new TemplateError(
          `CustomResource attribute error: Vendor response doesn't contain ${name} ` +
            `attribute in object ${logicalId}`,
        );
      return value;
    },
    importValue: (name) => {
      const value = session.imports[name];
      if (value === undefined) throw new TemplateError(`No export named ${name} found`);
      return value;
    },
  };
}

/**
 * The request form of one custom resource's properties (with any injected extras).
 * @example
 * resolvedProperties(session, 'PlacementGroup');
 * // { ServiceToken: 'arn:…', Strategy: 'cluster', … }
 */
function resolvedProperties(session: Session, logicalId: string): Record<string, unknown> {
  const resource = session.template.resources[logicalId];
  const evaluated = evaluate(resource?.Properties ?? {}, contextOf(session)) as Record<
    string,
    unknown
  >;
  return requestForm({ ...evaluated, ...(session.extraProperties.get(logicalId) ?? {}) }) as Record<
    string,
    unknown
  >;
}

/** True when a named condition holds with the session's parameters. */
function conditionHolds(session: Session, name: string): boolean {
  return condition(name, contextOf(session));
}

export { conditionHolds, contextOf, resolvedProperties };
