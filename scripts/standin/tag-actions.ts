/**
 * CreateTags and DeleteTags on any resource the stand-in knows (`pg-`, `ami-`, `snap-`).
 */
import { ApiError, missingParameter } from './errors.js';
import { listParam, structList } from './query.js';
import type { Params } from './query.js';
import { checkKey, checkTags, parseTags } from './tags.js';
import { resourceExists } from './world.js';
import type { World } from './world.js';
import { el } from './xml.js';
import type { Xml } from './xml.js';

/** The not-found code EC2 uses for each id prefix. */
const NOT_FOUND: Record<string, [code: string, noun: string]> = {
  ami: ['InvalidAMIID.NotFound', 'image id'],
  snap: ['InvalidSnapshot.NotFound', 'snapshot'],
  pg: ['InvalidPlacementGroupId.NotFound', 'placement group id'],
};

const checkResources = (world: World, ids: readonly string[]): void => {
  if (ids.length === 0) throw missingParameter('resourceIdSet');
  for (const id of ids) {
    const prefix = /^([a-z]+)-[0-9a-f]+$/.exec(id)?.[1];
    if (prefix === undefined) throw new ApiError('InvalidID', `The ID '${id}' is not valid`);
    if (resourceExists(world, id)) continue;
    const [code, noun] = NOT_FOUND[prefix] ?? ['InvalidID', 'ID'];
    throw new ApiError(code, `The ${noun} '${id}' does not exist`);
  }
};

const createTags = (world: World, params: Params): Xml => {
  const ids = listParam(params, 'ResourceId');
  const tags = parseTags(params);
  if (tags.length === 0) throw missingParameter('tagSet');
  checkResources(world, ids);
  checkTags(tags);
  for (const id of ids) world.tags.put(id, tags);
  return el('return', true);
};

const deleteTags = (world: World, params: Params): Xml => {
  const ids = listParam(params, 'ResourceId');
  checkResources(world, ids);
  const tags = structList(params, 'Tag').map((entry) => ({
    Key: entry.Key ?? '',
    Value: entry.Value,
  }));
  for (const tag of tags) checkKey(tag.Key);
  for (const id of ids) world.tags.remove(id, tags);
  return el('return', true);
};

export { createTags, deleteTags };
