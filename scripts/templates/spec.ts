/**
 * The AWS resource model from `@aws-cdk/aws-service-spec` (pinned: it is 0.x), loaded once per
 * process because loading takes about a second.
 */
import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';
import type {
  PropertyType,
  Resource,
  SpecDatabase,
  TypeDefinition,
} from '@aws-cdk/service-spec-types';

let database: SpecDatabase | undefined;

/** The loaded database; the first call pays the load. */
function specDatabase(): SpecDatabase {
  database ??= loadAwsServiceSpecSync();
  return database;
}

/**
 * The model of a CloudFormation resource type, or undefined when the type does not exist.
 * @example
 * specResource('AWS::Lambda::Function')?.properties.Timeout; // { type: { type: 'integer' }, … }
 */
function specResource(cloudFormationType: string): Resource | undefined {
  return specDatabase().lookup('resource', 'cloudFormationType', 'equals', cloudFormationType)[0];
}

/** The nested type a `ref` property type points to. */
function specTypeDefinition(type: Extract<PropertyType, { type: 'ref' }>): TypeDefinition {
  return specDatabase().get('typeDefinition', type.reference);
}

export { specDatabase, specResource, specTypeDefinition };
