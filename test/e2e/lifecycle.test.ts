/**
 * The lifecycle matrix: duplicate delivery, Delete before Create finished, the failed-Create
 * marker, rollback after replacement and a redelivered continuation, through the test bundle
 * and the production bundle (with the stand-in's SQS continuation queue).
 */
import { fixtureLifecycle, productionLifecycle } from './scenarios/lifecycle.js';
import { continuationQueueEnv, describeMatrix } from './support/matrix.js';

describeMatrix('lifecycle, test bundle', (_canaries, world) => fixtureLifecycle(world), {
  bundle: 'fixture',
});
describeMatrix('lifecycle, production bundle', (_canaries, world) => productionLifecycle(world), {
  bundle: 'production',
  env: (standin) => continuationQueueEnv(standin, 'crkit-e2e-continuations'),
});
