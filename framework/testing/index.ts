/**
 * crkit's testing kit: pieces for testing resource types and handlers.
 */
export * from './answer-check.js';
