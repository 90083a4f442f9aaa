/** The host side that runs anywhere: the probe file's shape, reading it back, and what it means. */
export type { HostProbe, HostFinding } from './types.js';
export { parseHostProbe, hostLeavesOf } from './read-probe.js';
export { interpretProbe } from './findings.js';
