/**
 * The code matrix through the built test bundle: every way resource code goes wrong still gets
 * exactly one truthful, secret-free answer in time.
 */
import { codeScenarios } from './scenarios/code.js';
import { describeMatrix } from './support/matrix.js';

describeMatrix('code', (canaries) => codeScenarios(canaries), { bundle: 'fixture' });
