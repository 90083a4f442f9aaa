/**
 * How a feature and a value are written in each syntax, for messages: QEMU's property name, the
 * libvirt element, enlighten's JSON key. Built from the catalog's stored spellings only.
 */
import type { FeatureId, FeatureValue } from '../catalog/index.js';
import { CATALOG } from '../catalog/index.js';
import type { FormatId } from '../formats/types.js';

/** True for the syntaxes that end up as libvirt domain XML. */
export function isLibvirtSyntax(format: FormatId | undefined): boolean {
  return format === 'libvirt' || format === 'virt-xml';
}

/** The feature as the syntax names it: QEMU's property, the libvirt element or timer, the JSON key. */
export function nameFeature(id: FeatureId, format: FormatId): string {
  const def = CATALOG[id];
  if (format === 'json') return `"${def.id}"`;
  if (!isLibvirtSyntax(format) || !def.libvirt) return def.qemu.name;
  const s = def.libvirt;
  switch (s.kind) {
    case 'hyperv':
      return `<${s.element}>`;
    case 'hyperv-child': {
      const parent = CATALOG[s.parentFeature].libvirt;
      return `<${parent?.kind === 'hyperv' ? parent.element : s.parentFeature}><${s.element}>`;
    }
    case 'timer':
      return `<timer name='${s.name}'>`;
    case 'panic':
      return `<panic model='${s.model}'>`;
    case 'mode':
      return `<hyperv mode='${s.mode}'>`;
    case 'kvm':
      return `<kvm><${s.element}>`;
  }
}

/** A value as people write it: on/off, hex for spinlock-like counts, quoted strings. */
export function showValue(id: FeatureId, value: FeatureValue): string {
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (typeof value === 'number') return CATALOG[id].printHex && value >= 0 ? `0x${value.toString(16)}` : String(value);
  return `'${value}'`;
}

/** A setting as each syntax writes it: the QEMU item, the libvirt element and value, the JSON pair. */
export function nameSetting(id: FeatureId, value: FeatureValue, format: FormatId): string {
  if (format === 'json') return `"${id}": ${JSON.stringify(value)}`;
  const name = nameFeature(id, format);
  if (isLibvirtSyntax(format)) return `${name} ${showValue(id, value)}`;
  // An inverted QEMU property says the opposite of the setting: kvm-hidden on is kvm=off.
  const qemuValue = CATALOG[id].qemu.inverted && typeof value === 'boolean' ? !value : value;
  return `${name}=${showValue(id, qemuValue).replace(/^'(.*)'$/, '$1')}`;
}
