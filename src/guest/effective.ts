import type { CpuidBits, FeatureId, FeatureValue } from '../catalog/index.js';
import { CATALOG, PRINT_ORDER } from '../catalog/index.js';
import type { EnlightenmentSet } from '../model/index.js';
import { getValue, isOn } from '../model/index.js';

/**
 * True when the feature changes what QEMU does: a boolean that is on, an on-off-auto that is on or
 * auto, a value other than QEMU's default. hv-spinlocks=0xffffffff is the default and, as in QEMU's
 * hyperv_enabled(), does not count.
 */
export function isEffective(set: EnlightenmentSet, id: FeatureId): boolean {
  const v = getValue(set, id);
  if (v === undefined || v === false) return false;
  const def = CATALOG[id];
  if (def.kind === 'bool' || def.kind === 'on-off-auto') return true;
  return v !== def.default;
}

/**
 * True when the guest gets the Hyper-V leaves at all (QEMU's hyperv_enabled(), given a host with
 * KVM_CAP_HYPERV): passthrough mode, or any effective feature whose catalog entry has
 * `identification`. hv-vendor-id and hv-version-id-* alone do not count.
 */
export function hasHypervIdentification(set: EnlightenmentSet): boolean {
  if (set.mode === 'passthrough') return true;
  return PRINT_ORDER.some((id) => CATALOG[id].identification && isEffective(set, id));
}

/** Whether a feature's CPUID bits apply for this set: 'yes', 'no', or 'host' (an on-off-auto left to the host). */
export function bitsApply(set: EnlightenmentSet, id: FeatureId, bits: CpuidBits): 'yes' | 'no' | 'host' {
  if (!isEffective(set, id)) return 'no';
  if (bits.unlessFeature && isOn(set, bits.unlessFeature)) return 'no';
  if (bits.onlyForValue === undefined) return 'yes';
  const v: FeatureValue | undefined = getValue(set, id);
  if (v === bits.onlyForValue) return 'yes';
  return v === 'auto' ? 'host' : 'no';
}
