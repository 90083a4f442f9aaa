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
export { checkConfig, RULES } from './rules/index.js';
export type { CheckOptions, Rule, RuleContext } from './rules/index.js';
export * from './guest/index.js';
export * from './host/index.js';
