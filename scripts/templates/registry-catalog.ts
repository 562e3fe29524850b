/**
 * The checker's view of crkit's real registry (`handlers/resources/index.ts`): each registered type's IAM actions,
 * attributes, and its property schema through the framework's own `parseProperties`, so templates are
 * checked by exactly the code that will parse their requests.
 */
import * as framework from '../../framework/index.js';
import type { ResourceDefinition } from '../../framework/index.js';
import { builtInResources } from '../../handlers/resources/index.js';
import type { CatalogEntry, CrkitCatalog } from './catalog.js';

/** A lazy module may resolve to the definition itself or export it as `definition` or `default`. */
function pickDefinition(loaded: unknown): ResourceDefinition {
  const module = loaded as { definition?: unknown; default?: unknown; properties?: unknown } | null;
  const candidate = module?.properties !== undefined ? module : (module?.definition ?? module?.default ?? module);
  return candidate as ResourceDefinition;
}

/** Outcome of a full property check. */
type Parsed = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * The framework's full property check (schema plus the type's own rules) when it exports one, else the schema
 * alone through `parseProperties`.
 */
function propertyChecker(definition: ResourceDefinition): (raw: Record<string, unknown>) => Parsed {
  const full = (framework as unknown as { parseResourceProperties?: (d: ResourceDefinition, raw: Record<string, unknown>) => Parsed }).parseResourceProperties;
  if (typeof full === 'function') return (raw) => full(definition, raw);
  return (raw) => framework.parseProperties(definition.properties, raw);
}

/**
 * Loads every registered definition once and returns the catalog.
 * @example
 * const catalog = await loadRegistryCatalog();
 * catalog.get('Custom::PlacementGroup')?.iamActions;
 */
async function loadRegistryCatalog(): Promise<CrkitCatalog> {
  const catalog = new Map<string, CatalogEntry>();
  for (const entry of builtInResources) {
    const definition = pickDefinition(await entry.load());
    const check = propertyChecker(definition);
    const listed = (entry as { iamActions?: readonly string[] }).iamActions;
    catalog.set(entry.type, {
      iamActions: [...(listed ?? []), ...definition.iamActions],
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
