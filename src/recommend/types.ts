import type { Citation, FeatureId, FeatureValue } from '../catalog/index.js';
import type { EnlightenmentSet } from '../model/index.js';
import type { CheckOptions } from '../rules/index.js';

/** Why a feature is on or off, and where that knowledge comes from. */
export interface Reason {
  reason: string;
  source: Citation;
}

/** What to recommend for: the guest, host, workload and target of CheckOptions, plus a starting preset. */
export interface RecommendRequest extends CheckOptions {
  /** A preset to start from; by default the one the guest OS maps to. */
  preset?: string;
  /** A fixed TSC frequency in Hz, which keeps reenlightenment migratable. */
  tscFrequency?: number;
}

/** Which step decided. */
export type Stage =
  | 'default'
  | 'preset'
  | 'guest'
  | 'workload'
  | 'host'
  | 'target'
  | 'migration'
  | 'dependency'
  | 'value';

export interface Choice extends Reason {
  feature: FeatureId;
  /** The value chosen, or null when the feature is left out. */
  value: FeatureValue | null;
  stage: Stage;
}

/** Settings outside the enlightenment set that the recommendation needs. */
export interface RecommendExtras {
  /** CPU flags the guest needs (vmx or svm for nested Hyper-V). */
  cpuFlags: string[];
  tscFrequency?: number;
  /** Windows guests, libvirt target: the clock virt-install sets up for them (local-time RTC, rtc/pit/hpet timers). */
  windowsClock?: Reason;
}

export interface RecommendResult {
  preset: string;
  /** The overlays applied on top (nested-hyperv, gpu-passthrough). */
  overlays: string[];
  os?: { id: string; name: string };
  set: EnlightenmentSet;
  /** One choice per feature, in print order. */
  choices: Choice[];
  extras: RecommendExtras;
  notes: string[];
}
