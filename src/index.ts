/**
 * enlighten's public API: a deliberate list, grouped as docs/ARCHITECTURE.md's table shows it
 * (test/architecture/public-api.test.ts holds the two together). Everything here runs in Node and
 * in a browser (no file or process access): the CLI adds arguments, files, virsh and printing.
 */

// The catalog: one entry per Hyper-V property, and the sources every fact cites.
export {
  CATALOG,
  PRINT_ORDER,
  isFeatureId,
  featureByQemuName,
  SOURCES,
  sourceLabel,
  formatCitation,
} from './catalog/index.js';
export type { FeatureId, FeatureDef, FeatureValue, Citation, SourceId } from './catalog/index.js';

// Sets of features, syntax-free.
export {
  emptySet,
  getValue,
  setFeature,
  unsetFeature,
  closeDependencies,
  findMissingDependencies,
  diffSets,
} from './model/index.js';
export type { EnlightenmentSet, Mode, SetDiff } from './model/index.js';
export type { HostFacts } from './model/host-facts.js';
export type { OsEntry } from './model/os-table.js';

// The syntaxes: detect, parse, print and edit through the registry; the QEMU and libvirt entry points by name.
export { FORMATS, getFormat, detectFormat } from './formats/registry.js';
export { explainFeature } from './formats/explain.js';
export type { FeatureExplanation, FeatureExample } from './formats/explain.js';
export type {
  FormatId,
  FormatEntry,
  ParsedConfig,
  ConfigContext,
  ParseOptions,
  PrintOptions,
  PrintResult,
} from './formats/types.js';
export { parseQemu, printQemuCpu } from './formats/qemu/index.js';
export type { QemuParsed, QemuPrintOptions } from './formats/qemu/index.js';
export { parseLibvirt, editLibvirt, translateLibvirtToQemu } from './formats/libvirt/index.js';
export type { LibvirtParsed, EditLibvirtOptions, LibvirtToQemuOptions } from './formats/libvirt/index.js';

// check
export { checkConfig, resolveGuest } from './rules/index.js';
export type { CheckOptions, GuestChoice } from './rules/index.js';

// fix and set
export { fixConfig } from './fix/fix-config.js';
export type { FixConfigResult, PresetStart, PresetStep } from './fix/fix-config.js';
export { fixSet } from './fix/fix-set.js';
export type { FixAction, FixSetResult } from './fix/fix-set.js';
export { setConfig, planSetChanges } from './fix/set-config.js';
export type { SetRequest, SetAddition, SetPlan, SetConfigOptions, SetConfigResult } from './fix/set-config.js';

// recommend
export { recommend, recommendContext, applyPreset, PRESETS } from './recommend/index.js';
export type { RecommendRequest, RecommendResult, Choice, Preset } from './recommend/index.js';
export { printRecommendation } from './recommend/print.js';
export type { PrintedRecommendation, RecommendationPrintOptions } from './recommend/print.js';
export { OS_TABLE } from './model/os-table.js';

// The guest side: CPUID leaves from a set, and a set from what a guest reports.
export {
  computeCpuid,
  annotateCpuid,
  leavesToJson,
  leavesFromJson,
  decodeLeaves,
  decodeGuest,
  compareWithGuest,
} from './guest/index.js';
export type { CpuidOptions, CpuidResult, AnnotatedLeaf, Leaves, LeafDecode, GuestDecode } from './guest/index.js';

// The host side that runs anywhere: facts from JSON, a probe file read back and interpreted.
export { hostFactsFromJson } from './host/host-facts-json.js';
export type { HostFactsResult } from './host/host-facts-json.js';
export { parseHostProbe, interpretProbe } from './host/index.js';
export type { HostProbe, HostFinding } from './host/index.js';

// Diagnostics: the codes, and rendering one with its code frame.
export { CODES, renderDiagnostic, hasErrors, lineColumnAt } from './diagnostics/index.js';
export type {
  Diagnostic,
  DiagnosticCode,
  Severity,
  Span,
  Fix,
  FixChange,
  RenderOptions,
  ParseResult,
} from './diagnostics/index.js';
