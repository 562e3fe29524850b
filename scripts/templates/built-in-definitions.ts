/**
 * The built-in resource types' definitions (`handlers/resources/index.ts`), loaded once each: what
 * the template checker checks against and what the deploy serves by default.
 */
import type { ResourceDefinition } from '../../framework/index.js';
import { builtInResources } from '../../handlers/resources/index.js';

/** A lazy module may resolve to the definition itself or export it as `definition` or `default`. */
function pickDefinition(loaded: unknown): ResourceDefinition {
  type Loaded = { definition?: unknown; default?: unknown; properties?: unknown } | null;
  const module = loaded as Loaded;
  const exported = module?.definition ?? module?.default ?? module;
  return (module?.properties !== undefined ? module : exported) as ResourceDefinition;
}

/**
 * Loads every built-in definition, in registration order.
 * @example
 * const types = (await loadBuiltInDefinitions()).map((definition) => definition.type);
 */
async function loadBuiltInDefinitions(): Promise<ResourceDefinition[]> {
  return Promise.all(builtInResources.map(async (entry) => pickDefinition(await entry.load())));
}

export { loadBuiltInDefinitions, pickDefinition };
