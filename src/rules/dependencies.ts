import { CATALOG } from '../catalog/index.js';
import type { FeatureId } from '../catalog/index.js';
import { makeDiagnostic } from '../diagnostics/index.js';
import { findMissingDependencies, getValue } from '../model/index.js';
import { readByLibvirt, nameFeature } from './names.js';
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
        ? [
            `${CATALOG[m.feature].qemu.name} is not on either: ${m.neededBy.map((f) => CATALOG[f].qemu.name).join(', needed by ')} needs it`,
          ]
        : [];
      const libvirtWords = readByLibvirt(config.format)
        ? CATALOG[m.feature].requirementMessages?.libvirt?.[m.requires]
        : undefined;
      // A requirement the user turned off is a choice: the fix drops what needs it instead (KubeVirt: "which was disabled").
      const turnedOff = getValue(config.set, m.requires) === false;
      const fix = turnedOff
        ? {
            description: `remove ${nameFeature(root, config.format, config.context.spelling)}: it needs ${nameFeature(m.requires, config.format, config.context.spelling)}, which is turned off`,
            changes: [{ feature: root, value: null }],
          }
        : { description: `turn on ${m.requires}`, changes: [{ feature: m.requires, value: true }] };
      return makeDiagnostic(
        'MISSING_DEPENDENCY',
        `${qemuDescription(m.feature)} requires ${qemuDescription(m.requires)}`,
        {
          feature: m.feature,
          ...(span ? { span } : {}),
          fix,
          notes: [
            ...(turnedOff
              ? [`${nameFeature(m.requires, config.format, config.context.spelling)} is turned off here`]
              : []),
            ...chain,
            'QEMU refuses to start the VM until every requirement is on',
            ...(libvirtWords ? [`libvirt refuses it too: "${libvirtWords}"`] : []),
          ],
        },
      );
    });
  },
};
