import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareNames, compareSimpleNames } from '../../src/util/name-order.js';

const collator = new Intl.Collator();
const simple = fc.string({
  unit: fc.constantFrom(...' _-.0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'),
  maxLength: 12,
});

describe("file names in people's order without a collator", () => {
  it('agrees with Intl.Collator on names of letters, digits, space, _, - and .', () => {
    fc.assert(
      fc.property(simple, simple, (a, b) => {
        expect(compareSimpleNames(a, b)).toBe(Math.sign(collator.compare(a, b)));
      }),
      { numRuns: 20_000 },
    );
  });

  it('agrees on names that differ only in case or only in length', () => {
    fc.assert(
      fc.property(simple, fc.nat(), (a, seed) => {
        const flipped = [...a].map((c, i) => ((seed >> (i % 30)) & 1 ? c.toUpperCase() : c.toLowerCase())).join('');
        expect(compareSimpleNames(a, flipped)).toBe(Math.sign(collator.compare(a, flipped)));
        expect(compareSimpleNames(a, `${a}a`)).toBe(-1);
      }),
      { numRuns: 5_000 },
    );
  });

  it('leaves other names to a collator, and compareNames orders them as it does', () => {
    expect(compareSimpleNames('é.xml', 'e.xml')).toBeUndefined();
    expect(compareSimpleNames('a/b', 'a')).toBeUndefined();
    const names = [
      'Win10.xml',
      'win9.xml',
      'é.xml',
      'e.xml',
      'a b.xml',
      'a_b.xml',
      'a-b.xml',
      'a.b.xml',
      'Z~.xml',
      'vm10',
      'vm9',
    ];
    expect([...names].sort(compareNames)).toEqual([...names].sort(collator.compare));
  });
});
