/**
 * What enlighten knows about the host a VM runs on. Every field is optional: unknown means "do not
 * judge", never "no". Filled from --cpu-vendor and friends, a probe file (--host FILE) or the
 * running host (--host auto); see src/host/host-facts-*.ts and src/cli/host-options.ts.
 */
import type { FeatureId, HostCapability } from '../catalog/index.js';

export interface HostFacts {
  vendor?: 'intel' | 'amd';
  /** APICv (Intel) or AVIC (AMD) is on in KVM. */
  apicv?: boolean;
  /** Nested virtualization is on in KVM (kvm_intel/kvm_amd nested=1). */
  nested?: boolean;
  /** The host's current clocksource (tsc, hpet, kvm-clock...). */
  clocksource?: string;
  /** The host CPU has AVX2 (Intel Haswell, AMD Excavator or newer). */
  modernCpu?: boolean;
  /** KVM's Hyper-V emulation: supported at all, and the features it offers (null: not listed). */
  kvmHyperv?: { supported?: boolean; features?: FeatureId[] };
  /** Where the facts came from, for messages ("--cpu-vendor", "host.json", "this host"). */
  source?: string;
}

/** True/false when the facts answer whether the host has the capability; undefined when unknown. */
export function hostHas(facts: HostFacts | undefined, cap: HostCapability): boolean | undefined {
  if (!facts) return undefined;
  switch (cap) {
    case 'apicv':
      return facts.apicv;
    case 'nested':
      return facts.nested;
    case 'stable-tsc':
      return facts.clocksource === undefined ? undefined : facts.clocksource === 'tsc';
    case 'modern-cpu':
      return facts.modernCpu;
  }
}

/** What a capability is called in messages. */
export function describeCapability(cap: HostCapability, facts: HostFacts | undefined): string {
  switch (cap) {
    case 'apicv':
      return facts?.vendor === 'amd' ? 'AVIC' : facts?.vendor === 'intel' ? 'APICv' : 'APICv/AVIC';
    case 'nested':
      return 'nested virtualization';
    case 'stable-tsc':
      return `a stable TSC clocksource${facts?.clocksource ? ` (the host uses ${facts.clocksource})` : ''}`;
    case 'modern-cpu':
      return 'a CPU with AVX2';
  }
}

/**
 * Whether KVM on the host offers the feature: false when the facts say KVM has no Hyper-V at all,
 * or list the features and this one is not among them; undefined when unknown. Only features that
 * are CPUID bits can be listed, so value features (spinlocks, vendor-id) are never judged.
 */
export function kvmOffers(facts: HostFacts | undefined, id: FeatureId, listable: boolean): boolean | undefined {
  const hv = facts?.kvmHyperv;
  if (!hv) return undefined;
  if (hv.supported === false) return false;
  if (!listable || !hv.features || hv.features.length === 0) return undefined;
  return hv.features.includes(id);
}
