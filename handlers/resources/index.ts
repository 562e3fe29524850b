/**
 * `crkit/resources`: the built-in resource types, opt-in. Each is loaded on first use, so its
 * module (and its AWS client) stays off the cold path of other types, and a module that fails
 * to load fails only its own requests. Each module exports its definition as `definition`; the
 * definition declares the IAM statements it needs (`iamStatements`), which the deploy grants.
 */
import type { LazyResource } from '../../framework/index.js';

/** `Custom::PlacementGroup`: an EC2 placement group named from the stack, owned by tags. */
const placementGroup: LazyResource = {
  type: 'Custom::PlacementGroup',
  load: () => import('./placement-group/definition.js'),
};

/** `Custom::SriovAmiRegistration`: a re-registration of an AMI with SR-IOV and ENA support. */
const sriovAmiRegistration: LazyResource = {
  type: 'Custom::SriovAmiRegistration',
  load: () => import('./sriov-ami/definition.js'),
};

/** Every built-in resource type. */
const builtInResources: readonly LazyResource[] = [placementGroup, sriovAmiRegistration];

export { builtInResources, placementGroup, sriovAmiRegistration };
