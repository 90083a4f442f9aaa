/**
 * People's order of file names: what `new Intl.Collator('en').compare` gives (ICU's root collation,
 * CLDR, which English does not tailor), without making a collator for the names most folders hold. Making the first collator loads
 * ICU's collation data, about 12 ms and 80 million instructions: more than the rest of an audit of a
 * small folder. Names made only of ASCII letters, digits, space, `_`, `-` and `.` are compared here:
 * in the root collation each of those characters has a primary weight of its own (space, then `_`,
 * `-`, `.`, then the digits, then the letters, a letter's two cases sharing one weight), there are no
 * contractions or expansions among them and no secondary differences, and between names equal at the
 * primary level the first lowercase-against-uppercase difference decides (lowercase first). Any
 * other name goes to a real collator. test/util/name-order.test.ts checks this against
 * Intl.Collator on random names.
 */

const PRIMARY = new Int8Array(128).fill(-1);
' _-.0123456789abcdefghijklmnopqrstuvwxyz'.split('').forEach((c, i) => {
  PRIMARY[c.charCodeAt(0)] = i;
  const upper = c.toUpperCase().charCodeAt(0);
  if (upper !== c.charCodeAt(0)) PRIMARY[upper] = i;
});

const isUpper = (code: number) => code >= 65 && code <= 90;

/** -1, 0 or 1 when both names are made of the characters above; undefined otherwise. */
export function compareSimpleNames(a: string, b: string): number | undefined {
  for (const s of [a, b])
    for (let i = 0; i < s.length; i++) {
      const code = s.charCodeAt(i);
      if (code >= 128 || PRIMARY[code]! < 0) return undefined;
    }
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = PRIMARY[a.charCodeAt(i)]! - PRIMARY[b.charCodeAt(i)]!;
    if (d !== 0) return Math.sign(d);
  }
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  for (let i = 0; i < n; i++) {
    const x = isUpper(a.charCodeAt(i));
    if (x !== isUpper(b.charCodeAt(i))) return x ? 1 : -1;
  }
  return 0;
}

let collator: Intl.Collator | undefined;

/**
 * Compares two names as `new Intl.Collator('en').compare` does; a collator is made only when needed.
 * The collator is the root order's, not the user's locale's: the names compared above follow the
 * root order, and a Danish collator for the others ('aa' after 'z', capitals first) made no order
 * at all ('aa' < 'b' < 'é' < 'aa'), so rows came in whatever order the folder listed them. ('und'
 * is no help: V8 takes it as the default locale.)
 */
export function compareNames(a: string, b: string): number {
  return compareSimpleNames(a, b) ?? (collator ??= new Intl.Collator('en')).compare(a, b);
}
