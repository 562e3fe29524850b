/**
 * The checker's view of crkit's real registry (`handlers/resources/index.ts`): for each registered
 * type, the actions its IAM statements allow, its attributes, and its property schema through the
 * framework's own `parseProperties`, so templates are checked by exactly the code that will parse
 * their requests.
 */
import * as framework from '../../framework/index.js';
import type { IamStatement, ResourceDefinition } from '../../framework/index.js';
import { loadBuiltInDefinitions } from './built-in-definitions.js';
import type { CatalogEntry, CrkitCatalog } from './catalog.js';

/** The actions a type's Allow statements name. */
function allowedActionsOf(statements: readonly IamStatement[]): string[] {
  return statements
    .filter((statement) => (statement.effect ?? 'Allow') === 'Allow')
    .flatMap((statement) => statement.actions);
}

/** Outcome of a full property check. */
type Parsed = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * The framework's full property check (schema plus the type's own rules) when it exports one, else
 * the schema alone through `parseProperties`.
 */
function propertyChecker(definition: ResourceDefinition): (raw: Record<string, unknown>) => Parsed {
  const full = (
    framework as unknown as {
      parseResourceProperties?: (d: ResourceDefinition, raw: Record<string, unknown>) => Parsed;
    }
  ).parseResourceProperties;
  if (typeof full === 'function') return (raw) => full(definition, raw);
  return (raw) => framework.parseProperties(definition.properties, raw);
}

/**
 * The catalog of `definitions` (default: the built-in types, each loaded once).
 * @example
 * const catalog = await loadRegistryCatalog();
 * catalog.get('Custom::PlacementGroup')?.allowedActions;
 */
async function loadRegistryCatalog(
  definitions?: readonly ResourceDefinition[],
): Promise<CrkitCatalog> {
  const catalog = new Map<string, CatalogEntry>();
  for (const definition of definitions ?? (await loadBuiltInDefinitions())) {
    const check = propertyChecker(definition);
    catalog.set(definition.type, {
      allowedActions: allowedActionsOf(definition.iamStatements),
      attributes: definition.attributes,
      validate: (properties) => {
        const parsed = check(properties);
        return parsed.ok ? { ok: true } : { ok: false, reason: parsed.reason };
      },
    });
  }
  return catalog;
}

export { loadRegistryCatalog };
