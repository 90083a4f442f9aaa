/**
 * The catalog table: one entry per Hyper-V property QEMU knows (33 in QEMU 7.2, counting the hv-apicv
 * alias, plus QEMU's experimental x-hv-* knobs), and the related KVM settings (kvm-hidden). Everything
 * else in enlighten reads it.
 */
import type { FeatureDef } from './types.js';
import type { FeatureId } from './ids.js';
import { PRINT_ORDER } from './ids.js';
import { coreFeatures } from './features-core.js';
import { synicFeatures } from './features-synic.js';
import { tlbFeatures } from './features-tlb.js';
import { nestedFeatures } from './features-nested.js';
import { identFeatures } from './features-ident.js';
import { modeFeatures } from './features-modes.js';
import { kvmFeatures } from './features-kvm.js';

const all = {
  ...coreFeatures,
  ...synicFeatures,
  ...tlbFeatures,
  ...nestedFeatures,
  ...identFeatures,
  ...modeFeatures,
  ...kvmFeatures,
};

export type { FeatureId };
export { PRINT_ORDER };

/** Every id in PRINT_ORDER has an entry; the feature files take no other keys. */
export const CATALOG: Readonly<Record<FeatureId, FeatureDef>> = all satisfies Record<FeatureId, FeatureDef>;

export const FEATURE_IDS: readonly FeatureId[] = PRINT_ORDER;

export function isFeatureId(id: string): id is FeatureId {
  return Object.hasOwn(CATALOG, id);
}

export function getFeature(id: FeatureId): FeatureDef {
  return CATALOG[id];
}
