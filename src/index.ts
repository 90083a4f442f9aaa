/**
 * enlighten's public API. Everything here runs in Node and in a browser (no file or process access).
 */
export * from './catalog/index.js';
export * from './model/index.js';
export * from './diagnostics/index.js';
export * from './formats/types.js';
export { FORMATS, getFormat, detectFormat } from './formats/registry.js';
export * from './formats/qemu/index.js';
export * from './formats/json/index.js';
export * from './formats/libvirt/index.js';
export * from './formats/virt-xml/index.js';
export { checkConfig, RULES, resolveGuest } from './rules/index.js';
export type { CheckOptions, GuestChoice, Rule, RuleContext, HostFacts } from './rules/index.js';
export { fixSet } from './fix/fix-set.js';
export type { FixAction, FixSetResult } from './fix/fix-set.js';
export { fixConfig } from './fix/fix-config.js';
export type { FixConfigResult, PresetStep } from './fix/fix-config.js';
export * from './recommend/index.js';
export { hostFactsFromJson } from './host/host-facts-json.js';
export * from './guest/index.js';
export * from './host/index.js';
