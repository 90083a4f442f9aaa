/**
 * C integer literals as strtoull/strtoll read them with base 0: `0x` hex, a leading `0` octal,
 * decimal otherwise, an optional sign and leading blanks. QEMU reads -cpu numbers this way, libvirt
 * its XML numbers, virt-xml its sub-option values; each format applies its own range check.
 *
 * Returns null if the whole text is not one.
 */
export function parseCInteger(text: string): bigint | null {
  const m = /^[ \t]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(text);
  if (!m) return null;
  const digits = m[2]!;
  let v: bigint;
  if (/^0[xX]/.test(digits)) v = BigInt(digits);
  else if (digits.length > 1 && digits.startsWith('0')) v = BigInt(`0o${digits.slice(1)}`);
  else v = BigInt(digits);
  return m[1] === '-' ? -v : v;
}
