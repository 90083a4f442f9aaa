// The -cpu items libvirt builds from <cpu> (cache, maxphysaddr, features, vendor_id, migratable),
// each expected value measured with the real libvirt 9.0 (`virsh -c qemu:///embed?root=DIR
// domxml-to-native qemu-argv` on this domain, type='qemu'); the 9.3+ values follow qemu_command.c @4cf22396.
import { describe, expect, it } from 'vitest';
import { parseDomainCapabilities, parseLibvirt, translateLibvirtToQemu } from '../../src/formats/libvirt/index.js';
import { okValue } from '../support/parse-result.js';

const domain = (cpu: string) =>
  `<domain type='qemu'>\n  <name>m</name>\n  <memory unit='KiB'>131072</memory>\n  <os><type arch='x86_64' machine='pc'>hvm</type></os>\n  <features><acpi/><pmu state='off'/></features>\n  ${cpu}\n  <clock offset='utc'/>\n  <devices/>\n</domain>\n`;

const cpuValue = (cpu: string, libvirtVersion = '9.0.0') =>
  translateLibvirtToQemu(okValue(parseLibvirt(domain(cpu))), { libvirtVersion }).text;

describe('<cpu><cache> (after pmu, as libvirt 9.0 prints it)', () => {
  it.each([
    ["<cpu mode='maximum'><cache mode='passthrough'/></cpu>", 'max,pmu=off,host-cache-info=on,l3-cache=off'],
    ["<cpu mode='maximum'><cache level='3' mode='emulate'/></cpu>", 'max,pmu=off,l3-cache=on,host-cache-info=off'],
    ["<cpu mode='maximum'><cache mode='disable'/></cpu>", 'max,pmu=off,host-cache-info=off,l3-cache=off'],
    ["<cpu mode='maximum'><cache level='03' mode='emulate'/></cpu>", 'max,pmu=off,l3-cache=on,host-cache-info=off'],
    ["<cpu mode='custom'><model>qemu64</model><cache level='3' mode='emulate'/></cpu>", 'qemu64,pmu=off,l3-cache=on'],
    ["<cpu mode='custom'><model>qemu64</model><cache mode='disable'/></cpu>", 'qemu64,pmu=off,l3-cache=off'],
    ["<cpu><cache mode='disable'/></cpu>", 'qemu64,pmu=off,l3-cache=off'],
    ["<cpu><cache level='3' mode='emulate'/></cpu>", 'qemu64,pmu=off,l3-cache=on'],
  ])('%s', (cpu, want) => expect(cpuValue(cpu)).toBe(want));
});

describe('<cpu><maxphysaddr>', () => {
  it.each([
    ["<cpu mode='maximum'><maxphysaddr mode='passthrough'/></cpu>", 'max,pmu=off,host-phys-bits=on'],
    [
      "<cpu mode='custom'><model>qemu64</model><maxphysaddr mode='passthrough'/></cpu>",
      'qemu64,pmu=off,host-phys-bits=on',
    ],
    ["<cpu mode='maximum'><maxphysaddr mode='passthrough' limit='39'/></cpu>", 'max,pmu=off,host-phys-bits=on'],
    ["<cpu mode='maximum'><maxphysaddr mode='emulate' bits='42'/></cpu>", 'max,pmu=off,phys-bits=42'],
    ["<cpu><maxphysaddr mode='emulate' bits='40'/></cpu>", 'qemu64,pmu=off,phys-bits=40'],
    ["<cpu mode='maximum'><maxphysaddr mode='emulate' bits='040'/></cpu>", 'max,pmu=off,phys-bits=40'],
    ["<cpu mode='maximum'><maxphysaddr mode='emulate' bits=' +40'/></cpu>", 'max,pmu=off,phys-bits=40'],
    ["<cpu mode='maximum'><maxphysaddr mode='emulate' bits='0'/></cpu>", 'max,pmu=off,phys-bits=0'],
    ["<cpu mode='maximum'><maxphysaddr mode='emulate' bits='2147483647'/></cpu>", 'max,pmu=off,phys-bits=2147483647'],
    // libvirt reads only the first <maxphysaddr>.
    [
      "<cpu mode='maximum'><maxphysaddr mode='passthrough'/><maxphysaddr mode='emulate' bits='40'/></cpu>",
      'max,pmu=off,host-phys-bits=on',
    ],
  ])('%s', (cpu, want) => expect(cpuValue(cpu)).toBe(want));

  it('from libvirt 9.3: limit, and emulate without bits', () => {
    expect(cpuValue("<cpu mode='maximum'><maxphysaddr mode='passthrough' limit='39'/></cpu>", '9.3.0')).toBe(
      'max,pmu=off,host-phys-bits=on,host-phys-bits-limit=39',
    );
    expect(cpuValue("<cpu mode='maximum'><maxphysaddr mode='emulate'/></cpu>", '9.3.0')).toBe(
      'max,pmu=off,host-phys-bits=off',
    );
    expect(cpuValue("<cpu mode='maximum'><maxphysaddr mode='emulate' bits='0'/></cpu>", '9.3.0')).toBe(
      'max,pmu=off,host-phys-bits=off',
    );
    expect(cpuValue("<cpu mode='maximum'><maxphysaddr mode='emulate' bits='42'/></cpu>", '9.3.0')).toBe(
      'max,pmu=off,phys-bits=42',
    );
  });
});

