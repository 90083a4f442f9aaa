// findInvalidChar against XML 1.0's Char production, written as the one /u pattern it replaced
// (the oracle here): the same offset for every string, including lone and paired surrogates.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ASCII_NAME,
  NAME_ONLY,
  NAME_START,
  findInvalidChar,
  isNameChar,
  isNameStartChar,
} from '../../../src/syntax/xml/chars.js';

const ORACLE = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

describe('findInvalidChar', () => {
  it('finds what the Char production forbids, and nothing else', () => {
    const cases: [string, number][] = [
      ['<a/>', -1],
      ['a\tb\nc\rd', -1],
      ['a\u0000', 1],
      ['\u0008', 0],
      ['\u001f', 0],
      ['ok \uFFFD', -1],
      ['\uFFFE', 0],
      ['x\uFFFF', 1],
      ['\uD83D\uDE00 smile', -1],
      ['\uD83D', 0],
      ['a\uDE00', 1],
      ['\uD83Dx', 0],
      ['\uDBFF\uDFFF', -1],
      ['\uD7FF\uE000', -1],
      // After a pair the search goes on: the next suspect counts, and a second call starts over.
      ['\uD83D\uDE00\u0001', 2],
      ['\uD83D\uDE00a\uD83D\uDE00b\uDE00', 6],
      [`${'<a/>'.repeat(10_000)}\u000b`, 40_000],
      ['\u000b', 0],
    ];
    for (const [text, at] of cases) expect(findInvalidChar(text), JSON.stringify(text)).toBe(at);
  });

  it('agrees with the pattern on any string of code units', () => {
    // Code units near every boundary of the production, mixed with plain ASCII.
    const unit = fc.oneof(
      fc.integer({ min: 0, max: 0x7f }),
      fc.constantFrom(
        0x09,
        0x0a,
        0x0d,
        0x1f,
        0x20,
        0xd7ff,
        0xd800,
        0xdbff,
        0xdc00,
        0xdfff,
        0xe000,
        0xfffd,
        0xfffe,
        0xffff,
      ),
      fc.integer({ min: 0, max: 0xffff }),
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 40 }), (units) => {
        const text = String.fromCharCode(...units);
        expect(findInvalidChar(text)).toBe(text.search(ORACLE));
      }),
      { numRuns: 3000 },
    );
  });
});

// The scanner reads names through ASCII_NAME (a table, not a call per character): it must say
// what isNameStartChar and isNameChar say for every ASCII code unit.
describe('ASCII_NAME', () => {
  it('agrees with isNameStartChar and isNameChar on all of ASCII', () => {
    for (let c = 0; c < 128; c++) {
      const want = isNameStartChar(c) ? NAME_START : isNameChar(c) ? NAME_ONLY : 0;
      expect(ASCII_NAME[c], `code ${c}`).toBe(want);
    }
    expect(ASCII_NAME[0x2d]).toBe(NAME_ONLY);
    expect(ASCII_NAME[0x3a]).toBe(NAME_START);
    expect(ASCII_NAME[0x20]).toBe(0);
  });
});
