// enlighten's -cpu value for random domains against the real libvirt 9.0's own translation
// (`virsh -c qemu:///embed?root=DIR domxml-to-native qemu-argv`), all in one virsh process.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { hasErrors } from '../../src/diagnostics/index.js';
import { parseLibvirt, translateLibvirtToQemu } from '../../src/formats/libvirt/index.js';
import { closeLibvirtHarness, domxmlToNativeMany, extractCpuArg, splitShellWords } from '../support/libvirt.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { arbitraryDomain } from './arbitrary-domain.js';
import { FIXTURES, hasKvm } from './support.js';
import { SEED } from '../support/seed.js';
import { okValue } from '../support/parse-result.js';

const RUNS = Number(process.env['ENLIGHTEN_NATIVE_RUNS'] ?? 300);

afterAll(() => closeLibvirtHarness());

function ours(xml: string) {
  const parsed = okValue(parseLibvirt(xml));
  const out = translateLibvirtToQemu(parsed, { libvirtVersion: '9.0.0' });
  return { text: out.text, diagnostics: [...parsed.diagnostics, ...out.diagnostics] };
}

describe('the -cpu value libvirt 9.0 passes to QEMU', () => {
  it(`matches enlighten for ${RUNS} random domains (seed ${SEED})`, async () => {
    // libvirt refuses <domain type='kvm'> where /dev/kvm is missing; the -cpu translation is the same for both.
    const kvm = hasKvm();
    console.log(
      `domxml-to-native: domain types ${kvm ? "'kvm' and 'qemu' (/dev/kvm works here)" : "'qemu' only (no usable /dev/kvm here)"}`,
    );
    const xmls = fc.sample(arbitraryDomain('random', kvm), { numRuns: RUNS, seed: SEED });
    const started = performance.now();
    const results = await domxmlToNativeMany(xmls);
    const libvirtMs = performance.now() - started;
    const mismatches: string[] = [];
    results.forEach((r, i) => {
      const xml = xmls[i]!;
      const mine = ours(xml);
      if (!r.ok) {
        mismatches.push(`#${i}: libvirt refused it (${r.error})\n${xml}`);
        return;
      }
      const theirs = extractCpuArg(r.argv);
      if (theirs !== mine.text) mismatches.push(`#${i}:\n  libvirt   ${theirs}\n  enlighten ${mine.text}\n${xml}`);
      else if (hasErrors(mine.diagnostics))
        mismatches.push(
          `#${i}: enlighten reports errors libvirt does not: ${mine.diagnostics.map((d) => d.message).join('; ')}\n${xml}`,
        );
    });
    console.log(`domxml-to-native: ${RUNS} domains in ${libvirtMs.toFixed(0)} ms (seed ${SEED})`);
    expect(mismatches.slice(0, 3).join('\n\n')).toBe('');
  }, 180_000);

  it("has libvirt's -cpu, then the <qemu:commandline> one, as enlighten reads and reports them", async () => {
    const xml = readFileSync(join(FIXTURES, 'qemu-cpu-override.xml'), 'utf8');
    const [r] = await domxmlToNativeMany([xml]);
    if (!r?.ok) throw new Error(`libvirt refused the fixture: ${r?.error}`);
    const words = splitShellWords(r.argv);
    const theirs = words.flatMap((w, i) => (w === '-cpu' ? [words[i + 1]] : []));
    const parsed = okValue(parseLibvirt(xml));
    expect(theirs).toEqual([
      translateLibvirtToQemu(parsed, { libvirtVersion: '9.0.0' }).text,
      ...(parsed.cpuOverrides ?? []).map((o) => o.value),
    ]);
    expect(parsed.diagnostics.map((d) => d.code)).toEqual(['LIBVIRT_CPU_OVERRIDDEN']);
  });

  const base = (inner: string, cpu = '') =>
    `<domain type='qemu'>\n  <name>refused</name>\n  <memory unit='KiB'>131072</memory>\n  <os>\n    <type arch='x86_64'>hvm</type>\n  </os>\n  <features>\n    <hyperv>\n      ${inner}\n    </hyperv>\n  </features>\n${cpu}</domain>\n`;
  const REFUSED: [string, string, string][] = [
    [
      'retries below 4095',
      base("<spinlocks state='on' retries='4094'/>"),
      'HyperV spinlock retry count must be at least 4095',
    ],
    [
      'octal retries 05000 = 2560',
      base("<spinlocks state='on' retries='05000'/>"),
      'HyperV spinlock retry count must be at least 4095',
    ],
    [
      'retries missing (required before 11.9)',
      base("<spinlocks state='on'/>"),
      "Missing required attribute 'retries' in element 'spinlocks'",
    ],
    [
      'retries not a number',
      base("<spinlocks state='on' retries='lots'/>"),
      "Invalid value for attribute 'retries' in element 'spinlocks': 'lots'",
    ],
    [
      'vendor_id over 12 characters',
      base("<vendor_id state='on' value='1234567890123'/>"),
      'HyperV vendor_id value must not be more than 12 characters.',
    ],
    ['vendor_id with a comma', base("<vendor_id state='on' value='a,b'/>"), 'HyperV vendor_id value is invalid'],
    [
      'vendor_id without value',
      base("<vendor_id state='on'/>"),
      "missing 'value' attribute for HyperV feature 'vendor_id'",
    ],
    [
      'state not on/off',
      base("<relaxed state='ON'/>"),
      "Invalid value for attribute 'state' in element 'relaxed': 'ON'.",
    ],
    ['state missing', base('<relaxed/>'), "Missing required attribute 'state' in element 'relaxed'"],
    ['unknown element', base("<relaxd state='on'/>"), 'unsupported HyperV Enlightenment feature: relaxd'],
    [
      'element newer than 9.0',
      base("<emsr_bitmap state='on'/>"),
      'unsupported HyperV Enlightenment feature: emsr_bitmap',
    ],
    [
      'unknown stimer child',
      base("<stimer state='on'><drect state='on'/></stimer>"),
      'unsupported Hyper-V stimer feature: drect',
    ],
    [
      'direct without state',
      base("<stimer state='on'><direct/></stimer>"),
      "Missing required attribute 'state' in element 'direct'",
    ],
    [
      'bad mode',
      base('').replace('<hyperv>', "<hyperv mode='bogus'>"),
      "Invalid value for attribute 'mode' in element 'hyperv': 'bogus'.",
    ],
    [
      'host-model mode (11.9)',
      base('').replace('<hyperv>', "<hyperv mode='host-model'>"),
      "Invalid value for attribute 'mode' in element 'hyperv': 'host-model'.",
    ],
  ];

  it('refuses exactly what enlighten reports as an error, in the same words', async () => {
    const results = await domxmlToNativeMany(REFUSED.map(([, xml]) => xml));
    REFUSED.forEach(([what, xml, says], i) => {
      const r = results[i]!;
      expect(r.ok, what).toBe(false);
      if (!r.ok) expect(r.error, what).toContain(says);
      const mine = ours(xml);
      const errors = mine.diagnostics.filter((d) => d.severity === 'error');
      expect(errors.length, what).toBeGreaterThan(0);
      expect(errors.map((d) => `${d.message} ${(d.notes ?? []).join(' ')}`).join('\n'), what).toContain(says);
    });
  }, 120_000);
});
