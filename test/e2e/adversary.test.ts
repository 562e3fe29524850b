/**
 * The adversary matrix: forged, altered and misdirected continuations, a request CloudFormation
 * never sent and a replay to another ResponseURL, through the built bundles; and the source
 * image's snapshots, which crkit must never touch.
 */
import { continuationScenarios, replayScenarios, requestScenarios } from './scenarios/adversary.js';
import { continuationQueueEnv, describeMatrix } from './support/matrix.js';

describeMatrix(
  'adversary, production bundle',
  (_canaries, world) => [...continuationScenarios(world), ...requestScenarios(world)],
  {
    bundle: 'production',
    env: (standin) => continuationQueueEnv(standin, 'crkit-e2e-continuations'),
  },
);
describeMatrix('adversary, test bundle', () => replayScenarios(), { bundle: 'fixture' });
