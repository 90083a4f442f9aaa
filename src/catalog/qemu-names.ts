import type { FeatureId } from './table.js';
import { CATALOG } from './table.js';

/**
 * Prefixes that mark a QEMU -cpu item as a Hyper-V property. QEMU's feat2prop() turns every `_`
 * into `-` before the lookup, so both spellings name the same property (QEMU target/i386/cpu.c x86_cpu_parse_featurestr).
 */
export const QEMU_HV_PREFIXES = ['hv-', 'hv_', 'x-hv-', 'x_hv_'] as const;

let byName: Map<string, FeatureId> | undefined;

function buildIndex(): Map<string, FeatureId> {
  const map = new Map<string, FeatureId>();
  for (const id of Object.keys(CATALOG) as FeatureId[]) {
    const q = CATALOG[id].qemu;
    for (const name of [q.name, q.legacy, ...q.aliases]) map.set(name, id);
  }
  return map;
}

/** Every QEMU spelling of every feature (modern, legacy, aliases). */
export function qemuNames(): string[] {
  byName ??= buildIndex();
  return [...byName.keys()];
}

/** The feature a QEMU property name (any spelling) refers to, if any. */
export function featureByQemuName(name: string): FeatureId | undefined {
  byName ??= buildIndex();
  return byName.get(name) ?? byName.get(name.replaceAll('_', '-'));
}

/** True when a -cpu item's key looks like a Hyper-V property, known or not. */
export function isHvPropertyName(name: string): boolean {
  return QEMU_HV_PREFIXES.some((p) => name.startsWith(p));
}
