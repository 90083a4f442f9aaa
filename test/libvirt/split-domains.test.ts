// splitDomains: the texts `virt-install --print-xml` writes (two <domain> elements one after
// another) are split; one domain, a longer name, or a domain inside another are not.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitDomains } from '../../src/formats/libvirt/split-domains.js';
import { SEED } from '../support/seed.js';

const dom = (name: string, open = '<domain type="kvm">') => `${open}\n  <name>${name}</name>\n</domain>\n`;

describe('splitDomains', () => {
  it('splits two domains, whatever whitespace follows the name, with each position kept', () => {
    for (const open of [
      '<domain>',
      '<domain type="kvm">',
      '<domain\ttype="kvm">',
      '<domain\ntype="kvm">',
      '<domain\r\n type="kvm">',
    ]) {
      const text = dom('install', open) + dom('boot', open);
      const pieces = splitDomains(text)!;
      expect(pieces.map((p) => p.name)).toEqual(['install', 'boot']);
      expect(text.slice(pieces[1]!.span.start, pieces[1]!.span.end)).toBe(dom('boot', open).trimEnd());
    }
  });

  it('leaves one domain, longer names and a second start that is no domain', () => {
    expect(splitDomains(dom('a'))).toBeUndefined();
    expect(splitDomains(`${dom('a')}<domainx>\n</domainx>\n`)).toBeUndefined();
    expect(splitDomains(`<domains>${dom('a')}</domains>`)).toBeUndefined();
    expect(splitDomains(`${dom('a')}<!-- <domain> -->\n`)).toBeUndefined();
  });

  it('never throws, and splits only what parses as two or more <domain> roots', () => {
    const piece = fc.constantFrom(
      dom('a'),
      dom('b', '<domain>'),
      '<domainx/>',
      '<domain',
      '</domain>',
      ' ',
      '\n',
      'x',
      '<',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 6 }), (parts) => {
        const pieces = splitDomains(parts.join(''));
        if (pieces) expect(pieces.length).toBeGreaterThanOrEqual(2);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });
});
