/** The annotated view of computed leaves: every set bit and value, and the enlightenment behind it. */
import type { FeatureId, Register } from '../catalog/index.js';
import { CATALOG, HYPERV_IDENTITY, KVM_IDENTITY, PRINT_ORDER } from '../catalog/index.js';
import type { CpuidResult } from './cpuid.js';
import { bitName } from './decode-leaves.js';
import { bitsApply } from './effective.js';
import { bitsOf, hex32, printableString, regsToString } from './leaves.js';

export interface Note {
  reg: Register | 'ebx-edx';
  /** `bit 5`, `bits 31:16`, or the value. */
  where: string;
  what: string;
  /** The enlightenment behind it, or null for what QEMU always sets. */
  feature: FeatureId | null;
  /** For a value the set leaves at QEMU's default: the property that would change it. */
  defaultOf?: FeatureId;
}

export interface AnnotatedLeaf {
  leaf: number;
  title: string;
  notes: Note[];
}

const TITLES: Record<number, string> = {
  0x40000000: 'maximum leaf and vendor',
  0x40000001: 'interface',
  0x40000002: 'hypervisor version',
  0x40000003: 'features (Linux: privilege flags low/high, ext, misc)',
  0x40000004: 'recommendations (Linux: hints)',
  0x40000005: 'implementation limits',
  0x4000000a: 'nested features',
};

/** Notes for every leaf of a computed result, in leaf order. */
export function annotateCpuid(result: CpuidResult): AnnotatedLeaf[] {
  const out = new Map<number, AnnotatedLeaf>();
  const at = (leaf: number, title?: string) => {
    let a = out.get(leaf);
    if (!a) out.set(leaf, (a = { leaf, title: title ?? TITLES[leaf] ?? 'reserved (zero)', notes: [] }));
    return a;
  };
  const set = result.effective;
  if (result.identification && !result.needsHost) {
    const l0 = result.leaves.get(0x40000000)!;
    at(0x40000000).notes.push({ reg: 'eax', where: hex32(l0.eax!), what: 'maximum Hyper-V leaf', feature: null });
    at(0x40000001).notes.push({
      reg: 'eax',
      where: hex32(HYPERV_IDENTITY.interfaceId),
      what: `interface "${regsToString([HYPERV_IDENTITY.interfaceId])}"`,
      feature: null,
    });
    for (const id of PRINT_ORDER) {
      const def = CATALOG[id];
      for (const bits of def.cpuid) {
        const reg = result.leaves.get(bits.leaf)?.[bits.reg];
        if (reg === undefined || bitsApply(set, id, bits) === 'no' || !(reg & bits.mask)) continue;
        const leaf = at(bits.leaf);
        if (bits.names.length !== bitsOf(bits.mask).length) {
          leaf.notes.push({ reg: bits.reg, where: `mask ${hex32(bits.mask)}`, what: bits.names[0]!, feature: id });
        } else {
          for (const b of bitsOf(bits.mask & reg))
            leaf.notes.push({ reg: bits.reg, where: `bit ${b}`, what: bitName(bits, b), feature: id });
        }
      }
      const field = def.cpuidValue;
      if (field) {
        const r = result.leaves.get(field.leaf)!;
        const v = r[field.reg]!;
        const where =
          field.encoding === 'string12'
            ? `"${printableString(regsToString([r.ebx!, r.ecx!, r.edx!]))}"`
            : valueText(v, field.shift, field.width);
        const user = set.features[id] !== undefined;
        const what = def.summary.replace(/\s*\((default|Experimental)[^)]*\)/g, '').replace(/^Experimental: /, '');
        at(field.leaf).notes.push({
          reg: field.encoding === 'string12' ? 'ebx-edx' : field.reg,
          where,
          what,
          feature: user ? id : null,
          ...(user ? {} : { defaultOf: id }),
        });
      }
      if (set.features[id] === true)
        for (const f of def.cpuidLeaves ?? [])
          at(f.leaf, f.note).notes.push({ reg: 'eax', where: hex32(f.eax), what: f.note, feature: id });
    }
    for (const [reg, always] of [
      ['eax', HYPERV_IDENTITY.alwaysEax3],
      ['edx', HYPERV_IDENTITY.alwaysEdx3],
    ] as const) {
      at(0x40000003).notes.push({
        reg,
        where: `bit ${bitsOf(always.mask)[0]}`,
        what: always.names.join(', '),
        feature: null,
      });
    }
    at(0x40000005).notes.push({
      reg: 'ebx',
      where: String(HYPERV_IDENTITY.limits[0]),
      what: 'maximum logical processors',
      feature: null,
    });
  }
  if (result.kvmBase !== null) {
    at(result.kvmBase, 'KVM signature').notes.push({
      reg: 'ebx-edx',
      where: `"${printableString(KVM_IDENTITY.signature.replace(/\0+$/, ''))}"`,
      what: `KVM's own leaves${result.kvmBase === KVM_IDENTITY.baseWithHyperv ? ', moved up because Hyper-V identification is on' : ''}`,
      feature: null,
    });
    at(result.kvmBase + 1, 'KVM features').notes.push({
      reg: 'eax',
      where: 'host',
      what: 'KVM paravirtual features and hints (EAX, EDX): depend on the CPU model and the host',
      feature: null,
    });
  }
  for (const leaf of result.leaves.keys()) at(leaf);
  return [...out.values()].sort((a, b) => a.leaf - b.leaf).map((a) => ({ ...a, notes: a.notes.sort(byPlace) }));
}

const regOrder = (r: Note['reg']) => ['eax', 'ebx-edx', 'ebx', 'ecx', 'edx'].indexOf(r);
const bitOf = (n: Note) => Number(/^bit (\d+)/.exec(n.where)?.[1] ?? -1);
/** Register order, then bit order; values keep their catalog order. */
const byPlace = (x: Note, y: Note) => regOrder(x.reg) - regOrder(y.reg) || bitOf(x) - bitOf(y);

function valueText(reg: number, shift: number, width: number): string {
  const mask = width >= 32 ? 0xffffffff : (1 << width) - 1;
  const v = ((reg >>> shift) & mask) >>> 0;
  const bits = width >= 32 ? '' : ` (bits ${shift + width - 1}:${shift})`;
  return `${v} = 0x${v.toString(16)}${bits}`;
}
