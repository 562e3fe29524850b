/**
 * The two measured pairs. (a) crkit's framework with a no-op resource type against the plain
 * floor; (b) the full Lambda bundle creating a placement group against the loopback EC2 and
 * CloudFormation, against a floor that imports the same SDK clients.
 */
import { builtInResources } from '../../handlers/resources/index.js';
import type { WireProperties } from './events.js';

type ScenarioId = 'a' | 'b';

/** One subject/floor pair and the requests they answer. */
type Scenario = {
  readonly id: ScenarioId;
  readonly title: string;
  /** Bundle names (see build.ts). */
  readonly subject: string;
  readonly floor: string;
  readonly resourceType: string;
  readonly properties: WireProperties;
  /** An in-place update: changes no replace-on property. */
  readonly updateProperties: WireProperties;
  /** Whether AWS calls go to the stand-in (else they are unexpected and fail the run). */
  readonly usesStandin: boolean;
};

const scenarios: Readonly<Record<ScenarioId, Scenario>> = {
  a: {
    id: 'a',
    title: '(a) framework: crkit no-op resource vs floor',
    subject: 'noop',
    floor: 'floor',
    resourceType: 'Custom::Noop',
    properties: { Name: 'bench', Size: '3' },
    updateProperties: { Name: 'bench', Size: '4' },
    usesStandin: false,
  },
  b: {
    id: 'b',
    title: '(b) full bundle: dist/handler.mjs Custom::PlacementGroup vs SDK floor',
    subject: 'handler',
    floor: 'floor-sdk',
    resourceType: 'Custom::PlacementGroup',
    properties: {
      Strategy: 'spread',
      SpreadLevel: 'rack',
      Tags: [{ Key: 'purpose', Value: 'bench' }],
    },
    updateProperties: {
      Strategy: 'spread',
      SpreadLevel: 'rack',
      Tags: [{ Key: 'purpose', Value: 'bench-updated' }],
    },
    usesStandin: true,
  },
};

/**
 * True once the Lambda bundle serves `Custom::PlacementGroup`; until then (b) cannot run.
 * @example
 * if (!placementGroupRegistered()) ids = ['a'];
 */
function placementGroupRegistered(): boolean {
  return builtInResources.some((entry) => entry.type === scenarios.b.resourceType);
}

export { placementGroupRegistered, scenarios };
export type { Scenario, ScenarioId };
