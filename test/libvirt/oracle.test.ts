// libvirt's own test cases (test/fixtures/libvirt-oracles, see test/fixtures/PROVENANCE.md): domain XML -> the -cpu value in its .args file.
import { describe, expect, it } from 'vitest';
import { hasErrors } from '../../src/diagnostics/index.js';
import { parseDomainCapabilities, parseLibvirt, translateLibvirtToQemu } from '../../src/formats/libvirt/index.js';
import { extractCpuArg } from '../support/libvirt.js';
import { readFixture, readOracle } from './support.js';
import { okValue } from '../support/parse-result.js';

const caps = parseDomainCapabilities(readFixture('domcaps-test-qemu-hyperv.xml')).caps;

/** [args file, input XML files that must give its -cpu value]: the input, and libvirt's xml2xml output. */
const CASES: [string, string[]][] = [
  ['hyperv.x86_64-latest.args', ['hyperv.xml', 'hyperv.x86_64-latest.xml']],
  ['hyperv-off.x86_64-latest.args', ['hyperv-off.xml', 'hyperv-off.x86_64-latest.xml']],
  ['hyperv-panic.x86_64-latest.args', ['hyperv-panic.x86_64-latest.xml']],
  ['hyperv-passthrough.x86_64-latest.args', ['hyperv-passthrough.x86_64-latest.xml']],
  ['hyperv-passthrough.x86_64-6.1.0.args', ['hyperv-passthrough.x86_64-latest.xml']],
  ['hyperv-stimer-direct.x86_64-latest.args', ['hyperv-stimer-direct.xml', 'hyperv-stimer-direct.x86_64-latest.xml']],
  ['hyperv-host-model.x86_64-latest.args', ['hyperv-host-model.xml', 'hyperv-host-model.x86_64-latest.xml']],
  ['clock-timer-hyperv-rtc.x86_64-latest.args', ['clock-timer-hyperv-rtc.x86_64-latest.xml']],
];

const pairs = CASES.flatMap(([args, inputs]) => inputs.map((xml) => [args, xml] as const));

describe("libvirt's test cases (newest libvirt)", () => {
  it.each(pairs)('%s from %s', (args, xml) => {
    const want = extractCpuArg(readOracle(args));
    const parsed = okValue(parseLibvirt(readOracle(xml)));
    expect(hasErrors(parsed.diagnostics), JSON.stringify(parsed.diagnostics)).toBe(false);
    const out = translateLibvirtToQemu(parsed, { capabilities: caps });
    expect(out.text).toBe(want);
    expect(hasErrors(out.diagnostics)).toBe(false);
  });

  it('hyperv-host-model without the capabilities: only the listed features, and a note saying why', () => {
    const out = translateLibvirtToQemu(okValue(parseLibvirt(readOracle('hyperv-host-model.xml'))));
    expect(out.text).toBe('qemu64,hv-relaxed=on,hv-spinlocks=0x2000');
    expect(out.diagnostics.map((d) => d.code)).toEqual(['LIBVIRT_HOST_DEPENDENT']);
  });

  it('the newest hyperv args (input not in the index) from the input they describe', () => {
    // unpaired/hyperv.x86_64-latest.args: hyperv.xml plus the timer, retries 0x80000000,
    // tlbflush direct and extended, and xmm_input. Reconstructed, so a consistency check only.
    const xml = readOracle('hyperv.xml')
      .replace(
        "<clock offset='utc'/>",
        "<clock offset='utc'>\n    <timer name='hypervclock' present='yes'/>\n  </clock>",
      )
      .replace("retries='12287'", "retries='2147483648'")
      .replace(
        "<tlbflush state='on'/>",
        "<tlbflush state='on'>\n        <direct state='on'/>\n        <extended state='on'/>\n      </tlbflush>",
      )
      .replace("<emsr_bitmap state='on'/>", "<emsr_bitmap state='on'/>\n      <xmm_input state='on'/>");
    expect(translateLibvirtToQemu(okValue(parseLibvirt(xml))).text).toBe(
      extractCpuArg(readOracle('unpaired/hyperv.x86_64-latest.args')),
    );
  });
});

describe("libvirt's legacy test cases (i686, libvirt before QEMU's hv- spellings)", () => {
  it.each([
    ['legacy-qemuxml2argvdata/hyperv.args', 'legacy-qemuxml2argvdata/hyperv.xml'],
    ['legacy-qemuxml2argvdata/hyperv-panic.args', 'legacy-qemuxml2argvdata/hyperv-panic.xml'],
  ])('%s', (args, xml) => {
    const out = translateLibvirtToQemu(okValue(parseLibvirt(readOracle(xml))), { style: 'legacy' });
    expect(out.text).toBe(extractCpuArg(readOracle(args)));
  });

  it.each([
    ['legacy-qemuxml2argvdata/hyperv-passthrough.xml', 'qemu32,hv-passthrough=on'],
    ['legacy-qemuxml2argvdata/clock-timer-hyperv-rtc.xml', 'qemu32,hv-time=on'],
  ])('%s (input only): qemu32 for i686', (xml, want) => {
    expect(translateLibvirtToQemu(okValue(parseLibvirt(readOracle(xml)))).text).toBe(want);
  });
});

describe('the same cases for libvirt 9.0 (the one installed here)', () => {
  it('refuses <emsr_bitmap> (10.7) and <hyperv mode="host-model"> (11.9), in their words', () => {
    const hyperv = translateLibvirtToQemu(okValue(parseLibvirt(readOracle('hyperv.xml'))), { libvirtVersion: '9.0' });
    expect(hyperv.diagnostics.map((d) => [d.code, d.severity])).toEqual([['LIBVIRT_TOO_OLD', 'error']]);
    expect(hyperv.diagnostics[0]!.notes).toContain(
      'libvirt 9.0: unsupported HyperV Enlightenment feature: emsr_bitmap',
    );
    expect(hyperv.text).not.toContain('emsr');
    const hostModel = translateLibvirtToQemu(okValue(parseLibvirt(readOracle('hyperv-host-model.xml'))), {
      libvirtVersion: '9.0.0',
      capabilities: caps,
    });
    expect(hostModel.diagnostics.map((d) => d.code)).toContain('LIBVIRT_TOO_OLD');
  });

  it('ignores <tlbflush><direct/> (11.0) with a warning', () => {
    const xml = readOracle('hyperv.xml')
      .replace("<tlbflush state='on'/>", "<tlbflush state='on'><direct state='on'/></tlbflush>")
      .replace(/.*emsr_bitmap.*\n/, '');
    const out = translateLibvirtToQemu(okValue(parseLibvirt(xml)), { libvirtVersion: '9.0.0' });
    expect(out.text).not.toContain('tlbflush-direct');
    expect(out.diagnostics.map((d) => [d.code, d.severity])).toEqual([['LIBVIRT_TOO_OLD', 'warning']]);
  });
});
