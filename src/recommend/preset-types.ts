import type { Citation, FeatureId, FeatureValue, GuestMatch, HostCapability } from '../catalog/index.js';
import type { Reason } from './types.js';

export interface PresetChoice extends Reason {
  value: FeatureValue;
  /** Only when the host facts say so (avic needs APICv/AVIC known to be on; evmcs an Intel host). */
  onlyIf?: { vendor?: 'intel' | 'amd'; capability?: HostCapability };
}

export interface Preset {
  name: string;
  summary: string;
  source: Citation;
  /** base: a whole set for a guest; overlay: added on top of the guest's base for a workload. */
  kind: 'base' | 'overlay';
  /** Overlays: the guests they make sense for. */
  guest?: GuestMatch;
  features: Partial<Record<FeatureId, PresetChoice>>;
  /** Reasons for features this preset leaves out on purpose (else src/recommend/left-out.ts). */
  leftOut?: Partial<Record<FeatureId, Reason>>;
  /** CPU flags by host vendor (nested Hyper-V needs vmx or svm). */
  cpuFlags?: { intel: string; amd: string };
}
