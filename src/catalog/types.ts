/**
 * The shape of one catalog entry. Every fact about an enlightenment lives in its entry
 * (DESIGN.md convention 1); shared code reads these properties instead of branching on ids.
 */
import type { FeatureId } from './ids.js';
import type { Citation } from './sources.js';

export type ValueKind = 'bool' | 'uint32' | 'uint16' | 'uint8' | 'uint24' | 'int32' | 'string' | 'on-off-auto';

/** A feature's value in a set: booleans for on/off, numbers, strings, or 'auto' (on-off-auto only). */
export type FeatureValue = boolean | number | string;

export type Register = 'eax' | 'ebx' | 'ecx' | 'edx';

/** Bits a feature sets in a guest CPUID leaf when it is on. */
export interface CpuidBits {
  leaf: number;
  reg: Register;
  /** The bits this feature sets (OR-ed into the register). */
  mask: number;
  /** Linux / QEMU names of the bits, for annotated output. */
  names: string[];
  /** The bits are set only while this other feature is off (vapic's APIC_ACCESS_RECOMMENDED vs avic). */
  unlessFeature?: FeatureId;
  /** For on-off-auto values: set only for this value. */
  onlyForValue?: FeatureValue;
}

/** Where a value-carrying feature's value lands in CPUID. */
export interface CpuidValueField {
  leaf: number;
  reg: Register;
  shift: number;
  width: number;
  /** 'string12': the value is a string spread little-endian over ebx, ecx, edx of the leaf. */
  encoding?: 'number' | 'string12';
}

/** A whole leaf a feature adds (hv-syndbg's 0x40000080..0x40000082). */
export interface CpuidFixedLeaf {
  leaf: number;
  eax: number;
  ebx: number;
  ecx: number;
  edx: number;
  note: string;
}

export interface Msr {
  number: number;
  name: string;
}

export interface QemuSpelling {
  /** The modern property name, e.g. `hv-relaxed`. */
  name: string;
  /** The legacy underscore spelling QEMU still accepts (`feat2prop` turns `_` into `-`). */
  legacy: string;
  /** Other names QEMU accepts for the same property (object_property_add_alias). */
  aliases: string[];
  /** QEMU's own description string, used in its "Hyper-V %s requires Hyper-V %s" message; null if it has none. */
  desc: string | null;
  /** The property says the opposite of the setting: `kvm=off` means KVM is hidden (kvm-hidden on). */
  inverted?: boolean;
}

/** How libvirt domain XML spells the feature. */
export type LibvirtSpelling =
  /** `<features><hyperv><element state='on' [attr='value']/>` */
  | { kind: 'hyperv'; element: string; valueAttr?: 'retries' | 'value' }
  /** A child of another hyperv element: `<stimer><direct state='on'/></stimer>` */
  | { kind: 'hyperv-child'; parentFeature: FeatureId; element: string }
  /** `<clock><timer name='hypervclock' present='yes'/>` */
  | { kind: 'timer'; name: string }
  /** `<devices><panic model='hyperv'/>` */
  | { kind: 'panic'; model: string }
  /** `<hyperv mode='passthrough'>` */
  | { kind: 'mode'; mode: string }
  /** `<features><kvm><element state='on'/>` */
  | { kind: 'kvm'; element: string };

/** How virt-xml (virtinst) spells the feature; null fields mean it has no named option. */
export interface VirtXmlSpelling {
  /** The change option the spelling belongs to. */
  option: '--features' | '--clock';
  /** Legacy sub-option (`hyperv_relaxed=on`), null where virt-xml has none. */
  legacy: string | null;
  /** Legacy sub-option for the value (`hyperv_spinlocks_retries=8191`). */
  legacyValue?: string;
  /** Newer dotted sub-option (`hyperv.relaxed.state=on`), null where virt-xml has none. */
  modern: string | null;
  modernValue?: string;
}

export interface Since {
  qemu: string | null;
  libvirt: string | null;
}

export interface MigrationHazard {
  /** 'always': the feature itself blocks migration; 'value': only the given value does; 'needs-tsc-frequency': unless a fixed tsc-frequency is set. */
  when: 'always' | 'value' | 'needs-tsc-frequency';
  value?: FeatureValue;
  reason: string;
  /**
   * Where it fails: 'source' (QEMU adds a migration blocker, so the migration never begins) or
   * 'destination' (the migration runs and fails when the destination loads the state). The VM
   * always starts; this is about migrating only.
   */
  failsAt?: 'source' | 'destination';
  /** When the failure really happens, if not always (reenlightenment: only once the guest turned it on). */
  onlyIf?: string;
  source?: Citation;
}

/** Host capabilities a feature needs; HostFacts answers each (see src/model/host-facts.ts). */
export type HostCapability = 'apicv' | 'nested' | 'stable-tsc' | 'modern-cpu';

/** Why a host need matters, and what goes wrong without it. */
export interface HostNeed {
  severity: 'error' | 'warning' | 'info';
  /** 'start': QEMU or KVM refuses to start the VM; 'runtime': it starts, and the guest suffers or gains nothing. */
  affects: 'start' | 'runtime';
  reason: string;
  /** True when leaving the feature out is the fix; false when the host must change instead (hv-time: use the tsc clocksource). */
  removeToFix: boolean;
  /** What to change on the host instead. */
  hostFix?: string;
  source: Citation;
}

