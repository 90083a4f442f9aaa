/**
 * Registers -> enlightenments: the reverse of computeCpuid, driven by the same catalog properties.
 * Works on partial evidence (a boot log shows only some registers): a feature whose registers are
 * unknown is reported as unknown, never as off.
 */
import type { CpuidBits, FeatureId, FeatureValue, Register } from '../catalog/index.js';
import { CATALOG, HYPERV_IDENTITY, PRINT_ORDER } from '../catalog/index.js';
import type { EnlightenmentSet } from '../model/index.js';
import { emptySet, setFeature } from '../model/index.js';
import { defaultCpuidValue, fieldMask, matchesCompat61 } from './defaults.js';
import type { Leaves } from './leaves.js';
import { REGISTERS, bitsOf, regsToString } from './leaves.js';

/** The name of one bit of a catalog entry (entries list one name per bit, or one for the whole mask). */
export function bitName(bits: CpuidBits, bit: number): string {
  const all = bitsOf(bits.mask);
  return all.length === bits.names.length ? bits.names[all.indexOf(bit)]! : bits.names.join(', ');
}

/** Bits of one register. */
export interface BitRef {
  leaf: number;
  reg: Register;
  mask: number;
}

/**
 * A set bit that belongs to features none of which is fully there: hv-tlbflush and hv-ipi share
 * bit 11, hv-time needs bits 1 and 9 together.
 */
export interface Ambiguity extends BitRef {
  names: string[];
  candidates: FeatureId[];
}

/** A conditional bit that does not match the features around it. */
export interface Inconsistency extends BitRef {
  feature: FeatureId;
  message: string;
}

export interface LeafDecode {
  /** The decoded set: features that are on, and values that differ from QEMU's defaults. */
  set: EnlightenmentSet;
  /** Every value field read, defaults included. */
  values: Partial<Record<FeatureId, FeatureValue>>;
  /** Features whose registers this evidence does not show. */
  unknown: FeatureId[];
  /** Features inferred from a missing conditional bit (synic without messages: x-hv-synic-kvm-only). */
  inferred: FeatureId[];
  ambiguous: Ambiguity[];
  inconsistent: Inconsistency[];
  /** Set bits no QEMU feature sets (another hypervisor, or real Hyper-V). */
  unexplained: BitRef[];
  /** Bits QEMU always sets that are clear (not a QEMU-built leaf). */
  missingAlways: BitRef[];
  /** The version fields hold the defaults of machine types up to 6.1. */
  compat61: boolean;
}

type Reader = (leaf: number, reg: Register) => number | undefined;

/**
 * A register's value: what the evidence says; zero above the maximum leaf, and zero for a leaf past
 * the base ones that is missing below it (hv-syndbg raises the maximum to 0x40000082 without
 * creating 0x40000006..0x4000000A, and KVM answers zeros for them).
 */
function reader(leaves: Leaves): Reader {
  const max = leaves.get(0x40000000)?.eax;
  return (leaf, reg) => {
    const hyperv = (leaf & 0xffffff00) === 0x40000000;
    if (max !== undefined && hyperv && (leaf > max || (leaf > HYPERV_IDENTITY.baseMaxLeaf && !leaves.has(leaf))))
      return 0;
    return leaves.get(leaf)?.[reg];
  };
}

const own = (bits: CpuidBits) => bits.unlessFeature === undefined && bits.onlyForValue === undefined;
const key = (leaf: number, reg: Register) => `${leaf}.${reg}`;

