import type { FeatureId } from '../catalog/index.js';
import { CATALOG, PRINT_ORDER } from '../catalog/index.js';

/** The feature whose conditional bits show this one (x-hv-synic-kvm-only shows as synic without messages). */
export function shownThrough(id: FeatureId): FeatureId | null {
  for (const other of PRINT_ORDER) if (CATALOG[other].cpuid.some((b) => b.unlessFeature === id)) return other;
  return null;
}

/** True when the feature leaves a trace in CPUID of its own: bits, a value or whole leaves. */
export function hasCpuidTrace(id: FeatureId): boolean {
  const d = CATALOG[id];
  return d.cpuid.length > 0 || d.cpuidValue !== undefined || (d.cpuidLeaves?.length ?? 0) > 0;
}

/**
 * Why no guest can see this feature from inside, or null when it can. Driven by catalog properties:
 * a mode (passthrough) shows only through the features it picks; a property with no CPUID trace
 * (hv-enforce-cpuid) changes what KVM allows, not what the guest is told.
 */
export function invisibleReason(id: FeatureId): string | null {
  const d = CATALOG[id];
  if (d.setsMode)
    return `a mode, not a bit: the guest sees the features ${d.qemu.name} picked, not how they were picked`;
  if (d.hidesKvmSignature)
    return "no Hyper-V bit: it removes KVM's own signature leaves, which the summary's KVM part shows (no KVM signature)";
  if (hasCpuidTrace(id)) return null;
  const through = shownThrough(id);
  if (through)
    return `leaves no bit of its own: it shows only while ${CATALOG[through].qemu.name} is on, as that feature's missing bits`;
  return 'sets no CPUID bit or value: it changes what KVM or QEMU does, not what the guest is told';
}

/** Every feature no guest evidence can show, with the reason. */
export function invisibleFeatures(): { feature: FeatureId; reason: string }[] {
  return PRINT_ORDER.flatMap((feature) => {
    const reason = invisibleReason(feature);
    return reason && !shownThrough(feature) ? [{ feature, reason }] : [];
  });
}
