/**
 * The conformance kit for template authors' own resource types: in vitest
 * (`runConformance`) or on the command line (`crkit conform`). This file is the only door.
 */
export { formatReport, runConformance } from './conform.js';
export type { ConformanceOptions, ConformanceReport } from './conform.js';
export type { InvariantResult } from './invariants.js';
export { runConform } from './main.js';
export { standinFaults } from './aws-faults.js';
export type { AwsFaults } from './aws-faults.js';
