import type { FeatureId, FeatureValue } from '../../catalog/index.js';
import { CATALOG } from '../../catalog/index.js';
import type { XmlQuote } from './xml/index.js';
import { serializeElement } from './xml/index.js';
import { emptySet, setFeature } from '../../model/index.js';
import { featureSpec } from './specs.js';
import { elementOf, parentOf } from './spellings.js';

/** Where a feature's element goes, for fix words. */
function homeOf(id: FeatureId): string {
  const s = CATALOG[id].libvirt;
  switch (s?.kind) {
    case 'hyperv':
      return '<hyperv>';
    case 'hyperv-child': {
      const parent = parentOf(id);
      return `<${(parent && elementOf(parent)) ?? s.parentFeature}>`;
    }
    case 'timer':
      return '<clock>';
    case 'panic':
      return '<devices>';
    case 'kvm':
      return '<features><kvm>';
    default:
      return '<features>';
  }
}

/** Fix words in libvirt XML: `add <synic state='on'/> to <hyperv>`, `remove <evmcs> from <hyperv>`. */
export function spellLibvirtChange(id: FeatureId, value: FeatureValue | null, quote: XmlQuote = "'"): string {
  const def = CATALOG[id];
  const s = def.libvirt;
  if (!s) return `${value === null ? 'remove' : 'set'} ${def.qemu.name} (libvirt has no element for it; only a <qemu:commandline> override can)`;
  if (s.kind === 'mode') {
    const q = quote;
    return value === null || value === false ? `set <hyperv mode=${q}custom${q}>` : `set <hyperv mode=${q}${s.mode}${q}>`;
  }
  if (value === null) {
    const name = s.kind === 'timer' ? `<timer name=${quote}${s.name}${quote}>` : s.kind === 'panic' ? `<panic model=${quote}${s.model}${quote}>` : `<${s.element}>`;
    return `remove ${name} from ${homeOf(id)}`;
  }
  const parent = parentOf(id);
  let set = setFeature(emptySet(), id, value);
  if (parent) set = setFeature(set, parent, true);
  const spec = featureSpec(id, set);
  const markup = spec ? serializeElement(spec, { quote }) : def.qemu.name;
  return `add ${markup} to ${homeOf(id)}`;
}
