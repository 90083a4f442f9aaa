import { afterAll, describe, expect, it } from 'vitest';
import { getFormat } from '../../src/formats/registry.js';
import { emptySet } from '../../src/model/index.js';
import { PRESETS } from '../../src/recommend/presets.js';
import { recommend, recommendContext } from '../../src/recommend/recommend.js';
import { closeLibvirtHarness, defineAndDump, validateDomainXml } from '../support/libvirt.js';
import { allCombinations, label } from './matrix.js';

afterAll(() => closeLibvirtHarness());

/** The parts recommend --to libvirt prints, pasted into a minimal domain. */
function domainWith(parts: string, n: number): string {
  return `<domain type='kvm'>\n  <name>enlighten-rec-${n}</name>\n  <memory unit='KiB'>131072</memory>\n  <os>\n    <type arch='x86_64' machine='pc-q35-7.2'>hvm</type>\n  </os>\n${parts}\n</domain>\n`;
}

describe('the real libvirt 9.0 accepts every domain recommend --to libvirt writes', () => {
  it('schema (virt-xml-validate) and parser (virsh define on the test driver), each distinct output once', async () => {
    const lv = getFormat('libvirt')!;
    const outputs = new Map<string, string>();
    for (const req of allCombinations()) {
      for (const preset of [undefined, ...PRESETS.map((p) => p.name)]) {
        const r = recommend({ ...req, ...(preset ? { preset } : {}), target: 'libvirt', libvirtVersion: '9.0.0' });
        const input = {
          format: 'libvirt' as const,
          source: '',
          set: emptySet(),
          origins: {},
          context: recommendContext(r),
          diagnostics: [],
        };
        const text = lv.print!(r.set, { input, libvirtVersion: '9.0.0' }).text;
        if (!outputs.has(text)) outputs.set(text, `${label(req)} preset=${preset ?? '-'}`);
      }
    }
    expect(outputs.size).toBeGreaterThan(10);
    const refused: string[] = [];
    let n = 0;
    for (const [parts, who] of outputs) {
      const xml = domainWith(parts, n++);
      const schema = await validateDomainXml(xml);
      if (!schema.ok) refused.push(`${who}: schema: ${schema.output}\n${parts}`);
      const defined = await defineAndDump(xml);
      if (!defined.ok) refused.push(`${who}: define: ${defined.error}\n${parts}`);
      else if (parts.includes('<hyperv')) expect(defined.xml, who).toContain('<hyperv');
    }
    expect(refused).toEqual([]);
  }, 600_000);
});
