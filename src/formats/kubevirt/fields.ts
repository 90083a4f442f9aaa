import type { FeatureId } from '../../catalog/index.js';

/**
 * Where KubeVirt's API keeps each feature, and the commit every fact of this folder was read at.
 *
 * Field names: kubevirt/kubevirt staging/src/kubevirt.io/api/core/v1/schema.go (FeatureHyperv,
 * FeatureSpinlocks, FeatureVendorID, SyNICTimer, TLBFlush, FeatureKVM, HyperVPassthrough, Timer,
 * PanicDevice, CPU, CPUFeature) and staging/src/kubevirt.io/api/instancetype/v1beta1/types.go
 * (FeaturePreferences.preferredHyperv/preferredKvm, ClockPreferences.preferredTimer,
 * CPUPreferences.preferredCPUFeatures, DevicePreferences.preferredPanicDeviceModel), @d923fdb8.
 * Cross-checked against the generated types of @kubevirt-ui-ext/kubevirt-api 1.7.0
 * (V1FeatureHyperv), which this project does not depend on (docs/ARCHITECTURE.md, dependencies).
 */
export const KV_COMMIT = 'd923fdb815cd2016ddaebdaaa51db04133576d72';
export const KV = 'kubevirt/kubevirt@d923fdb8';

/** The API groups whose objects this folder reads. */
export const KV_GROUPS = ['kubevirt.io', 'instancetype.kubevirt.io'] as const;

/** Where a feature lives below the domain (a VM's spec.template.spec.domain, a VMI's spec.domain). */
export interface FieldPlace {
  /** The block it belongs to: features.hyperv, features.kvm, clock.timer, devices.panicDevices. */
  block: 'hyperv' | 'kvm' | 'timer' | 'panic';
  /** The keys below the block, down to the FeatureState (`synictimer`, `direct`). */
  keys: string[];
  /** The key of the value beside `enabled` (`spinlocks.spinlocks`, `vendorid.vendorid`), for value features. */
  valueKey?: string;
  /** A plain boolean (features.kvm.hidden) rather than a FeatureState with `enabled`. */
  plainBool?: boolean;
}

/**
 * Every feature KubeVirt's API can state, by enlighten id, in the order of schema.go's
 * FeatureHyperv. What is missing here (avic, emsr_bitmap, xmm_input, syndbg, the version ids,
 * ...) has no field in KubeVirt's API, so KubeVirt cannot write it (NOT_EXPRESSIBLE).
 */
export const PLACES: Partial<Record<FeatureId, FieldPlace>> = {
  relaxed: { block: 'hyperv', keys: ['relaxed'] },
  vapic: { block: 'hyperv', keys: ['vapic'] },
  spinlocks: { block: 'hyperv', keys: ['spinlocks'], valueKey: 'spinlocks' },
  vpindex: { block: 'hyperv', keys: ['vpindex'] },
  runtime: { block: 'hyperv', keys: ['runtime'] },
  synic: { block: 'hyperv', keys: ['synic'] },
  stimer: { block: 'hyperv', keys: ['synictimer'] },
  'stimer-direct': { block: 'hyperv', keys: ['synictimer', 'direct'] },
  reset: { block: 'hyperv', keys: ['reset'] },
  'vendor-id': { block: 'hyperv', keys: ['vendorid'], valueKey: 'vendorid' },
  frequencies: { block: 'hyperv', keys: ['frequencies'] },
  reenlightenment: { block: 'hyperv', keys: ['reenlightenment'] },
  tlbflush: { block: 'hyperv', keys: ['tlbflush'] },
  'tlbflush-direct': { block: 'hyperv', keys: ['tlbflush', 'direct'] },
  'tlbflush-ext': { block: 'hyperv', keys: ['tlbflush', 'extended'] },
  ipi: { block: 'hyperv', keys: ['ipi'] },
  evmcs: { block: 'hyperv', keys: ['evmcs'] },
  time: { block: 'timer', keys: ['hyperv'] },
  crash: { block: 'panic', keys: [] },
  'kvm-hidden': { block: 'kvm', keys: ['hidden'], plainBool: true },
};

export const PLACED_FEATURES = Object.keys(PLACES) as FeatureId[];

/** The kinds this folder reads, and where each keeps the blocks. */
export interface KindLayout {
  /** The path from the object to the domain-like map the blocks hang off. */
  base: string[];
  /** Paths below `base` for each block (a preference spells them `preferred...`). */
  hyperv: string[];
  passthrough?: string[];
  kvm: string[];
  timer: string[];
  cpuFeatures: string[];
  cpuModel?: string[];
  /** A VM or VMI lists panic devices; a preference names one model. */
  panicList?: string[];
  panicModel?: string[];
  /** KubeVirt's mutating and validating webhooks run on it (a VMI, or a VM's template when it starts). */
  admitted: boolean;
}

const DOMAIN: Omit<KindLayout, 'base'> = {
  hyperv: ['features', 'hyperv'],
  passthrough: ['features', 'hypervPassthrough'],
  kvm: ['features', 'kvm'],
  timer: ['clock', 'timer'],
  cpuFeatures: ['cpu', 'features'],
  cpuModel: ['cpu', 'model'],
  panicList: ['devices', 'panicDevices'],
  admitted: true,
};

/** instancetype/v1beta1 VirtualMachinePreferenceSpec: features, clock, cpu, devices preferences. */
const PREFERENCE: KindLayout = {
  base: ['spec'],
  hyperv: ['features', 'preferredHyperv'],
  kvm: ['features', 'preferredKvm'],
  timer: ['clock', 'preferredTimer'],
  cpuFeatures: ['cpu', 'preferredCPUFeatures'],
  panicModel: ['devices', 'preferredPanicDeviceModel'],
  admitted: false,
};

export const LAYOUTS: Record<string, KindLayout> = {
  VirtualMachine: { base: ['spec', 'template', 'spec', 'domain'], ...DOMAIN },
  VirtualMachineInstance: { base: ['spec', 'domain'], ...DOMAIN },
  VirtualMachinePreference: PREFERENCE,
  VirtualMachineClusterPreference: PREFERENCE,
};

/** Kinds of KubeVirt that hold no Hyper-V field (an instancetype sizes CPU and memory only). */
export const OTHER_KINDS = ['VirtualMachineInstancetype', 'VirtualMachineClusterInstancetype'];
