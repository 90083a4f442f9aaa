/**
 * The catalog: one entry per Hyper-V property QEMU knows. Everything else in enlighten reads it.
 */
export { CATALOG, PRINT_ORDER, FEATURE_IDS, isFeatureId, getFeature } from './table.js';
export type { FeatureId } from './table.js';
export { featureByQemuName, QEMU_HV_PREFIXES, isHvPropertyName, qemuNames } from './qemu-names.js';
export { HYPERV_IDENTITY, KVM_IDENTITY } from './identity.js';
export { VIRTINST_CPU_HYPERVISOR_DEFAULT } from './lookalikes.js';
export type * from './types.js';
export { SOURCES, SRC, cite, sourceLabel, formatCitation, sourceNote } from './sources.js';
export type { SourceId, SourceDef, Cite, Citation } from './sources.js';
