import { describe, expect, it } from 'vitest';
import { parseCInteger } from '../../src/syntax/c-integer.js';

describe('parseCInteger (strtoull/strtoll, base 0)', () => {
  it.each([
    ['0', 0n],
    ['4095', 4095n],
    ['0x1fff', 0x1fffn],
    ['0XFFF', 0xfffn],
    ['017', 15n],
    ['00', 0n],
    ['-1', -1n],
    ['+12', 12n],
    [' \t42', 42n],
    ['18446744073709551616', 18446744073709551616n],
  ])('%j is %s', (text, value) => {
    expect(parseCInteger(text)).toBe(value);
  });

  it.each(['', ' ', '0x', '08', '0b1', '1.5', '12 ', '1e3', 'ten', '--1', '0x-1'])('%j is not a C integer', (text) => {
    expect(parseCInteger(text)).toBeNull();
  });
});
