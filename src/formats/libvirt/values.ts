import type { StringLimits } from '../../catalog/index.js';
import { parseCInteger } from '../../syntax/c-integer.js';
import { LIBVIRT_LIMITS } from './messages.js';

/** libvirt's on/off switch (virTristateSwitch): exactly `on` or `off`, case-sensitive. */
export function readSwitch(value: string): boolean | undefined {
  if (value === 'on') return true;
  if (value === 'off') return false;
  return undefined;
}

/** libvirt's yes/no (virTristateBool), as `<timer present=...>` takes it. */
export function readYesNo(value: string): boolean | undefined {
  if (value === 'yes') return true;
  if (value === 'no') return false;
  return undefined;
}

/**
 * An unsigned int as libvirt reads attributes (virStrToLong_ui, base 0): decimal, 0x hex, and octal
 * with a leading 0 (`05000` is 2560, measured: libvirt 9.0 then says the count is below 4095).
 * Null when it is not a number or does not fit 32 bits.
 */
export function readUnsigned(value: string): number | null {
  const n = parseCInteger(value);
  if (n === null || n < 0n || n > BigInt(LIBVIRT_LIMITS.maxRetries)) return null;
  return Number(n);
}

const utf8 = new TextEncoder();

/** What libvirt says about a string value (vendor_id), or null when it takes it (length first, then the characters). */
export function stringRefusal(value: string, limits: StringLimits): string | null {
  if (utf8.encode(value).length > limits.maxBytes) return limits.libvirtTooLong;
  if ([...limits.forbidden].some((c) => value.includes(c))) return limits.libvirtForbidden;
  return null;
}

/** A number as "8191 (0x1fff)". */
export const decimalAndHex = (n: number) => `${n} (0x${n.toString(16)})`;
