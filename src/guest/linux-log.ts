/**
 * What a Linux guest prints at boot for these leaves, per kernel era (Linux arch/x86/kernel/cpu/mshyperv.c),
 * and which hypervisor its detection picks (arch/x86/kernel/cpu/hypervisor.c: every detector returns
 * the leaf it found its signature at, and the highest wins).
 */
import { HYPERV_IDENTITY, KVM_IDENTITY } from '../catalog/index.js';
import type { Leaves } from './leaves.js';
import { regsToString } from './leaves.js';
import type { Era } from './linux-formats.js';
import { FEATURE_LINES, printFeatureLine } from './linux-formats.js';

export interface EraLog {
  era: Era;
  label: string;
  lines: string[];
}

export interface LinuxLogView {
  /** The name Linux prints in "Hypervisor detected: ...", or null when it finds none. */
  detected: string | null;
  /** True when Linux runs its Hyper-V setup, and so prints the Hyper-V lines. */
  hyperv: boolean;
  why: string;
  /** The Hyper-V lines each era prints when Linux picks Hyper-V (when it does not: what it would print with KVM hidden). */
  eras: EraLog[];
  notes: string[];
}

const HYPERV_NAME = 'Microsoft Hyper-V';
const HYPERCALL = 1 << 5;
const VP_INDEX = 1 << 6;
const bit = (v: number | undefined, b: number) => v !== undefined && ((v >>> b) & 1) === 1;

/** Where the KVM signature is, scanning as Linux's hypervisor_cpuid_base() does (0x40000000 up, step 0x100). */
export function findKvmBase(leaves: Leaves): number | null {
  for (const [leaf, r] of [...leaves].sort((a, b) => a[0] - b[0])) {
    if ((leaf & 0xff) !== 0 || leaf < KVM_IDENTITY.base || leaf >= 0x40010000) continue;
    if (
      r.ebx !== undefined &&
      regsToString([r.ebx, r.ecx ?? 0, r.edx ?? 0]) === KVM_IDENTITY.signature.replace(/\0+$/, '')
    )
      return leaf;
  }
  return null;
}

/** True when 0x40000000 holds Hyper-V's signature as Linux checks it (vendor "Microsoft Hv", max leaf 0x40000005..0x4000ffff). */
export function looksLikeHyperv(leaves: Leaves): boolean {
  const r = leaves.get(0x40000000);
  if (r?.eax === undefined || r.ebx === undefined || r.ecx === undefined || r.edx === undefined) return false;
  return (
    r.eax >= HYPERV_IDENTITY.baseMaxLeaf &&
    r.eax <= 0x4000ffff &&
    regsToString([r.ebx, r.ecx, r.edx]) === HYPERV_IDENTITY.vendor
  );
}

export function linuxBootLog(leaves: Leaves): LinuxLogView {
  const l3 = leaves.get(0x40000003) ?? {};
  const l4 = leaves.get(0x40000004) ?? {};
  const l2 = leaves.get(0x40000002) ?? {};
  const max = leaves.get(0x40000000)?.eax ?? 0;
  const hv = looksLikeHyperv(leaves);
  const kvm = findKvmBase(leaves);
  const missing = [HYPERCALL, VP_INDEX].filter((m) => !((l3.eax ?? 0) & m));
  const notes: string[] = [];
  let detected: string | null = null;
  let why: string;
  if (kvm !== null && (!hv || kvm > 0x40000000)) {
    detected = 'KVM';
    why = hv
      ? `KVM's signature sits at ${hexLeaf(kvm)}, above Hyper-V's at 0x40000000, and Linux picks the highest: it runs as a KVM guest and prints no Hyper-V line (hide KVM's signature, kvm=off, to make Linux use Hyper-V)`
      : `${vendorProblem(leaves)}, so Linux sees only KVM`;
  } else if (hv) {
    detected = HYPERV_NAME;
    why = 'the vendor is "Microsoft Hv" and no other signature sits higher';
  } else {
    why = `${vendorProblem(leaves)} and no KVM signature: Linux finds no hypervisor it knows`;
  }
  const eras: EraLog[] = [];
  if (hv) {
    for (const f of FEATURE_LINES) {
      const modern = f.era === '2025' || f.era === '6.x';
      const lines = [`Hypervisor detected: ${HYPERV_NAME}`];
      if (modern && missing.length) {
        lines.splice(
          0,
          1,
          ...missing.map((m) => `x86/hyperv: ${m === HYPERCALL ? 'HYPERCALL' : 'VP_INDEX'} MSR not available.`),
        );
        eras.push({ era: f.era, label: f.label, lines });
        continue;
      }
      lines.push(printFeatureLine(f, (x) => leaves.get(x.leaf)?.[x.reg] ?? 0));
      if (modern && max >= HYPERV_IDENTITY.nestedMaxLeaf)
        lines.push(`Hyper-V: Nested features: 0x${((leaves.get(0x4000000a)?.eax ?? 0) >>> 0).toString(16)}`);
      if (modern && bit(l4.eax, 12)) lines.push('Hyper-V: running on a nested hypervisor');
      if (modern && bit(l3.ebx, 12) && !bit(l3.ebx, 22)) lines.push('Hyper-V: running as root partition');
      const [eax, ebx, ecx, edx] = [l2.eax ?? 0, l2.ebx ?? 0, l2.ecx ?? 0, l2.edx ?? 0];
      if (modern)
        lines.push(`Hyper-V: Host Build ${ebx >>> 16}.${ebx & 0xffff}.${eax}.${edx & 0xffffff}-${ecx}-${edx >>> 24}`);
      else if (f.era !== '4.x')
        lines.push(`Hyper-V Host Build:${eax}-${ebx >>> 16}.${ebx & 0xffff}-${ecx}-${edx >>> 24}.${edx & 0xffffff}`);
      eras.push({ era: f.era, label: f.label, lines });
    }
    if (bit(l3.eax, 11) && bit(l3.edx, 8))
      notes.push(
        'a "Hyper-V: LAPIC Timer Frequency: ..." line follows the feature line; its value comes from KVM\'s APIC frequency MSR, not from CPUID',
      );
    notes.push('the Host Build line of v4.x kernels was not checked, so none is shown for them');
  }
  return { detected, hyperv: detected === HYPERV_NAME, why, eras, notes };
}

/** Why Linux does not take 0x40000000 as Hyper-V. */
function vendorProblem(leaves: Leaves): string {
  const r = leaves.get(0x40000000);
  if (r?.ebx === undefined || r.eax === undefined || r.eax < HYPERV_IDENTITY.baseMaxLeaf || r.eax > 0x4000ffff)
    return 'no Hyper-V leaves at 0x40000000';
  return `the vendor at 0x40000000 is "${regsToString([r.ebx, r.ecx ?? 0, r.edx ?? 0])}", and Linux takes only "${HYPERV_IDENTITY.vendor}" as Hyper-V`;
}

const hexLeaf = (n: number) => `0x${n.toString(16).padStart(8, '0')}`;
