import type { FeatureId, FeatureValue } from '../../catalog/index.js';
import { CATALOG, PRINT_ORDER } from '../../catalog/index.js';
import type { Diagnostic } from '../../diagnostics/index.js';
import { makeDiagnostic } from '../../diagnostics/index.js';
import type { EnlightenmentSet } from '../../model/index.js';
import { getValue } from '../../model/index.js';
import type { QemuStyle } from './parse.js';
import { formatQemuValue } from './values.js';

export interface QemuPrintOptions {
  /** modern: hv-relaxed=on,hv-spinlocks=0x1fff; legacy: hv_relaxed,hv_spinlocks=0x1fff. */
  style?: QemuStyle;
  /** The CPU model to put first; omitted when null or undefined. */
  model?: string | null;
  /** Non-Hyper-V items to keep after the model, as written. */
  extras?: readonly string[];
}

/** One -cpu item for a feature, in the given style. */
export function printQemuItem(id: FeatureId, value: FeatureValue, style: QemuStyle): string {
  const def = CATALOG[id];
  const name = style === 'legacy' ? def.qemu.legacy : def.qemu.name;
  // An inverted property says the opposite of the setting: kvm-hidden on is kvm=off.
  const written = def.qemu.inverted && typeof value === 'boolean' ? !value : value;
  if (style === 'legacy' && written === true) return name;
  return `${name}=${formatQemuValue(written, def.printHex === true)}`;
}

/**
 * Why QEMU cannot be given this value in a -cpu item, or null. QEMU 7.2 splits -cpu at every comma
 * (x86_cpu_parse_featurestr uses strtok; `,,` is no escape there: measured, a vendor id `a,,b`
 * makes `b` a property of its own), so a comma inside a value would turn into other items.
 */
export function unprintableQemuValue(id: FeatureId, value: FeatureValue): Diagnostic | null {
  if (typeof value !== 'string' || !value.includes(',')) return null;
  return makeDiagnostic(
    'NOT_EXPRESSIBLE',
    `${CATALOG[id].qemu.name}=${JSON.stringify(value)} cannot be written in a -cpu value: QEMU splits -cpu at every comma, so the rest would be read as other properties; it is left out`,
    {
      severity: 'error',
      feature: id,
      notes: ['QEMU has no escape for a comma inside -cpu (`,,` does not work there); choose a value without a comma'],
    },
  );
}

/** The hv items of a set in print order (libvirt's order), without the model; what QEMU cannot take goes to `problems`. */
export function printQemuItems(
  set: EnlightenmentSet,
  style: QemuStyle = 'modern',
  problems: Diagnostic[] = [],
): string[] {
  const out: string[] = [];
  for (const id of PRINT_ORDER) {
    const value = getValue(set, id);
    if (value === undefined) continue;
    const problem = unprintableQemuValue(id, value);
    if (problem) problems.push(problem);
    else out.push(printQemuItem(id, value, style));
  }
  return out;
}

/** Prints a -cpu value for the set. Never throws; what QEMU cannot express comes back as diagnostics. */
export function printQemuCpu(
  set: EnlightenmentSet,
  opts: QemuPrintOptions = {},
): { text: string; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  if (set.mode === 'host-model') {
    diagnostics.push(
      makeDiagnostic(
        'NOT_EXPRESSIBLE',
        'QEMU has no host-model mode for Hyper-V (libvirt expands it when the VM starts); printing the listed features only',
        {
          notes: ['use mode=passthrough for every host feature (not migratable), or list the features'],
        },
      ),
    );
  }
  const parts = [
    ...(opts.model ? [opts.model] : []),
    ...(opts.extras ?? []),
    ...printQemuItems(set, opts.style ?? 'modern', diagnostics),
  ];
  return { text: parts.join(','), diagnostics };
}

/** Words for a fix in QEMU syntax: `add hv_synic`, `remove hv-evmcs=on`. */
export function spellQemuChange(feature: FeatureId, value: FeatureValue | null, style: QemuStyle): string {
  if (value === null) return `remove ${style === 'legacy' ? CATALOG[feature].qemu.legacy : CATALOG[feature].qemu.name}`;
  return `add ${printQemuItem(feature, value, style)}`;
}
