/**
 * `Custom::PlacementGroup`: an EC2 placement group whose name is deterministic (or the
 * author's GroupName), tagged with ownership, stack and author tags, adopted only when it is
 * this resource's own, and deleted only then. Physical id: the group name.
 */
import { defineResource } from '../../../framework/index.js';
import type { ResourceDefinition } from '../../../framework/index.js';
import { defaultPacing } from './pacing.js';
import type { Pacing } from './pacing.js';
import { createPlacementGroup } from './create.js';
import { deletePlacementGroup } from './delete.js';
import { placementGroupIamStatements } from './iam.js';
import { readPlacementGroup } from './read.js';
import { resumePlacementGroup } from './resume.js';
import { placementGroupProperties } from './schema.js';
import { updatePlacementGroup } from './update.js';

/**
 * The `Fn::GetAtt` attributes.
 * @example
 * !GetAtt Cluster.GroupId
 */
const PlacementGroupAttributes = ['GroupName', 'GroupId', 'GroupArn', 'Strategy'] as const;

/**
 * Builds the definition; `pacing` sets the waits between attempts (tests shorten them).
 * @example
 * const pacing = { firstDelayMs: 5, maxDelayMs: 20, reserveMs: 0 };
 * createHandler({ resources: [placementGroupDefinition(pacing)] });
 */
function placementGroupDefinition(
  pacing: Pacing = defaultPacing,
): ResourceDefinition<typeof placementGroupProperties> {
  return defineResource({
    type: 'Custom::PlacementGroup',
    properties: placementGroupProperties,
    replaceOn: ['Strategy', 'GroupName', 'PartitionCount', 'SpreadLevel'],
    attributes: PlacementGroupAttributes,
    iamStatements: placementGroupIamStatements,
    create: (input) => createPlacementGroup(input, pacing),
    update: (input) => updatePlacementGroup(input, pacing),
    delete: (input) => deletePlacementGroup(input, pacing),
    resume: (input) => resumePlacementGroup(input, pacing),
    read: readPlacementGroup,
  });
}

/**
 * The definition the registry loads.
 * @example
 * {
 *   type: 'Custom::PlacementGroup',
 *   load: () => import('./resources/placement-group/definition.js'),
 * }
 */
const definition = placementGroupDefinition();

export { PlacementGroupAttributes, definition, placementGroupDefinition };
