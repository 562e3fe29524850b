/**
 * The input matrix through the built test bundle: malformed events and requests never crash
 * the handler, are answered FAILED with a specific reason when they can be, and are rejected
 * without any PUT when they cannot.
 */
import { inputScenarios } from './scenarios/input.js';
import { describeMatrix } from './support/matrix.js';

describeMatrix('input', () => inputScenarios(), { bundle: 'fixture' });
