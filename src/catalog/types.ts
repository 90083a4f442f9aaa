/**
 * The shape of one catalog entry. Every fact about an enlightenment lives in its entry
 * (DESIGN.md convention 1); shared code reads these properties instead of branching on ids.
 */

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
  unlessFeature?: string;
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
}

/** How libvirt domain XML spells the feature. */
export type LibvirtSpelling =
  /** `<features><hyperv><element state='on' [attr='value']/>` */
  | { kind: 'hyperv'; element: string; valueAttr?: 'retries' | 'value' }
  /** A child of another hyperv element: `<stimer><direct state='on'/></stimer>` */
  | { kind: 'hyperv-child'; parentFeature: string; element: string }
  /** `<clock><timer name='hypervclock' present='yes'/>` */
  | { kind: 'timer'; name: string }
  /** `<devices><panic model='hyperv'/>` */
  | { kind: 'panic'; model: string }
  /** `<hyperv mode='passthrough'>` */
  | { kind: 'mode'; mode: string };

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
}

export interface HostNeeds {
  /** CPU vendors the feature works on; absent means any. */
  vendors?: ('intel' | 'amd')[];
  /** Host capabilities the feature needs to be useful or to work. */
  capabilities?: ('apicv' | 'nested' | 'stable-tsc')[];
}

export interface FeatureDef {
  id: string;
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
  requires: string[];
  /** A feature whose being on waives the `requires` check (x-hv-synic-kvm-only skips synic -> vpindex). */
  requiresWaivedBy?: string;
  /** Dependencies that only some tools check (libvirt's stimer -> hypervclock is modelled as time). */
  recommendedWith: string[];
  /** True when this turns Hyper-V identification on by itself (vendor-id and version-id do not). */
  identification: boolean;
  /** Only meaningful when the guest itself runs a hypervisor (Hyper-V, WSL2, VBS). */
  nestedOnly: boolean;
  host: HostNeeds;
  migration: MigrationHazard | null;
  /** A property that changes the mode instead of adding a feature (hv-passthrough). */
  setsMode?: 'passthrough';
  /** Ignored by QEMU when mode is passthrough (syndbg has skip_passthrough). */
  skipPassthrough?: boolean;
  /** Experimental x- property: accepted, but not a stable interface. */
  experimental?: boolean;
  since: Since;
  /** Where each fact came from: fact name -> reference file or upstream file. */
  sources: Record<string, string>;
}
