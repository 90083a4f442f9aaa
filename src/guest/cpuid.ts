/**
 * The CPUID leaves a guest sees for an enlightenment set, built as QEMU's hyperv_fill_cpuids() and
 * kvm_arch_init_vcpu() build them (QEMU target/i386/kvm/kvm.c @ 00001a22). Driven only by catalog properties:
 * `cpuid` bits (with `unlessFeature` / `onlyForValue`), `cpuidValue` fields, `cpuidLeaves`,
 * `identification`, and the fixed values in HYPERV_IDENTITY / KVM_IDENTITY.
 */
import type { FeatureId, Register } from '../catalog/index.js';
import { CATALOG, HYPERV_IDENTITY, KVM_IDENTITY, PRINT_ORDER } from '../catalog/index.js';
import type { EnlightenmentSet } from '../model/index.js';
import { getValue, hidesKvmSignature } from '../model/index.js';
import { defaultCpuidValue, fieldMask, fieldNumber } from './defaults.js';
import { bitsApply, hasHypervIdentification, isEffective } from './effective.js';
import { usesCompat61Version } from './machine.js';
import type { Leaves, Regs } from './leaves.js';
import { REGISTERS, stringToRegs, zeroRegs } from './leaves.js';
import { passthroughSet } from './passthrough.js';

export interface CpuidOptions {
  /** The machine type (`pc-q35-6.1`): types up to 6.1 report version 6.1.7100. */
  machine?: string;
  /** The host's KVM_GET_SUPPORTED_HV_CPUID leaves (from `enlighten probe --json`), for passthrough and auto. */
  hostLeaves?: Leaves;
}

/** Registers whose value this model cannot know. */
export interface HostDependent {
  leaf: number;
  regs: Register[];
  reason: string;
}

export interface CpuidResult {
  /** The hypervisor leaves; a register left out is one of `hostDependent`. */
  leaves: Leaves;
  hostDependent: HostDependent[];
  /** Whether the Hyper-V leaves are there (QEMU's hyperv_enabled()). */
  identification: boolean;
  /** Where KVM's signature leaf is, or null when it is hidden. */
  kvmBase: number | null;
  /** The set the leaves were built from: the input, or in passthrough mode the host's set. */
  effective: EnlightenmentSet;
  /** Non-null when the Hyper-V leaves cannot be computed without the host: why. */
  needsHost: string | null;
}

const KVM_FEATURES_REASON =
  "KVM's feature and hint bits (kvmclock, async PF, PV EOI, ...) depend on the CPU model and on what this host's KVM offers";

/** Computes the hypervisor CPUID leaves the guest will see. */
export function computeCpuid(set: EnlightenmentSet, options: CpuidOptions = {}): CpuidResult {
  const leaves: Leaves = new Map();
  const hostDependent: HostDependent[] = [];
  let needsHost: string | null = null;
  let effective = set;
  if (set.mode !== 'custom') {
    if (options.hostLeaves) effective = passthroughSet(set, options.hostLeaves);
    else
      needsHost = `in ${set.mode} mode the enlightenments and identification values come from the host's KVM (KVM_GET_SUPPORTED_HV_CPUID); give a probe file (enlighten probe --json) to compute them`;
  }
  const identification = hasHypervIdentification(set);
  if (identification && !needsHost) fillHyperv(leaves, effective, options, hostDependent);
  const kvmBase = hidesKvmSignature(set) ? null : identification ? KVM_IDENTITY.baseWithHyperv : KVM_IDENTITY.base;
  if (kvmBase !== null) {
    const [ebx, ecx, edx] = stringToRegs(KVM_IDENTITY.signature);
    leaves.set(kvmBase, { eax: kvmBase + 1, ebx, ecx, edx });
    leaves.set(kvmBase + 1, { ebx: 0, ecx: 0 });
    hostDependent.push({ leaf: kvmBase + 1, regs: ['eax', 'edx'], reason: KVM_FEATURES_REASON });
  }
  return { leaves, hostDependent, identification, kvmBase, effective, needsHost };
}

