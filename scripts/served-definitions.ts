/**
 * The definitions a built bundle serves, read from its entry's `resources` export (the entry
 * contract, docs/cli.md): what `crkit deploy` renders the handler role's resource policy from.
 */
import { createRegistry } from '../framework/index.js';
import type { ResourceDefinition } from '../framework/index.js';
import { servedResources } from './simulate/bundle.js';

/**
 * Loads every type the bundle's entry serves; rejects when the entry exports no `resources`.
 * @example
 * const definitions = await servedDefinitions('dist/handler.mjs');
 */
async function servedDefinitions(bundle: string): Promise<readonly ResourceDefinition[]> {
  const resources = await servedResources(bundle);
  if (resources === undefined)
    throw new Error(
      'the entry exports no `resources` (export const resources = [...]; see docs/cli.md)',
    );
  const registry = createRegistry(resources);
  return Promise.all(
    registry.types.map(async (type) => (await registry.resolve(type)) as ResourceDefinition),
  );
}

export { servedDefinitions };
