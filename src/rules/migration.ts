import { obstacleRule } from './obstacle-rule.js';

/**
 * For a migratable VM (--migratable, or a domain marked migratable): settings that block live
 * migration (passthrough, coresharing auto) or make it fail on the destination (reenlightenment
 * without a fixed tsc-frequency). Each says that the VM still starts.
 */
export const migrationRule = obstacleRule('migration', 'migration');