/** Decodes the Hyper-V leaves (0x40000000 up) of a guest, or a host's KVM_GET_SUPPORTED_HV_CPUID. */
export function decodeLeaves(leaves: Leaves): LeafDecode {
  const read = reader(leaves);
  let set = emptySet();
  const unknown: FeatureId[] = [];
  const inferred: FeatureId[] = [];
  const inconsistent: Inconsistency[] = [];
  const explained = new Map<string, number>();
  const explain = (b: BitRef) => explained.set(key(b.leaf, b.reg), (explained.get(key(b.leaf, b.reg)) ?? 0) | b.mask);
  const has = (b: CpuidBits): boolean | undefined => {
    const v = read(b.leaf, b.reg);
    return v === undefined ? undefined : (v & b.mask) >>> 0 === b.mask >>> 0;
  };
  const present = new Set<FeatureId>();
  for (const id of PRINT_ORDER) {
    const entries = CATALOG[id].cpuid;
    const deciding = entries.filter(own).length
      ? entries.filter(own)
      : entries.filter((b) => b.onlyForValue !== undefined);
    if (!deciding.length) continue;
    const seen = deciding.map(has);
    if (seen.some((s) => s === undefined)) {
      unknown.push(id);
      continue;
    }
    if (seen.every(Boolean)) {
      present.add(id);
      set = setFeature(set, id, deciding[0]!.onlyForValue ?? true);
      deciding.forEach(explain);
    }
  }
  // Conditional bits: present exactly when the feature is on and its `unlessFeature` is off.
  for (const id of present) {
    for (const b of CATALOG[id].cpuid) {
      const other = b.unlessFeature;
      if (!other) continue;
      const there = has(b);
      if (there === undefined) continue;
      if (there) explain(b);
      const otherVisible = CATALOG[other].cpuid.length > 0 || CATALOG[other].cpuidValue !== undefined;
      if (!there && !otherVisible && !present.has(other)) {
        inferred.push(other);
        set = setFeature(set, other, true);
      } else if (otherVisible && there === present.has(other)) {
        inconsistent.push({
          ...b,
          feature: id,
          message: `${b.names.join(', ')} is ${there ? 'set' : 'clear'} although ${CATALOG[other].qemu.name} is ${present.has(other) ? 'on' : 'off'}; QEMU sets it exactly when ${CATALOG[id].qemu.name} is on and ${CATALOG[other].qemu.name} is off`,
        });
      }
    }
  }
  const { values, compat61 } = readValues(read, unknown);
  for (const [id, v] of Object.entries(values) as [FeatureId, FeatureValue][]) {
    if (v !== defaultCpuidValue(id, compat61)) set = setFeature(set, id, v);
  }
  for (const id of PRINT_ORDER) {
    for (const fixed of CATALOG[id].cpuidLeaves ?? []) {
      if (present.has(id)) for (const reg of REGISTERS) explain({ leaf: fixed.leaf, reg, mask: 0xffffffff });
    }
  }
  const always = [
    { leaf: 0x40000003, reg: 'eax' as const, mask: HYPERV_IDENTITY.alwaysEax3.mask },
    { leaf: 0x40000003, reg: 'edx' as const, mask: HYPERV_IDENTITY.alwaysEdx3.mask },
  ];
  const missingAlways = always.filter((b) => {
    const v = read(b.leaf, b.reg);
    return v !== undefined && (v & b.mask) === 0;
  });
  always.forEach(explain);
  const { ambiguous, unexplained } = leftoverBits(read, explained);
  return { set, values, unknown, inferred, ambiguous, inconsistent, unexplained, missingAlways, compat61 };
}

function readValues(read: Reader, unknown: FeatureId[]) {
  const values: Partial<Record<FeatureId, FeatureValue>> = {};
  for (const id of PRINT_ORDER) {
    const def = CATALOG[id];
    const field = def.cpuidValue;
    if (!field) continue;
    if (field.encoding === 'string12') {
      const start = REGISTERS.indexOf(field.reg);
      const words = REGISTERS.slice(start, start + 3).map((r) => read(field.leaf, r));
      if (words.some((w) => w === undefined)) unknown.push(id);
      else values[id] = regsToString(words as number[]);
      continue;
    }
    const v = read(field.leaf, field.reg);
    if (v === undefined) {
      unknown.push(id);
      continue;
    }
    const n = ((v >>> field.shift) & fieldMask(field)) >>> 0;
    values[id] = def.kind === 'int32' ? n | 0 : n;
  }
  return { values, compat61: matchesCompat61(values) };
}

/** Set bits in the feature registers that no decoded feature explains. */
function leftoverBits(read: Reader, explained: Map<string, number>) {
  const ambiguous: Ambiguity[] = [];
  const unexplained: BitRef[] = [];
  const regsWithBits = new Map<string, BitRef>();
  for (const id of PRINT_ORDER)
    for (const b of CATALOG[id].cpuid) regsWithBits.set(key(b.leaf, b.reg), { leaf: b.leaf, reg: b.reg, mask: 0 });
  for (const ref of regsWithBits.values()) {
    const v = read(ref.leaf, ref.reg);
    if (v === undefined) continue;
    let left = (v & ~(explained.get(key(ref.leaf, ref.reg)) ?? 0)) >>> 0;
    if (!left) continue;
    for (let bit = 0; bit < 32; bit++) {
      const m = (1 << bit) >>> 0;
      if (!(left & m)) continue;
      const owners = PRINT_ORDER.filter((id) =>
        CATALOG[id].cpuid.some((b) => b.leaf === ref.leaf && b.reg === ref.reg && b.mask & m),
      );
      if (owners.length) {
        const bits = CATALOG[owners[0]!].cpuid.find((b) => b.leaf === ref.leaf && b.reg === ref.reg && b.mask & m)!;
        ambiguous.push({ leaf: ref.leaf, reg: ref.reg, mask: m, names: [bitName(bits, bit)], candidates: owners });
        left &= ~m;
      }
    }
    if (left) unexplained.push({ leaf: ref.leaf, reg: ref.reg, mask: left >>> 0 });
  }
  return { ambiguous, unexplained };
}
