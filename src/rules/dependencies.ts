import { CATALOG } from '../catalog/index.js';
import type { FeatureId } from '../catalog/index.js';
import { makeDiagnostic } from '../diagnostics/index.js';
import { findMissingDependencies } from '../model/index.js';
import type { Rule } from './types.js';

/** "Hyper-V synthetic timers (hv-stimer)": QEMU's wording for a feature in its messages. */
export function qemuDescription(id: FeatureId): string {
  const def = CATALOG[id];
  return `Hyper-V ${def.qemu.desc ?? def.qemu.name}`;
}

/**
 * QEMU's dependency table plus its separate synic -> vpindex check. Chains are followed, so
 * hv-stimer alone reports synic and time, and vpindex (which synic needs).
 */
export const dependencyRule: Rule = {
  id: 'dependencies',
  run({ config }) {
    return findMissingDependencies(config.set).map((m) => {
      const root = m.neededBy.at(-1) ?? m.feature;
      const span = config.origins[m.feature] ?? config.origins[root];
      const chain = m.neededBy.length
        ? [`${CATALOG[m.feature].qemu.name} is not on either: ${m.neededBy.map((f) => CATALOG[f].qemu.name).join(', needed by ')} needs it`]
        : [];
      return makeDiagnostic('MISSING_DEPENDENCY', `${qemuDescription(m.feature)} requires ${qemuDescription(m.requires)}`, {
        feature: m.feature,
        ...(span ? { span } : {}),
        fix: { description: `turn on ${m.requires}`, changes: [{ feature: m.requires, value: true }] },
        notes: [...chain, 'QEMU refuses to start the VM until every requirement is on'],
      });
    });
  },
};
