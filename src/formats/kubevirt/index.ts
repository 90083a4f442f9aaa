export { kubevirtFormat } from './format.js';
export type { KubevirtParsed } from './parse.js';
export { readKubevirt } from './parse.js';
