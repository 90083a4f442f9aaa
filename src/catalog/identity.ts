/**
 * Fixed identification values QEMU puts in the Hyper-V leaves (x86_cpu_hyperv_realize,
 * hyperv_fill_cpuids) and KVM's own signature leaves. Source: QEMU target/i386/cpu.c and target/i386/kvm/kvm.c (docs/sources.md).
 */
import { SRC, cite } from './sources.js';
export const HYPERV_IDENTITY = {
  /** hv-vendor-id default. */
  vendor: 'Microsoft Hv',
  /** 0x40000001.EAX "Hv#1". */
  interfaceId: 0x31237648,
  /** 0x40000005.EBX..EDX (hyperv_limits). */
  limits: [64, 0, 0] as const,
  /** Lowest max leaf (0x40000000.EAX). */
  baseMaxLeaf: 0x40000005,
  /** Max leaf when any 0x4000000A bit is set; 0x40000006..9 are then zero leaves. */
  nestedMaxLeaf: 0x4000000a,
  /** Always set in any Hyper-V mode: 0x40000003.EAX HV_MSR_HYPERCALL_AVAILABLE. */
  alwaysEax3: { mask: 1 << 5, names: ['HV_MSR_HYPERCALL_AVAILABLE'] },
  /** Always set: 0x40000003.EDX HV_X64_CPU_DYNAMIC_PARTITIONING_AVAILABLE. */
  alwaysEdx3: { mask: 1 << 3, names: ['HV_X64_CPU_DYNAMIC_PARTITIONING_AVAILABLE'] },
  /** Version defaults for machine types up to pc-*-6.1 (pc_compat_6_1): 6.1.7100. */
  compat61Version: { build: 0x1bbc, major: 0x0006, minor: 0x0001 },
  source: cite('qemuRealize', 'qemuFill', 'qemuPcCompat'),
} as const;

export const KVM_IDENTITY = {
  signature: 'KVMKVMKVM\0\0\0',
  /** KVM's leaves when Hyper-V identification is off. */
  base: 0x40000000,
  /** KVM_CPUID_SIGNATURE_NEXT: where KVM's leaves move when Hyper-V identification is on. */
  baseWithHyperv: 0x40000100,
  source: SRC.qemuArchInit,
} as const;
