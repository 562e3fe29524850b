/**
 * The ResponseURL matrix through the built test bundle: every request with a usable URL gets
 * one answer however the endpoint misbehaves, and a URL outside the allowed origins is never
 * contacted at all.
 */
import { responseUrlScenarios } from './scenarios/response-url.js';
import { describeMatrix } from './support/matrix.js';

describeMatrix('ResponseURL', (_canaries, world) => responseUrlScenarios(world), {
  bundle: 'fixture',
});
