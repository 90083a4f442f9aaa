import type { FeatureDef } from '../../catalog/index.js';
import { parseCInteger } from '../../syntax/c-integer.js';

/** A value read, or why it cannot be (with the words of the tool that refuses it). */
export type ValueRead<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      code: 'INVALID_BOOLEAN' | 'INVALID_NUMBER' | 'NUMBER_OUT_OF_RANGE' | 'INVALID_VALUE' | 'MISSING_VALUE';
      message: string;
    };

const TRUE_WORDS = ['y', 'yes', '1', 'true', 't', 'on'];
const FALSE_WORDS = ['n', 'no', '0', 'false', 'f', 'off'];

/** A named on/off sub-option, as virtinst reads it (cli.py _raw_on_off_convert: any case). */
export function readOnOff(name: string, value: string | null): ValueRead<boolean> {
  if (value === null) return { ok: false, code: 'MISSING_VALUE', message: `Option '${name}' had no value set.` };
  const v = value.toLowerCase();
  if (TRUE_WORDS.includes(v)) return { ok: true, value: true };
  if (FALSE_WORDS.includes(v)) return { ok: true, value: false };
  return { ok: false, code: 'INVALID_BOOLEAN', message: `${name} must be 'yes' or 'no'` };
}

/** A whole number in the attribute's range; libvirt refuses the rest when it loads the domain. */
function inRange(def: FeatureDef, n: bigint, text: string): ValueRead<number> {
  const max = BigInt(def.max ?? 0xffffffff);
  if (n < 0n || n > max)
    return {
      ok: false,
      code: 'NUMBER_OUT_OF_RANGE',
      message: `${text} does not fit an unsigned ${def.kind.replace('uint', '')}-bit number (0 to ${max}); libvirt refuses it`,
    };
  return { ok: true, value: Number(n) };
}

/**
 * A named integer sub-option (hyperv_spinlocks_retries): virtinst calls Python's int(), base 16
 * when the text holds "0x" and base 10 otherwise (xmlbuilder.py _convert_set_value), so spaces
 * around it, a sign and digit-separating underscores pass.
 */
export function readNamedNumber(def: FeatureDef, name: string, value: string | null): ValueRead<number> {
  if (value === null) return { ok: false, code: 'MISSING_VALUE', message: `Option '${name}' had no value set.` };
  const hex = value.includes('0x');
  const re = hex ? /^\s*([+-]?)(?:0x)?([0-9a-fA-F]+(?:_[0-9a-fA-F]+)*)\s*$/ : /^\s*([+-]?)([0-9]+(?:_[0-9]+)*)\s*$/;
  const m = re.exec(value);
  if (!m)
    return {
      ok: false,
      code: 'INVALID_NUMBER',
      message: `${name}=${value}: invalid literal for int() with base ${hex ? 16 : 10}: '${value}'`,
    };
  const digits = m[2]!.replaceAll('_', '');
  const n = BigInt(hex ? `0x${digits}` : digits) * (m[1] === '-' ? -1n : 1n);
  return inRange(def, n, `${name}=${value}`);
}

/** An attribute value set through an xpath, as libvirt will read it from the XML. */
export function readAttribute(def: FeatureDef, attr: string, value: string): ValueRead<number | string> {
  if (def.kind === 'string') return { ok: true, value };
  const n = parseCInteger(value);
  if (n === null)
    return {
      ok: false,
      code: 'INVALID_NUMBER',
      message: `${attr}='${value}' is not a number libvirt reads (decimal or 0x hex)`,
    };
  return inRange(def, n, `${attr}='${value}'`);
}

/** libvirt's own words for a state (`on`/`off`) or `present` (`yes`/`no`) attribute, nothing else. */
export function readSwitch(attr: string, value: string, words: readonly [string, string]): ValueRead<boolean> {
  if (value === words[0]) return { ok: true, value: true };
  if (value === words[1]) return { ok: true, value: false };
  return {
    ok: false,
    code: 'INVALID_BOOLEAN',
    message: `${attr}='${value}': libvirt accepts only '${words[0]}' or '${words[1]}' here`,
  };
}
