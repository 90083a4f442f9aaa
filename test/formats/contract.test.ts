import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FeatureId } from '../../src/catalog/index.js';
import { CATALOG, FEATURE_IDS } from '../../src/catalog/index.js';
import { FORMAT_NAMES, FORMATS, detectFormat, formatOf, getFormat } from '../../src/formats/registry.js';
import type { FormatId } from '../../src/formats/types.js';
import { emptySet } from '../../src/model/index.js';
import { okValue } from '../support/parse-result.js';

const byId = (id: FormatId) => formatOf(id);

describe('the format contract', () => {
  it('registers each syntax once, and FormatId is the registry ids', () => {
    const ids: FormatId[] = FORMATS.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(['qemu', 'json', 'virt-xml', 'libvirt', 'kubevirt', 'proxmox']);
    for (const id of ids) expect(getFormat(id)?.id).toBe(id);
  });

  it('names what each syntax reads from the format itself', () => {
    for (const f of FORMATS) {
      expect(FORMAT_NAMES[f.id]).toBe(f.describes);
      expect(f.describes.length).toBeGreaterThan(0);
    }
  });

  it('says which program reads each syntax, and which releases it follows', () => {
    expect(Object.fromEntries(FORMATS.map((f) => [f.id, f.readBy]))).toEqual({
      qemu: 'qemu',
      json: 'qemu',
      'virt-xml': 'libvirt',
      libvirt: 'libvirt',
      kubevirt: 'libvirt',
      proxmox: 'qemu',
    });
    for (const f of FORMATS) expect(f.versions.program && f.versions.releases && f.versions.measured).toBeTruthy();
    expect(byId('libvirt').versions.releases).toMatch(/^9\.0 to \d+\.\d+\.\d+$/);
  });

  it('every format names every feature, alone and with a value', () => {
    for (const f of FORMATS) {
      for (const id of FEATURE_IDS) {
        expect(f.spell(id)).not.toBe('');
        expect(f.spell(id, true)).toContain(f.spell(id));
      }
    }
  });

  it('spells each syntax in its own words', () => {
    expect(byId('qemu').spell('spinlocks', 0x1fff)).toBe('hv-spinlocks=0x1fff');
    expect(byId('qemu').spell('kvm-hidden', true)).toBe('kvm=off');
    expect(byId('libvirt').spell('stimer-direct')).toBe('<stimer><direct>');
    expect(byId('libvirt').spell('spinlocks', 0x1fff)).toBe('<spinlocks> 0x1fff');
    expect(byId('libvirt').spell('time')).toBe("<timer name='hypervclock'>");
    expect(byId('json').spell('synic')).toBe('"synic"');
    expect(byId('json').spell('spinlocks', 8191)).toBe('"spinlocks": 8191');
  });

  it('virt-xml names a feature by the domain element its commands change, as libvirt does', () => {
    for (const id of FEATURE_IDS) expect(byId('virt-xml').spell(id)).toBe(byId('libvirt').spell(id));
  });

  it('spells fix words in the style of the input', () => {
    const legacy = okValue(byId('qemu').parse('-cpu host,hv_relaxed'));
    expect(byId('qemu').spellChange(legacy)('synic', true)).toBe('add hv_synic');
    const xml = okValue(
      byId('libvirt').parse('<domain type="kvm"><features><hyperv><relaxed state="on"/></hyperv></features></domain>'),
    );
    expect(byId('libvirt').spellChange(xml)('synic', true)).toBe('add <synic state="on"/> to <hyperv>');
    expect(byId('libvirt').spellChange(xml)('time', null)).toBe('remove <timer name="hypervclock"> from <clock>');
  });

  it('writes examples with the value it is given (the catalog example in explain), not a fixed one', () => {
    const libvirt = byId('libvirt').example!;
    expect(libvirt.write('spinlocks', 4095)).toBe(
      "<features><hyperv><spinlocks state='on' retries='4095'/></hyperv></features>",
    );
    expect(libvirt.write('vendor-id', 'Example')).toBe(
      "<features><hyperv><vendor_id state='on' value='Example'/></hyperv></features>",
    );
    expect(libvirt.write('stimer-direct', true)).toBe(
      "<features><hyperv><stimer state='on'><direct state='on'/></stimer></hyperv></features>",
    );
    expect(byId('virt-xml').example!.write('spinlocks', 4095)).toBe(
      '--features hyperv_spinlocks=on,hyperv_spinlocks_retries=4095',
    );
    const noElement = FEATURE_IDS.find((id) => !CATALOG[id].libvirt) as FeatureId;
    expect(libvirt.write(noElement, true)).toBeNull();
  });

  it('finds a feature by the name a syntax gives it', () => {
    expect(byId('qemu').featureNamed!('hv_stimer')).toBe('stimer');
    expect(byId('libvirt').featureNamed!('emsr_bitmap')).toBe('emsr-bitmap');
    expect(byId('libvirt').featureNamed!('hypervclock')).toBe('time');
  });

  it('detects, parses and prints through the entry alone', () => {
    for (const f of FORMATS) {
      if (!f.print) continue;
      const text = f.print({ ...emptySet(), features: { relaxed: true } }, {}).text;
      const found = detectFormat(text);
      if (found?.id !== f.id) continue; // a bare -cpu value or a command: another syntax may claim it
      expect(okValue(found.parse(text)).set.features.relaxed).toBe(true);
    }
  });
});

/** Code outside src/formats/ (and the catalog's data) that would know a syntax's spelling. */
describe('no code outside src/formats/ spells a syntax', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) =>
      statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : n.endsWith('.ts') ? [join(dir, n)] : [],
    );
  const outside = files('src').filter(
    (f) => !f.startsWith(join('src', 'formats')) && !f.startsWith(join('src', 'catalog')),
  );
  const read = (f: string) => readFileSync(f, 'utf8');
  it('has no switch over libvirt spelling kinds', () => {
    expect(outside.filter((f) => /case '(hyperv-child|panic|timer|kvm)'/.test(read(f)))).toEqual([]);
  });
  it('reads no libvirt element names', () => {
    expect(
      outside.filter((f) => /\.libvirt\??\.(kind|element)\b|\bkind === '(hyperv|hyperv-child)'/.test(read(f))),
    ).toEqual([]);
  });
  // Branches on a format id and templates that build a syntax: test/architecture/spelling.test.ts.
});
