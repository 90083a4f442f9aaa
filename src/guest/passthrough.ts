import type { FeatureId } from '../catalog/index.js';
import { CATALOG, PRINT_ORDER } from '../catalog/index.js';
import type { EnlightenmentSet } from '../model/index.js';
import { getValue, setFeature } from '../model/index.js';
import { decodeLeaves } from './decode-leaves.js';
import type { Leaves } from './leaves.js';

/** Filled in by hv-passthrough from the host: QEMU's table features (on/off with CPUID bits) and the identification values. */
function fromHost(id: FeatureId): boolean {
  const def = CATALOG[id];
  return (def.kind === 'bool' && def.cpuid.length > 0) || def.cpuidValue !== undefined;
}

/**
 * What hv-passthrough gives the guest on a host with these KVM_GET_SUPPORTED_HV_CPUID leaves:
 * every table feature the host fully supports, except those with `skipPassthrough` (hv-syndbg),
 * and the host's vendor, version, limits and spinlock count (QEMU kvm.c kvm_hyperv_expand_features, hv-passthrough).
 * Properties outside QEMU's table (hv-no-nonarch-coresharing, hv-enforce-cpuid) keep the set's value.
 */
export function passthroughSet(set: EnlightenmentSet, hostLeaves: Leaves): EnlightenmentSet {
  const host = decodeLeaves(hostLeaves);
  let out: EnlightenmentSet = { mode: 'custom', features: {} };
  for (const id of PRINT_ORDER) {
    const def = CATALOG[id];
    if (def.setsMode) continue;
    const value = fromHost(id)
      ? def.skipPassthrough
        ? undefined
        : (host.set.features[id] ?? host.values[id])
      : getValue(set, id);
    if (value !== undefined) out = setFeature(out, id, value);
  }
  return out;
}
