/**
 * Choosing the updates a scenario plays: a parameter change that feeds only properties that
 * are updated in place, and one that feeds a property that forces replacement. Which
 * properties force replacement comes from the `replaceOn` lists of the resource types the
 * simulated handler serves (its entry's `resources`); a type it does not serve is unknown.
 */
import { createRegistry } from '../../framework/index.js';
import type { RegistryEntry } from '../../framework/index.js';
import type { Standin } from '../standin/index.js';
import type { JsonObject, LoadedTemplate } from '../templates/template.js';
import { referencedNames } from './graph.js';
import { seedSourceImage } from './parameters.js';

/** A parameter change and why it was chosen. */
type PlannedChange = { readonly parameter: string; readonly value: string; readonly why: string };

/** The updates of a scenario; undefined when the template offers none. */
type UpdatePlan = {
  readonly inPlace: PlannedChange | undefined;
  readonly replacing: PlannedChange | undefined;
};

/**
 * The replace-on properties of each custom type in `resources` (definitions or lazy entries).
 * @example
 * const replaceOn = await loadReplaceOn(builtInResources);
 * // Map { 'Custom::PlacementGroup' => ['Strategy', …] }
 */
async function loadReplaceOn(
  resources: readonly RegistryEntry[],
): Promise<Map<string, readonly string[]>> {
  const found = new Map<string, readonly string[]>();
  const registry = createRegistry(resources);
  for (const type of registry.types) {
    try {
      found.set(type, (await registry.resolve(type)).replaceOn);
    } catch {
      // A module that does not load leaves its type unknown; the handler will say why.
    }
  }
  return found;
}

type Feed = { readonly type: string; readonly property: string };

/** For each parameter, the custom resource properties it feeds. */
function feeds(template: LoadedTemplate, customs: readonly string[]): Map<string, Feed[]> {
  const out = new Map<string, Feed[]>();
  for (const logicalId of customs) {
    const resource = template.resources[logicalId] ?? {};
    for (const [property, value] of Object.entries(resource.Properties ?? {})) {
      for (const name of referencedNames(value)) {
        if (template.parameters[name] === undefined) continue;
        out.set(name, [...(out.get(name) ?? []), { type: String(resource.Type), property }]);
      }
    }
  }
  return out;
}

function alternative(
  parameter: JsonObject,
  current: string,
  offline: boolean,
  standin: Standin,
): string | undefined {
  const allowed = Array.isArray(parameter.AllowedValues)
    ? parameter.AllowedValues.map(String)
    : undefined;
  if (allowed !== undefined) return allowed.find((value) => value !== current);
  if (parameter.Type === 'AWS::EC2::Image::Id')
    return offline ? seedSourceImage(standin) : undefined;
  if (parameter.Type === 'Number') {
    const next = Number(current) + 1;
    return parameter.MaxValue !== undefined && next > Number(parameter.MaxValue)
      ? String(Number(current) - 1)
      : String(next);
  }
  return parameter.Type === 'String' || parameter.Type === undefined ? `${current}-2` : undefined;
}

/**
 * Picks the in-place and the replacing update for a template.
 * @example
 * const plan = await planUpdates(template, customs, parameters,
 *   { offline: true, standin, resources });
 */
async function planUpdates(
  template: LoadedTemplate,
  customs: readonly string[],
  parameters: Readonly<Record<string, string>>,
  options: {
    readonly offline: boolean;
    readonly standin: Standin;
    readonly resources: readonly RegistryEntry[];
  },
): Promise<UpdatePlan> {
  const replaceOn = await loadReplaceOn(options.resources);
  const fed = [...feeds(template, customs)].sort((a, b) => b[1].length - a[1].length);
  const known = (feed: Feed) => replaceOn.has(feed.type);
  const replaces = (feed: Feed) => (replaceOn.get(feed.type) ?? []).includes(feed.property);
  const pick = (
    test: (list: Feed[]) => boolean,
    why: (list: Feed[]) => string,
  ): PlannedChange | undefined => {
    for (const [name, list] of fed) {
      if (!test(list)) continue;
      const value = alternative(
        template.parameters[name] ?? {},
        parameters[name] ?? '',
        options.offline,
        options.standin,
      );
      if (value !== undefined) return { parameter: name, value, why: why(list) };
    }
    return undefined;
  };
  const describe = (list: Feed[]) =>
    [...new Set(list.map((feed) => `${feed.type}.${feed.property}`))].join(', ');
  return {
    inPlace: pick(
      (list) => list.every((feed) => known(feed) && !replaces(feed)),
      (list) => `feeds ${describe(list)}, none of which forces replacement`,
    ),
    replacing: pick(
      (list) => list.some(replaces),
      (list) => `feeds ${describe(list.filter(replaces))}, which forces replacement`,
    ),
  };
}

export { loadReplaceOn, planUpdates };
export type { PlannedChange, UpdatePlan };
