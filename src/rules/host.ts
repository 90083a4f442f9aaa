import { obstacleRule } from './obstacle-rule.js';

/**
 * What the host cannot run: a CPU vendor the feature does not support (evmcs on AMD), a missing
 * capability (APICv/AVIC, nested virtualization, a stable TSC, a CPU with AVX2), or a feature the
 * host's KVM does not offer. Needs host facts: --cpu-vendor, --host FILE, --host auto or flags.
 */
export const hostRule = obstacleRule('host', 'host');
