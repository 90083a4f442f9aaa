import { obstacleRule } from './obstacle-rule.js';

/** Features newer than the target QEMU or libvirt, or than the QEMU version a machine type is pinned to. */
export const versionRule = obstacleRule('versions', 'versions');
