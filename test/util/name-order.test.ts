import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareNames, compareSimpleNames } from '../../src/util/name-order.js';

const collator = new Intl.Collator('en');
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

  it('is one order in any locale: the names it compares and those it gives a collator agree', () => {
    // A Danish locale sorts 'aa' after 'z' and capitals first. The names compared here follow the
    // root order, so a collator of the user's locale for the others made 'aa' < 'b' < 'é' < 'aa':
    // no order at all, and a folder's rows came in readdir's order. Run in a process of that locale.
    const names = ['aa.xml', 'b.xml', 'é.xml', 'A.xml', 'a.xml', 'zz.xml'];
    const module = new URL('../../src/util/name-order.ts', import.meta.url).href;
    const script = `import { compareNames } from ${JSON.stringify(module)};
      const names = ${JSON.stringify(names)};
      const orders = new Set();
      for (let i = 0; i < names.length; i++) {
        const turned = [...names.slice(i), ...names.slice(0, i)];
        orders.add([...turned].sort(compareNames).join(' '));
        orders.add([...turned].reverse().sort(compareNames).join(' '));
      }
      console.log(JSON.stringify([...orders]));`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      env: { ...process.env, LC_ALL: 'da_DK.UTF-8', LANG: 'da_DK.UTF-8' },
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual([[...names].sort(new Intl.Collator('en').compare).join(' ')]);
  });
});
