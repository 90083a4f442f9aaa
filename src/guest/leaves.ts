import type { Register } from '../catalog/index.js';

/** The four registers CPUID returns for one leaf. */
export interface Regs {
  eax: number;
  ebx: number;
  ecx: number;
  edx: number;
}

export const REGISTERS: readonly Register[] = ['eax', 'ebx', 'ecx', 'edx'];

/** CPUID leaves by number. A register left out is unknown (a boot log shows only some). */
export type Leaves = Map<number, Partial<Regs>>;

/** Every leaf fully known (what `computeCpuid` produces). */
export type FullLeaves = Map<number, Regs>;

export const zeroRegs = (): Regs => ({ eax: 0, ebx: 0, ecx: 0, edx: 0 });

/** `0x40000003`, `0x00000aff`: eight lower-case hex digits, as `cpuid -r` prints them. */
export function hex32(n: number): string {
  return `0x${(n >>> 0).toString(16).padStart(8, '0')}`;
}

/** The leaves in ascending order. */
export function sortedLeaves<T>(leaves: Map<number, T>): [number, T][] {
  return [...leaves.entries()].sort((a, b) => a[0] - b[0]);
}

/** `{"0x40000003": {"eax": "0x00000aff", ...}}`, the JSON shape of `enlighten cpuid --json`; null: unknown. */
export function leavesToJson(leaves: Leaves): Record<string, Record<Register, string | null>> {
  const out: Record<string, Record<Register, string | null>> = {};
  for (const [leaf, regs] of sortedLeaves(leaves)) {
    const row = {} as Record<Register, string | null>;
    for (const r of REGISTERS) row[r] = regs[r] === undefined ? null : hex32(regs[r]!);
    out[hex32(leaf)] = row;
  }
  return out;
}

/** Reads the JSON shape back (probe files carry KVM's leaves this way). Bad entries are skipped. */
export function leavesFromJson(value: unknown): Leaves {
  const out: Leaves = new Map();
  if (typeof value !== 'object' || value === null) return out;
  for (const [key, regs] of Object.entries(value as Record<string, unknown>)) {
    const leaf = Number(key);
    if (!Number.isInteger(leaf) || typeof regs !== 'object' || regs === null) continue;
    const row: Partial<Regs> = {};
    for (const r of REGISTERS) {
      const v = (regs as Record<string, unknown>)[r];
      const n = typeof v === 'string' ? Number(v) : typeof v === 'number' ? v : NaN;
      if (Number.isInteger(n) && n >= 0 && n <= 0xffffffff) row[r] = n;
    }
    out.set(leaf, row);
  }
  return out;
}

/** Bit numbers set in a mask, lowest first. */
export function bitsOf(mask: number): number[] {
  const out: number[] = [];
  for (let b = 0; b < 32; b++) if ((mask >>> b) & 1) out.push(b);
  return out;
}

/** The 12 bytes spread little-endian over three registers, as text (UTF-8; trailing NULs dropped). */
export function regsToString(words: readonly number[]): string {
  const bytes: number[] = [];
  for (const w of words) for (let i = 0; i < 4; i++) bytes.push((w >>> (8 * i)) & 0xff);
  while (bytes.length && bytes[bytes.length - 1] === 0) bytes.pop();
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/** The reverse: UTF-8 bytes, truncated to 12 and zero-padded (QEMU copies at most 12 bytes). */
export function stringToRegs(text: string): [number, number, number] {
  const bytes = new TextEncoder().encode(text).slice(0, 12);
  const words: [number, number, number] = [0, 0, 0];
  bytes.forEach((b, i) => {
    words[i >> 2]! |= b << (8 * (i & 3));
  });
  return words.map((w) => w >>> 0) as [number, number, number];
}

/** A string for display: control bytes escaped (a vendor id may hold anything). */
export function printableString(s: string): string {
  return s.replace(/[\0-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
