/**
 * The resource types this handler serves. Each is loaded on first use, so its module (and
 * its AWS client) stays off the cold path of other types, and a module that fails to load
 * fails only its own requests. Each module exports its definition as `definition`; the
 * definition lists the IAM actions it needs (`iamActions`), which the handler stack grants.
 */
import type { LazyResource } from '../framework/index.js';

/** Every resource type in the Lambda bundle. */
const resourceCatalog: readonly LazyResource[] = [
  { type: 'Custom::PlacementGroup', load: () => import('./resources/placement-group/definition.js') },
  { type: 'Custom::SriovAmiRegistration', load: () => import('./resources/sriov-ami/definition.js') },
];

export { resourceCatalog };
