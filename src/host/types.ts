import type { FeatureId, FeatureValue, Register } from '../catalog/index.js';

/** One finding of a probe: the diagnostics code, its severity, and what it means here. */
export interface HostFinding {
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  notes?: string[];
}

export type LeavesJson = Record<string, Partial<Record<Register, string | null>>>;

/**
 * What `enlighten probe --json` writes and `recommend --host FILE` / `check --host-file FILE` read.
 * Every part says where it came from; null means "could not be read", never "no".
 */
export interface HostProbe {
  schema: 'enlighten-host-probe/1';
  kernel: { release: string | null; kvmHypervConfig: 'y' | 'm' | 'n' | null; configSource: string | null };
  kvm: { present: boolean; usable: boolean; apiVersion: number | null; module: string | null; error: string | null };
  hyperv: {
    /** KVM_CAP_HYPERV > 0; null when the ioctl could not be issued. */
    supported: boolean | null;
    reason: string;
    capabilities: Record<string, number>;
    cpuid: { available: boolean; via: string | null; error: string | null; leaves: LeavesJson | null };
    /** Enlightenments KVM_GET_SUPPORTED_HV_CPUID offers, decoded like guest leaves. */
    features: FeatureId[];
    /** The identification values and spinlock count KVM reports (what hv-passthrough copies). */
    values: Partial<Record<FeatureId, FeatureValue>>;
  };
  cpu: {
    vendor: 'intel' | 'amd' | 'other' | null;
    vendorId: string | null;
    model: string | null;
    /** The flags of /proc/cpuinfo (avx2, vmx, svm, constant_tsc, ...). */
    flags: string[];
    /** This host is itself a guest (CPUID.1:ECX bit 31), and the hypervisor it runs on. */
    hypervisor: { present: boolean; signature: string | null };
    nested: { module: string | null; enabled: boolean | null; source: string | null };
    apicv: { kind: 'apicv' | 'avic' | null; enabled: boolean | null; source: string | null };
    smt: { control: string | null; active: boolean | null };
    tsc: { constant: boolean; nonstop: boolean; knownFreq: boolean };
  };
  clocksource: { current: string | null; available: string[] };
  native: { available: boolean; path: string | null; error: string | null };
  libvirt: {
    available: boolean;
    version: string | null;
    hyperv: { supported: boolean; features: string[] } | null;
    error: string | null;
  };
  qemu: { available: boolean; binary: string | null; version: string | null; error: string | null };
  findings: HostFinding[];
}