describe('the model part: features, vendor_id, migratable', () => {
  it.each([
    [
      "<cpu mode='custom'><model>qemu64</model><feature policy='require' name='vmx'/><feature policy='force' name='svm'/><feature policy='disable' name='aes'/><feature policy='forbid' name='lahf_lm'/></cpu>",
      'qemu64,vmx=on,svm=on,aes=off,lahf-lm=off,pmu=off',
    ],
    ["<cpu mode='custom'><model>qemu64</model><feature name='vmx'/></cpu>", 'qemu64,vmx=on,pmu=off'],
    [
      "<cpu mode='custom'><model>qemu64</model><feature policy='require' name='pclmuldq'/><feature policy='require' name='cmp_legacy'/></cpu>",
      'qemu64,pclmulqdq=on,cmp-legacy=on,pmu=off',
    ],
    ["<cpu mode='maximum'><feature name='vmx'/></cpu>", 'max,vmx=on,pmu=off'],
    ["<cpu mode='maximum'><feature policy='optional' name='vmx'/></cpu>", 'max,pmu=off'],
    [
      "<cpu mode='maximum' migratable='off'><feature policy='disable' name='vmx'/></cpu>",
      'max,migratable=off,vmx=off,pmu=off',
    ],
    ["<cpu mode='maximum' migratable='on'/>", 'max,migratable=on,pmu=off'],
    ["<cpu mode='custom'><model vendor_id='GenuineIntel'>qemu64</model></cpu>", 'qemu64,vendor=GenuineIntel,pmu=off'],
    [
      "<cpu mode='custom'><model vendor_id='AuthenticAMD'>qemu64</model><feature policy='disable' name='svm'/></cpu>",
      'qemu64,vendor=AuthenticAMD,svm=off,pmu=off',
    ],
    [
      "<cpu mode='custom'><model vendor_id='GenuineIntel'>qemu64</model><cache mode='disable'/></cpu>",
      'qemu64,vendor=GenuineIntel,pmu=off,l3-cache=off',
    ],
    ["<cpu mode='maximum'><model vendor_id='GenuineIntel'/></cpu>", 'max,pmu=off'],
    ["<cpu mode='custom'><model>qemu64</model><vendor>Intel</vendor></cpu>", 'qemu64,pmu=off'],
    [
      "<cpu mode='maximum'><cache mode='passthrough'/><maxphysaddr mode='emulate' bits='40'/><feature policy='disable' name='vmx'/></cpu>",
      'max,vmx=off,pmu=off,host-cache-info=on,l3-cache=off,phys-bits=40',
    ],
  ])('%s', (cpu, want) => expect(cpuValue(cpu)).toBe(want));

  it("host-passthrough: host,migratable=on unless written (libvirt's source; the embedded driver here needs /dev/kvm)", () => {
    expect(cpuValue("<cpu mode='host-passthrough'/>")).toBe('host,migratable=on,pmu=off');
    expect(cpuValue("<cpu mode='host-passthrough' migratable='off'><cache mode='passthrough'/></cpu>")).toBe(
      'host,migratable=off,pmu=off,host-cache-info=on,l3-cache=off',
    );
  });
});

describe("host-model and match='minimum' take the capabilities' model", () => {
  const caps = `<domainCapabilities><cpu><mode name='host-model' supported='yes'><model fallback='forbid'>EPYC</model><feature policy='require' name='acpi'/><feature policy='disable' name='vme'/></mode></cpu></domainCapabilities>`;
  it.each([
    [
      "<cpu mode='host-model'><model vendor_id='GenuineIntel'/></cpu>",
      'EPYC,vendor=GenuineIntel,acpi=on,vme=off,pmu=off',
    ],
    [
      "<cpu mode='host-model'><cache mode='disable'/><maxphysaddr mode='emulate' bits='40'/></cpu>",
      'EPYC,acpi=on,vme=off,pmu=off,l3-cache=off,phys-bits=40',
    ],
    [
      "<cpu mode='custom' match='minimum'><model>qemu64</model><feature policy='require' name='vmx'/></cpu>",
      'EPYC,acpi=on,vme=off,vmx=on,pmu=off',
    ],
  ])('%s', (cpu, want) => {
    const out = translateLibvirtToQemu(okValue(parseLibvirt(domain(cpu))), {
      libvirtVersion: '9.0.0',
      capabilities: parseDomainCapabilities(caps).caps,
    });
    expect(out.text).toBe(want);
  });

  it("match='minimum' without the capabilities says it depends on the host", () => {
    const out = translateLibvirtToQemu(
      okValue(parseLibvirt(domain("<cpu mode='custom' match='minimum'><model>qemu64</model></cpu>"))),
      { libvirtVersion: '9.0.0' },
    );
    expect(out.diagnostics.map((d) => d.code)).toContain('LIBVIRT_HOST_DEPENDENT');
  });
});
