/**
 * The catalog table: one entry per Hyper-V property QEMU knows (33 in QEMU 7.2, counting the hv-apicv
 * alias, plus QEMU's experimental x-hv-* knobs), and the related KVM settings (kvm-hidden). Everything
 * else in enlighten reads it.
 */
import type { FeatureDef } from './types.js';
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

export type FeatureId = keyof typeof all;

export const CATALOG: Readonly<Record<FeatureId, FeatureDef>> = all satisfies Record<FeatureId, FeatureDef>;

/**
 * The order enlighten prints features in: libvirt's (qemuBuildCpuCommandLine: hv-time from the timer,
 * hv-passthrough, the virDomainHyperv enum order with stimer-direct after stimer and tlbflush
 * direct/extended after tlbflush, then hv-crash from the panic device, then kvm=off from <kvm><hidden>),
 * then what libvirt cannot express.
 * Source: libvirt src/qemu/qemu_command.c @ c181c7dd and the .args files of its tests/qemuxmlconftest.c.
 */
export const PRINT_ORDER = [
  'time',
  'passthrough',
  'relaxed',
  'vapic',
  'spinlocks',
  'vpindex',
  'runtime',
  'synic',
  'stimer',
  'stimer-direct',
  'reset',
  'vendor-id',
  'frequencies',
  'reenlightenment',
  'tlbflush',
  'tlbflush-direct',
  'tlbflush-ext',
  'ipi',
  'evmcs',
  'avic',
  'emsr-bitmap',
  'xmm-input',
  'crash',
  'kvm-hidden',
  'syndbg',
  'no-nonarch-coresharing',
  'enforce-cpuid',
  'version-id-build',
  'version-id-major',
  'version-id-minor',
  'version-id-spack',
  'version-id-sbranch',
  'version-id-snumber',
  'x-max-vps',
  'x-synic-kvm-only',
] as const satisfies readonly FeatureId[];

export const FEATURE_IDS: readonly FeatureId[] = PRINT_ORDER;

export function isFeatureId(id: string): id is FeatureId {
  return Object.hasOwn(CATALOG, id);
}

export function getFeature(id: FeatureId): FeatureDef {
  return CATALOG[id];
}

