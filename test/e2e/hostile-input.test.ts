/**
 * The hostile-input matrix through both built bundles, with a 3 s Lambda budget: inputs that
 * once stalled the event loop on a backtracking pattern are answered (or rejected) in time, and
 * never cost another request of the same SNS event its answer.
 */
import { hostileFixtureScenarios, hostileProductionScenarios } from './scenarios/hostile-input.js';
import { describeMatrix } from './support/matrix.js';

describeMatrix('hostile input, production bundle', () => hostileProductionScenarios(), {
  bundle: 'production',
});
describeMatrix('hostile input, test bundle', () => hostileFixtureScenarios(), {
  bundle: 'fixture',
});
