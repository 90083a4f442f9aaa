import type { FeatureId, FeatureValue } from '../catalog/index.js';
import type { Diagnostic, Span } from '../diagnostics/index.js';
import type { EnlightenmentSet, Origins } from '../model/index.js';

export type FormatId = 'qemu' | 'libvirt' | 'virt-xml' | 'json';

/** Facts about the VM outside the enlightenment set that rules and printers need. */
export interface ConfigContext {
  /** The -cpu model (`host`, `qemu64`, `Skylake-Client`...), when the input names one. */
  cpuModel?: string;
  cpuModelSpan?: Span;
  /** The machine type (`pc-q35-7.2`), when the input names one. */
  machine?: string;
  /** A fixed TSC frequency in Hz (tsc-frequency= or libvirt's <timer name='tsc' frequency=...>). */
  tscFrequency?: number;
  /** True when the input hides the KVM signature (kvm=off, <kvm><hidden state='on'/>). */
  kvmHidden?: boolean;
}

/** What any format's parser produces. */
export interface ParsedConfig {
  format: FormatId;
  source: string;
  set: EnlightenmentSet;
  origins: Origins;
  context: ConfigContext;
  diagnostics: Diagnostic[];
}

/** How a format writes a feature change, for fix hints ("add hv_synic"). */
export type SpellChange = (feature: FeatureId, value: FeatureValue | null) => string;