export interface HostNeeds {
  /** CPU vendors the feature works on; absent means any. */
  vendors?: ('intel' | 'amd')[];
  /** Host capabilities the feature needs to be useful or to work. */
  capabilities?: HostCapability[];
  /** Why each need matters: `vendor` for `vendors`, and one entry per capability. */
  why?: Partial<Record<'vendor' | HostCapability, HostNeed>>;
}

/** Which guests a piece of advice is for. Windows generations follow src/model/os-table.ts. */
export interface GuestMatch {
  family: 'windows' | 'linux';
  /** The oldest Windows generation it applies to ('vista', '7', '8', '8.1', '10', '11'). */
  from?: string;
}

/** What goes wrong when a guest runs without the feature (check warns; recommend adds it). */
export interface MissingAdvice {
  guest?: GuestMatch;
  /** Only for this workload (--overcommitted, --nested-hyperv, --gpu-passthrough). */
  workload?: 'overcommitted' | 'nested-hyperv' | 'gpu-passthrough';
  /** The value to add, when not the catalog's example (spinlocks: 0xfff when overcommitted). */
  value?: FeatureValue;
  severity: 'warning' | 'info';
  reason: string;
  source: Citation;
}

/** A value limit some tool enforces (libvirt refuses spinlock retries below 4095). */
export interface ValueMinimum {
  value: number;
  /** The tool that refuses smaller values, and its message. */
  refusedBy: 'libvirt';
  message: string;
  /** What a smaller value does where it is accepted (QEMU). */
  effect: string;
  source: Citation;
}

/** A value with a meaning of its own (spinlocks 0xffffffff: never notify). */
export interface SpecialValue {
  value: FeatureValue;
  meaning: string;
  source: Citation;
}

/** Limits on a string value. */
export interface StringLimits {
  maxBytes: number;
  /** Characters no tool can carry (QEMU splits -cpu on commas; libvirt refuses them). */
  forbidden: string;
  /** libvirt's messages for each problem. */
  libvirtTooLong: string;
  libvirtForbidden: string;
  source: Citation;
  /** QEMU's warning when it keeps only the first maxBytes of a longer value (it runs on), and where QEMU says it. */
  qemuTooLong: string;
  qemuSource: Citation;
}

/** A value some guests need to see to use the enlightenments at all. */
export interface GuestExpectation {
  guest: GuestMatch;
  value: FeatureValue;
  reason: string;
  source: Citation;
}

export interface FeatureDef {
  id: FeatureId;
  /** What kind of value the property takes. */
  kind: ValueKind;
  /** QEMU's default (what the guest gets when the property is not given). */
  default: FeatureValue | null;
  /** For numbers: the largest accepted value. */
  max?: number;
  /** A typical value, for examples (spinlocks 8191, the RHEL guide's value). */
  example?: FeatureValue;
  /** Print the number in lower-case hex (libvirt prints retries as 0x%x). */
  printHex?: boolean;
  qemu: QemuSpelling;
  libvirt: LibvirtSpelling | null;
  virtXml: VirtXmlSpelling | null;
  /** One line for tables. */
  summary: string;
  /** What it does for the guest and when it matters, in our own words. */
  description: string;
  cpuid: CpuidBits[];
  cpuidValue?: CpuidValueField;
  cpuidLeaves?: CpuidFixedLeaf[];
  msrs: Msr[];
  /** Direct dependencies, as QEMU checks them (its table plus the separate synic -> vpindex check). */
  requires: FeatureId[];
  /** A feature whose being on waives the `requires` check (x-hv-synic-kvm-only skips synic -> vpindex). */
  requiresWaivedBy?: FeatureId;
  /** Dependencies that only some tools check (libvirt's stimer -> hypervclock is modelled as time). */
  recommendedWith: FeatureId[];
  /** True when this turns Hyper-V identification on by itself (vendor-id and version-id do not). */
  identification: boolean;
  /** Only meaningful when the guest itself runs a hypervisor (Hyper-V, WSL2, VBS). */
  nestedOnly: boolean;
  /** What a nested-only feature costs a guest that runs no hypervisor (evmcs turns posted interrupts off). */
  nestedCost?: string;
  /** What goes wrong for some guests or workloads without it. */
  whenMissing?: MissingAdvice[];
  /** Numeric minimum some tool enforces. */
  minimum?: ValueMinimum;
  /** Values with a meaning of their own. */
  specialValues?: SpecialValue[];
  /** Limits on a string value. */
  stringLimits?: StringLimits;
  /** Values some guests need. */
  guestExpects?: GuestExpectation[];
  /** Other tools' own words for an unmet requirement, by tool and required feature id. */
  requirementMessages?: { libvirt?: Partial<Record<FeatureId, string>> };
  host: HostNeeds;
  migration: MigrationHazard | null;
  /** A property that changes the mode instead of adding a feature (hv-passthrough). */
  setsMode?: 'passthrough';
  /** Ignored by QEMU when mode is passthrough (syndbg has skip_passthrough). */
  skipPassthrough?: boolean;
  /**
   * Not a Hyper-V (hv-*) property but a related setting of another family, listed with the
   * enlightenments because it changes what they do: 'kvm' for KVM's own CPUID signature.
   */
  related?: 'kvm';
  /** On, it removes KVM's signature leaves from the guest's CPUID (QEMU's expose_kvm false). */
  hidesKvmSignature?: boolean;
  /** Experimental x- property: accepted, but not a stable interface. */
  experimental?: boolean;
  since: Since;
  /** Where each fact came from: fact name -> citation of SOURCES entries (docs/sources.md). */
  sources: Record<string, Citation>;
}
