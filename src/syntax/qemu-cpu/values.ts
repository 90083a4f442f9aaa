import type { FeatureDef, FeatureValue } from '../../catalog/index.js';
import { parseCInteger } from '../c-integer.js';

/**
 * How QEMU 7.2 reads a -cpu property value (x86_cpu_parse_featurestr hands the text to the QOM
 * string input visitor). The boolean words are qapi_bool_parse's; numbers go through
 * qemu_strtou64/qemu_strtoi64 in base 0 (0x hex, leading-0 octal, decimal), then a range check.
 * The messages quote QEMU's own ("Parameter '%s' expects %s").
 */
const TRUE_WORDS = new Set(['on', 'yes', 'true', 'y']);
const FALSE_WORDS = new Set(['off', 'no', 'false', 'n']);

export type ValueProblem =
  | { kind: 'boolean'; qemuMessage: string }
  | { kind: 'number'; qemuMessage: string }
  | { kind: 'range'; qemuMessage: string }
  | { kind: 'enum'; qemuMessage: string };

export type ValueResult = { ok: true; value: FeatureValue } | { ok: false; problem: ValueProblem };

const RANGE: Record<string, { min: bigint; max: bigint; cType: string; parseType: string }> = {
  uint32: { min: 0n, max: 0xffffffffn, cType: 'uint32_t', parseType: 'uint64' },
  uint24: { min: 0n, max: 0xffffffn, cType: 'uint32_t', parseType: 'uint64' },
  uint16: { min: 0n, max: 0xffffn, cType: 'uint16_t', parseType: 'uint64' },
  uint8: { min: 0n, max: 0xffn, cType: 'uint8_t', parseType: 'uint64' },
  int32: { min: -0x80000000n, max: 0x7fffffffn, cType: 'int32_t', parseType: 'int64' },
};

function parseNumber(def: FeatureDef, name: string, text: string): ValueResult {
  const r = RANGE[def.kind]!;
  const v = parseCInteger(text);
  const unsigned = r.min === 0n;
  if (v === null || (unsigned && v > 0xffffffffffffffffn)) {
    return { ok: false, problem: { kind: 'number', qemuMessage: `Parameter '${name}' expects ${r.parseType}` } };
  }
  // strtoull wraps a negative number around 2^64; QEMU then finds it out of range.
  const wrapped = unsigned && v < 0n ? 0x10000000000000000n + v : v;
  if (wrapped < r.min || wrapped > r.max) {
    return { ok: false, problem: { kind: 'range', qemuMessage: `Parameter '${name}' expects ${r.cType}` } };
  }
  return { ok: true, value: Number(wrapped) };
}

/** Reads `text` (null: the item had no `=`, which QEMU treats as "on") for the feature. */
export function parseQemuValue(def: FeatureDef, name: string, text: string | null): ValueResult {
  const raw = text ?? 'on';
  switch (def.kind) {
    case 'bool':
      if (TRUE_WORDS.has(raw)) return { ok: true, value: true };
      if (FALSE_WORDS.has(raw)) return { ok: true, value: false };
      return { ok: false, problem: { kind: 'boolean', qemuMessage: `Parameter '${name}' expects 'on' or 'off'` } };
    case 'on-off-auto':
      if (raw === 'on') return { ok: true, value: true };
      if (raw === 'off') return { ok: true, value: false };
      if (raw === 'auto') return { ok: true, value: 'auto' };
      return {
        ok: false,
        problem: { kind: 'enum', qemuMessage: `Parameter '${name}' does not accept value '${raw}'` },
      };
    case 'string':
      return { ok: true, value: raw };
    default:
      return parseNumber(def, name, raw);
  }
}

/** Formats a value for a -cpu item. Spinlock-like counts print in lower-case hex, as libvirt does. */
export function formatQemuValue(value: FeatureValue, hex: boolean): string {
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (typeof value === 'number') return hex && value >= 0 ? `0x${value.toString(16)}` : String(value);
  return value;
}
