import type { FeatureId, FeatureValue } from '../../catalog/index.js';
import { CATALOG, PRINT_ORDER } from '../../catalog/index.js';
import type { EnlightenmentSet } from '../../model/index.js';
import { getValue, setFeature } from '../../model/index.js';
import type { DomainCapabilities } from './domcaps.js';
import { readSwitch, readUnsigned } from './values.js';

type HypervCaps = NonNullable<DomainCapabilities['hyperv']>;

/**
 * libvirt's expansion of `<hyperv mode='host-model'>` at start-up (libvirt 11.9; explicit features
 * kept since 12.1): every enlightenment the domain capabilities list and the domain leaves unset
 * is turned on, spinlocks and vendor_id take the capabilities' defaults, the direct/extended
 * children follow `<defaults>` (`stimer_direct`, `tlbflush_direct`, `tlbflush_extended`), and the
 * hypervclock timer is added. Inferred from the hyperv-host-model oracle (libvirt's test QEMU caps):
 * hv-time comes first although the domain has no timer, the user's retries 8192 and xmm_input off
 * are kept, and evmcs (not in the caps) stays off.
 */
export function expandHostModel(
  set: EnlightenmentSet,
  caps: HypervCaps,
): { set: EnlightenmentSet; addedTimer: boolean } {
  const offered = new Set(caps.features);
  let out = set;
  for (const id of PRINT_ORDER) {
    if (getValue(out, id) !== undefined) continue;
    const value = expandedValue(id, out, offered, caps.defaults);
    if (value !== undefined) out = setFeature(out, id, value);
  }
  const timer = PRINT_ORDER.find((id) => CATALOG[id].libvirt?.kind === 'timer');
  const addedTimer = timer !== undefined && getValue(out, timer) === undefined;
  if (timer && addedTimer) out = setFeature(out, timer, true);
  return { set: out, addedTimer };
}

function expandedValue(
  id: FeatureId,
  set: EnlightenmentSet,
  offered: Set<string>,
  defaults: Record<string, string>,
): FeatureValue | undefined {
  const def = CATALOG[id];
  const s = def.libvirt;
  if (s?.kind === 'hyperv') {
    if (!offered.has(s.element)) return undefined;
    if (s.valueAttr === 'retries') return readUnsigned(defaults[s.element] ?? '') ?? undefined;
    if (s.valueAttr === 'value') return defaults[s.element];
    return true;
  }
  if (s?.kind === 'hyperv-child') {
    const parent = CATALOG[s.parentFeature].libvirt;
    if (parent?.kind !== 'hyperv' || getValue(set, s.parentFeature) !== true) return undefined;
    // domcapabilities names the child defaults PARENT_CHILD (<stimer_direct>on</stimer_direct>).
    const text = defaults[`${parent.element}_${s.element}`];
    return text === undefined ? undefined : readSwitch(text);
  }
  return undefined;
}
