export * from './set.js';
export * from './deps.js';
export * from './diff.js';
export * from './show-value.js';
