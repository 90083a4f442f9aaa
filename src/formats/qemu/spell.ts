import type { FeatureId, FeatureValue } from '../../catalog/index.js';
import { CATALOG } from '../../catalog/index.js';
import { showValue } from '../../model/index.js';
import { printQemuItem } from '../../syntax/qemu-cpu/print.js';

/** A feature as messages name it in QEMU (the catalog's property name), or the setting given a value (`NAME=VALUE`, `kvm=off`). */
export function spellQemu(id: FeatureId, value?: FeatureValue): string {
  const def = CATALOG[id];
  if (value === undefined) return def.qemu.name;
  // An inverted QEMU property says the opposite of the setting: kvm-hidden on is kvm=off.
  const qemuValue = def.qemu.inverted && typeof value === 'boolean' ? !value : value;
  return `${def.qemu.name}=${showValue(id, qemuValue).replace(/^'(.*)'$/, '$1')}`;
}

/** The feature with a value as `explain` shows it: the modern item, the legacy one and the aliases. */
export function qemuExample(id: FeatureId, value: FeatureValue): string {
  const aliases = CATALOG[id].qemu.aliases;
  return `${printQemuItem(id, value, 'modern')}   (legacy: ${printQemuItem(id, value, 'legacy')}${aliases.length ? `; alias ${aliases.join(', ')}` : ''})`;
}