function fillHyperv(
  leaves: Leaves,
  set: EnlightenmentSet,
  options: CpuidOptions,
  hostDependent: HostDependent[],
): void {
  const regs = (leaf: number): Regs => {
    let r = leaves.get(leaf) as Regs | undefined;
    if (!r) leaves.set(leaf, (r = zeroRegs()));
    return r;
  };
  for (let leaf = 0x40000000; leaf <= HYPERV_IDENTITY.baseMaxLeaf; leaf++) regs(leaf);
  regs(0x40000001).eax = HYPERV_IDENTITY.interfaceId;
  regs(0x40000003).eax |= HYPERV_IDENTITY.alwaysEax3.mask;
  regs(0x40000003).edx |= HYPERV_IDENTITY.alwaysEdx3.mask;
  [regs(0x40000005).ebx, regs(0x40000005).ecx, regs(0x40000005).edx] = HYPERV_IDENTITY.limits;
  let maxLeaf: number = HYPERV_IDENTITY.baseMaxLeaf;
  for (const id of PRINT_ORDER) {
    const def = CATALOG[id];
    for (const bits of def.cpuid) {
      const applies = bitsApply(set, id, bits);
      const host = applies === 'host' ? options.hostLeaves?.get(bits.leaf)?.[bits.reg] : undefined;
      const mask = applies === 'yes' ? bits.mask : applies === 'host' && host !== undefined ? host & bits.mask : 0;
      if (applies === 'host' && host === undefined) {
        hostDependent.push({
          leaf: bits.leaf,
          regs: [bits.reg],
          reason: `${def.qemu.name}=auto copies ${bits.names.join(', ')} from the host`,
        });
      }
      if (mask) regs(bits.leaf)[bits.reg] = (regs(bits.leaf)[bits.reg] | mask) >>> 0;
    }
    if (def.cpuidValue) writeValue(regs, id, set, usesCompat61Version(options.machine));
    if (isEffective(set, id)) {
      for (const fixed of def.cpuidLeaves ?? []) {
        leaves.set(fixed.leaf, { eax: fixed.eax, ebx: fixed.ebx, ecx: fixed.ecx, edx: fixed.edx });
        maxLeaf = Math.max(maxLeaf, fixed.leaf);
      }
    }
  }
  // Bits beyond the base leaves (0x4000000A, the nested features) raise the maximum leaf and
  // bring in the zero leaves below them (hyperv_fill_cpuids: only when nested_eax != 0).
  const nested = [...leaves.keys()].some((l) => l > HYPERV_IDENTITY.baseMaxLeaf && l <= HYPERV_IDENTITY.nestedMaxLeaf);
  if (nested) {
    for (let leaf = HYPERV_IDENTITY.baseMaxLeaf + 1; leaf <= HYPERV_IDENTITY.nestedMaxLeaf; leaf++) regs(leaf);
    maxLeaf = Math.max(maxLeaf, HYPERV_IDENTITY.nestedMaxLeaf);
  }
  regs(0x40000000).eax = maxLeaf;
}

function writeValue(regs: (leaf: number) => Regs, id: FeatureId, set: EnlightenmentSet, compat61: boolean): void {
  const field = CATALOG[id].cpuidValue!;
  const value = getValue(set, id) ?? defaultCpuidValue(id, compat61);
  if (value === null) return;
  const r = regs(field.leaf);
  if (field.encoding === 'string12') {
    const words = stringToRegs(String(value));
    const start = REGISTERS.indexOf(field.reg);
    words.forEach((w, i) => {
      r[REGISTERS[start + i]!] = w;
    });
    return;
  }
  const mask = fieldMask(field);
  const cleared = r[field.reg] & ~((mask << field.shift) >>> 0);
  r[field.reg] = (cleared | (fieldNumber(field, value) << field.shift)) >>> 0;
}
