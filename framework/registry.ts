/**
 * The registry: ResourceType → definition. Entries may be definitions or lazy loaders; a lazy
 * entry keeps its module (and its AWS client) off the cold path until a request needs it, and
 * a module that throws while loading fails only its own requests, with a clear Reason.
 */
import { DefinitionError, UnknownResourceTypeError } from './errors.js';
import { definitionProblem } from './resource.js';
import type { AnyResourceDefinition } from './resource.js';

/** A resource type whose module is loaded on first use. */
type LazyResource = {
  readonly type: string;
  /** Resolves to the definition, or to a module exporting it as `default` or `definition`. */
  readonly load: () => Promise<unknown>;
};

type RegistryEntry = AnyResourceDefinition | LazyResource;

/** Finds the definition for a ResourceType. */
type Registry = {
  readonly types: readonly string[];
  resolve(type: string): Promise<AnyResourceDefinition>;
};

function isLazy(entry: RegistryEntry): entry is LazyResource {
  return typeof (entry as LazyResource).load === 'function';
}

function pickDefinition(loaded: unknown): unknown {
  if (definitionProblem(loaded) === undefined) return loaded;
  const module = loaded as { default?: unknown; definition?: unknown } | null;
  return module?.default ?? module?.definition ?? loaded;
}

async function loadEntry(entry: LazyResource): Promise<AnyResourceDefinition> {
  let loaded: unknown;
  try {
    loaded = pickDefinition(await entry.load());
  } catch (error) {
    const kind = error instanceof Error ? error.name : typeof error;
    throw new DefinitionError(
      `the module of ${entry.type} failed to load (${kind}); see the log for details`,
      { cause: error },
    );
  }
  const problem = definitionProblem(loaded);
  if (problem !== undefined)
    throw new DefinitionError(`the definition of ${entry.type} is invalid: ${problem}`);
  const definition = loaded as AnyResourceDefinition;
  if (definition.type !== entry.type) {
    throw new DefinitionError(`the module registered as ${entry.type} defines ${definition.type}`);
  }
  return definition;
}

/**
 * Builds the registry at cold start; rejects duplicate types and malformed eager entries there.
 * @example
 * const registry = createRegistry([
 *   echo,
 *   { type: 'Custom::PlacementGroup', load: () => import('./pg.js') },
 * ]);
 */
function createRegistry(entries: readonly RegistryEntry[]): Registry {
  const byType = new Map<string, () => Promise<AnyResourceDefinition>>();
  for (const entry of entries) {
    if (byType.has(entry.type))
      throw new TypeError(`ResourceType ${entry.type} is registered twice`);
    if (isLazy(entry)) {
      let loading: Promise<AnyResourceDefinition> | undefined;
      byType.set(entry.type, () => (loading ??= loadEntry(entry)));
    } else {
      const problem = definitionProblem(entry);
      if (problem !== undefined)
        throw new TypeError(`Invalid resource definition ${String(entry.type)}: ${problem}`);
      byType.set(entry.type, () => Promise.resolve(entry));
    }
  }
  const types = [...byType.keys()];
  return {
    types,
    resolve: (type) => {
      const load = byType.get(type);
      return load === undefined
        ? Promise.reject(new UnknownResourceTypeError(type, types))
        : load();
    },
  };
}

export { createRegistry };
export type { LazyResource, Registry, RegistryEntry };
