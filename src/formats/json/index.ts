export { parseJsonSet } from './parse.js';
export { printJsonSet } from './print.js';
