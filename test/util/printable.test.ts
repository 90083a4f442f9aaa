// printable() escapes what a terminal would act on; it first asks whether the text has any such
// character at all (most has none). Every UTF-16 code unit is tried, alone and inside text, so the
// question and the escaping must agree on every one.
import { describe, expect, it } from 'vitest';
import { printable } from '../../src/util/printable.js';

/** The characters printable escapes, as its documentation lists them. */
function isControl(c: number): boolean {
  return (
    c <= 0x1f ||
    (c >= 0x7f && c <= 0x9f) ||
    c === 0x2028 ||
    c === 0x2029 ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2066 && c <= 0x2069)
  );
}

describe('printable', () => {
  it('escapes exactly the control characters, alone or in text, and leaves all else as it was', () => {
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      const escaped =
        ch === '\n' ? '\\n' : ch === '\r' ? '\\r' : ch === '\t' ? '\\t' : `\\u${c.toString(16).padStart(4, '0')}`;
      const want = isControl(c) ? escaped : ch;
      expect(printable(ch), `U+${c.toString(16)}`).toBe(want);
      expect(printable(`vm ${ch} x`), `U+${c.toString(16)} in text`).toBe(`vm ${want} x`);
      expect(printable(`a${ch}`, true), `U+${c.toString(16)}, tabs kept`).toBe(c === 9 ? 'a\t' : `a${want}`);
    }
  });

  it('gives back the very string when there is nothing to escape', () => {
    const text = 'hv-relaxed on <vm1> – ok';
    expect(printable(text)).toBe(text);
    expect(printable('two\x1b[31m\nlines')).toBe('two\\u001b[31m\\nlines');
  });
});
