/**
 * The EC2 matrix through the production bundle (dist/handler.mjs as `npm run build` makes it)
 * and Custom::PlacementGroup, against the loopback AWS stand-in injecting faults.
 */
import { ec2Scenarios } from './scenarios/ec2.js';
import { describeMatrix } from './support/matrix.js';

describeMatrix('EC2', (_canaries, world) => ec2Scenarios(world), { bundle: 'production' });
