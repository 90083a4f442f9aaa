import { obstacleRule } from './obstacle-rule.js';

/** Settings the target syntax cannot express (QEMU-only properties in libvirt or virt-xml). */
export const expressibleRule = obstacleRule('expressible', 'syntax');
