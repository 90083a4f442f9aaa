import type { FeatureId, FeatureValue } from '../../catalog/index.js';
import { CATALOG } from '../../catalog/index.js';
import type { XmlQuote } from '../../syntax/xml/index.js';
import { serializeElement } from '../../syntax/xml/index.js';
import { emptySet, setFeature } from '../../model/index.js';
import { featureSpec } from './specs.js';
import { parentOf } from './spellings.js';
import { placeOf } from './describe.js';

/** Fix words in libvirt XML: `add <synic state='on'/> to <hyperv>`, `remove <evmcs> from <hyperv>`. */
export function spellLibvirtChange(id: FeatureId, value: FeatureValue | null, quote: XmlQuote = "'"): string {
  const def = CATALOG[id];
  const s = def.libvirt;
  const place = placeOf(id);
  if (!s || !place)
    return `${value === null ? 'remove' : 'set'} ${def.qemu.name} (libvirt has no element for it; only a <qemu:commandline> override can)`;
  if (s.kind === 'mode') {
    const q = quote;
    return value === null || value === false
      ? `set <hyperv mode=${q}custom${q}>`
      : `set <hyperv mode=${q}${s.mode}${q}>`;
  }
  if (value === null) {
    return `remove ${place.tag(quote)} from ${place.home}`;
  }
  const parent = parentOf(id);
  let set = setFeature(emptySet(), id, value);
  if (parent) set = setFeature(set, parent, true);
  const spec = featureSpec(id, set);
  const markup = spec ? serializeElement(spec, { quote }) : def.qemu.name;
  return `add ${markup} to ${place.home}`;
}
