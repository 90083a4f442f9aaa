/** Character classes of XML 1.0 (fifth edition), on UTF-16 code units. */

export function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

/**
 * NameStartChar above ASCII, as production [4] of XML 1.0 (fifth edition) lists it, on one UTF-16
 * code unit: a surrogate (D800-DB7F, DC00-DFFF) is accepted as part of a pair in U+10000..U+EFFFF;
 * `findInvalidChar` has already rejected unpaired surrogates.
 */
const NAME_START_ABOVE_ASCII =
  /[\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uD800-\uDB7F\uDC00-\uDFFF\uF900-\uFDCF\uFDF0-\uFFFD]/;

export function isNameStartChar(c: number): boolean {
  if (c < 0x80) {
    return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a;
  }
  return NAME_START_ABOVE_ASCII.test(String.fromCharCode(c));
}

/**
 * What each ASCII code unit is in a Name: NAME_START (it may start one), NAME_ONLY (it may only
 * continue one: `-`, `.`, digits), else 0. The scanner reads names through it: a lookup instead of
 * a call for every character, which is most of what reading a name costs before the JIT has
 * compiled the scanner (a command's first files).
 */
export const NAME_START = 2;
export const NAME_ONLY = 1;
export const ASCII_NAME: Uint8Array = (() => {
  const t = new Uint8Array(128);
  for (let c = 0; c < 128; c++) t[c] = isNameStartChar(c) ? NAME_START : isNameChar(c) ? NAME_ONLY : 0;
  return t;
})();

export function isNameChar(c: number): boolean {
  if (isNameStartChar(c)) return true;
  return (
    c === 0x2d ||
    c === 0x2e ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0xb7 ||
    (c >= 0x300 && c <= 0x36f) ||
    (c >= 0x203f && c <= 0x2040)
  );
}

/** True when the whole string is an XML Name. */
export function isXmlName(s: string): boolean {
  if (s.length === 0 || !isNameStartChar(s.charCodeAt(0))) return false;
  for (let i = 1; i < s.length; i++) if (!isNameChar(s.charCodeAt(i))) return false;
  return findInvalidChar(s) === -1;
}

/** True when the code point may appear in an XML 1.0 document. */
export function isXmlCodePoint(cp: number): boolean {
  if (cp < 0x20) return cp === 0x09 || cp === 0x0a || cp === 0x0d;
  if (cp <= 0xd7ff) return true;
  if (cp >= 0xe000 && cp <= 0xfffd) return true;
  return cp >= 0x10000 && cp <= 0x10ffff;
}

/**
 * The code units that may not appear in XML 1.0 (control characters other than tab, newline and
 * return; U+FFFE and U+FFFF), and the surrogates, which may, but only as a pair. Not a /u pattern:
 * on UTF-16 code units, V8 searches a one-byte string (every ASCII or Latin-1 file) for it about
 * three times as fast as a loop does, where a /u pattern was three times slower than the loop.
 */
const SUSPECT = /[\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/g;

/**
 * Offset of the first code unit that may not appear in XML 1.0, or -1: control characters other
 * than tab, newline and return, U+FFFE, U+FFFF and unpaired surrogates. Every file read goes
 * through it.
 */
export function findInvalidChar(text: string): number {
  SUSPECT.lastIndex = 0;
  while (SUSPECT.test(text)) {
    const i = SUSPECT.lastIndex - 1;
    const c = text.charCodeAt(i);
    // A surrogate is valid only as a high one followed by a low one: skip the pair and go on.
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        SUSPECT.lastIndex = i + 2;
        continue;
      }
    }
    SUSPECT.lastIndex = 0;
    return i;
  }
  return -1;
}

/** `'x'` for printable characters, `U+0001` for the rest; for messages. */
export function describeChar(text: string, offset: number): string {
  if (offset >= text.length) return 'the end of the input';
  const cp = text.codePointAt(offset) ?? 0;
  if (cp > 0x20 && cp !== 0x7f && isXmlCodePoint(cp)) return `'${String.fromCodePoint(cp)}'`;
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}
